"""Trains the PERSON / LOCATION / ORGANIZATION token classifier and writes models/pii-ner.

  nice -n 10 /usr/bin/python3 models/train/train_ner.py [--steps 4000] [--threads 1]

Reads models/train/data/{train,dev}.jsonl (generate-ner-data.ts) and the vocabulary in
models/pii-ner/tokenizer.json (build_vocab.py); writes onnx/model.onnx (opset 14, dynamic batch
and sequence axes), config.json, and metrics.json with the held-out scores. Seeded, CPU only.
"""
import argparse
import json
import math
import os
import random
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(__file__))
from ner_eval import encode_record, format_scores, predict, score  # noqa: E402
from ner_model import LABELS, BertTokenClassifier  # noqa: E402
from wordpiece import WordPiece  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.normpath(os.path.join(HERE, "..", "pii-ner"))
CLS, SEP = 2, 3
IGNORE = -100


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def examples(wp, records, max_tokens, pack_share, rng):
    """(ids, labels) rows: single records, plus packed runs of records up to 510 tokens so every
    position embedding is trained (the tokenizer allows 512)."""
    encoded = [encode_record(wp, r["text"], r["spans"], max_tokens) for r in records]
    rows = [([t[0] for t in toks], labs) for toks, labs in encoded]
    packed = []
    for _ in range(int(len(rows) * pack_share)):
        target = rng.randint(128, 510)
        ids, labs = [], []
        while len(ids) < target:
            more_ids, more_labs = rows[rng.randrange(len(rows))]
            ids += more_ids
            labs += more_labs
        packed.append((ids[:510], labs[:510]))
    return rows + packed


def batches(rows, tokens_per_batch, rng):
    """Batches of similar length (fewer pad tokens), in random order."""
    order = sorted(range(len(rows)), key=lambda i: (len(rows[i][0]), rng.random()))
    out, cur, width = [], [], 0
    for i in order:
        w = len(rows[i][0]) + 2
        if cur and max(width, w) * (len(cur) + 1) > tokens_per_batch:
            out.append(cur)
            cur, width = [], 0
        cur.append(i)
        width = max(width, w)
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def tensors(rows, idx, replace=0.0, vocab_size=0, rng=None):
    """A padded batch; with `replace` > 0, that share of the text tokens becomes a random vocabulary
    token (label kept), so the model reads the context and not only the token it sits on."""
    width = max(len(rows[i][0]) for i in idx) + 2
    ids = torch.zeros(len(idx), width, dtype=torch.long)
    mask = torch.zeros(len(idx), width, dtype=torch.long)
    labels = torch.full((len(idx), width), IGNORE, dtype=torch.long)
    for r, i in enumerate(idx):
        tok, lab = rows[i]
        n = len(tok) + 2
        if replace > 0:
            tok = [rng.randrange(5, vocab_size) if rng.random() < replace else t for t in tok]
        ids[r, :n] = torch.tensor([CLS] + tok + [SEP])
        mask[r, :n] = 1
        # [CLS] and [SEP] learn "O" so that no consumer ever sees an entity on them.
        labels[r, :n] = torch.tensor([0] + lab + [0], dtype=torch.long)
    return ids, mask, labels


def export(model, path):
    model.eval()
    ids = torch.tensor([[CLS, 10, 11, 12, SEP], [CLS, 13, SEP, 0, 0]])
    mask = (ids != 0).long()
    axes = {0: "batch_size", 1: "sequence_length"}
    torch.onnx.export(
        model, (ids, mask, torch.zeros_like(ids)), path, opset_version=14, do_constant_folding=True,
        input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
        dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "logits": axes},
    )


def write_config(args, vocab_size, path):
    config = {
        "model_type": "bert",
        "architectures": ["BertForTokenClassification"],
        "vocab_size": vocab_size,
        "hidden_size": args.hidden,
        "num_hidden_layers": args.layers,
        "num_attention_heads": args.heads,
        "intermediate_size": args.intermediate,
        "hidden_act": "gelu",
        "max_position_embeddings": 512,
        "type_vocab_size": 2,
        "layer_norm_eps": 1e-12,
        "pad_token_id": 0,
        "id2label": {str(i): l for i, l in enumerate(LABELS)},
        "label2id": {l: i for i, l in enumerate(LABELS)},
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--out", default=MODEL_DIR)
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--tokens-per-batch", type=int, default=1024)
    ap.add_argument("--lr", type=float, default=1e-3)
    # Dropout 0.1 and no token replacement: lr 2e-3, no dropout and 3% random tokens scored
    # better on the generated held-out split but worse on text unlike the templates (more false
    # spans on a name-free chat corpus), i.e. they fit the generator, not the task.
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--replace", type=float, default=0.0, help="share of tokens swapped for random ones (label kept)")
    # v5: hidden 256 (4 heads of 64). Chosen over 128 on the held-out splits (0.935 vs 0.912 PERSON on
    # the v4 generator's, whose templates are partly unseen) and over 4 layers (equal, twice the cost).
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--intermediate", type=int, default=1024)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    started = time.time()
    wp = WordPiece.from_tokenizer_json(os.path.join(args.out, "tokenizer.json"))
    train_records = load(os.path.join(args.data, "train.jsonl"))
    dev_records = load(os.path.join(args.data, "dev.jsonl"))
    rows = examples(wp, train_records, 254, 0.08, rng)
    print(f"{len(train_records)} train records -> {len(rows)} rows, {sum(len(r[0]) for r in rows)} tokens ({time.time() - started:.0f}s)", flush=True)

    model = BertTokenClassifier(len(wp.vocab), args.hidden, args.layers, args.heads, args.intermediate, dropout=args.dropout)
    print(f"{sum(p.numel() for p in model.parameters()) / 1e6:.2f} M parameters", flush=True)
    decay = [p for n, p in model.named_parameters() if p.dim() > 1]
    no_decay = [p for n, p in model.named_parameters() if p.dim() <= 1]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}], lr=args.lr)
    warmup = max(1, args.steps // 16)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min((s + 1) / warmup, max(0.0, (args.steps - s) / (args.steps - warmup))))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=IGNORE)

    step, epoch, seen, recent = 0, 0, 0, []
    while step < args.steps:
        epoch += 1
        for idx in batches(rows, args.tokens_per_batch, rng):
            if step >= args.steps:
                break
            model.train()
            ids, mask, labels = tensors(rows, idx, args.replace, len(wp.vocab), rng)
            logits = model(ids, mask, torch.zeros_like(ids))
            loss = loss_fn(logits.view(-1, len(LABELS)), labels.view(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            step += 1
            seen += len(idx)
            recent = (recent + [loss.item()])[-200:]
            if step % 200 == 0 or step == 1:
                print(f"step {step}/{args.steps} epoch {epoch} loss {sum(recent) / len(recent):.4f} (mean of last {len(recent)}) rows {seen} ({time.time() - started:.0f}s)", flush=True)
    train_seconds = time.time() - started

    golds = [[{"start": s["start_cp"], "end": s["end_cp"], "label": s["label"]} for s in r["spans"]] for r in dev_records]
    dev_scores = score(golds, predict(model, wp, [r["text"] for r in dev_records]))
    print("held-out generated split:\n" + format_scores(dev_scores), flush=True)

    os.makedirs(os.path.join(args.out, "onnx"), exist_ok=True)
    export(model, os.path.join(args.out, "onnx", "model.onnx"))
    write_config(args, len(wp.vocab), os.path.join(args.out, "config.json"))
    torch.save(model.state_dict(), os.path.join(args.data, "model.pt"))
    with open(os.path.join(args.data, "metrics.json"), "w") as f:
        json.dump({"train_seconds": round(train_seconds), "steps": args.steps, "epochs": epoch, "rows_seen": seen, "dev": dev_scores, "args": vars(args)}, f, indent=2)
    print(f"done in {time.time() - started:.0f}s (training {train_seconds:.0f}s)")


if __name__ == "__main__":
    main()
