"""Scores the trained model on a labelled JSONL set with PERSON / LOCATION / ORGANIZATION spans
(for example the presidio-research synthetic set), per entity, exact and overlapping spans.

  /usr/bin/python3 models/train/eval_presidio.py path/to/labelled.jsonl [--errors N]

Measures only; nothing here is used for training. Reads the weights that train_ner.py left in
models/train/data/model.pt and the vocabulary and config in models/pii-ner.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from ner_eval import format_scores, predict, score  # noqa: E402
from ner_model import BertTokenClassifier  # noqa: E402
from wordpiece import WordPiece  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD_LABELS = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG", "PER": "PER", "LOC": "LOC", "ORG": "ORG"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--model", default=os.path.join(HERE, "..", "pii-ner"))
    ap.add_argument("--weights", default=os.path.join(HERE, "data", "model.pt"))
    ap.add_argument("--errors", type=int, default=0, help="print this many misses and false alarms")
    ap.add_argument("--json", help="write the scores here")
    args = ap.parse_args()
    torch.set_num_threads(1)
    with open(os.path.join(args.model, "config.json")) as f:
        config = json.load(f)
    wp = WordPiece.from_tokenizer_json(os.path.join(args.model, "tokenizer.json"))
    model = BertTokenClassifier(config["vocab_size"], config["hidden_size"], config["num_hidden_layers"], config["num_attention_heads"], config["intermediate_size"])
    model.load_state_dict(torch.load(args.weights))
    records = []
    with open(args.data, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = r["text"]
            golds = []
            for s in r["spans"]:
                if s["label"] in GOLD_LABELS:
                    # Code-point offsets: the file may carry them; else derive from UTF-16 ones.
                    start = s.get("start_cp", len(text.encode("utf-16-le")[: 2 * s["start"]].decode("utf-16-le")))
                    end = s.get("end_cp", len(text.encode("utf-16-le")[: 2 * s["end"]].decode("utf-16-le")))
                    golds.append({"start": start, "end": end, "label": GOLD_LABELS[s["label"]]})
            records.append((r.get("id"), text, golds))
    preds = predict(model, wp, [t for _, t, _ in records])
    result = score([g for _, _, g in records], preds)
    print(f"{len(records)} records from {args.data}\n" + format_scores(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)
    shown = 0
    for (rid, text, gold), pred in zip(records, preds):
        if shown >= args.errors:
            break
        g = {(s["start"], s["end"], s["label"]) for s in gold}
        p = {(s["start"], s["end"], s["label"]) for s in pred}
        if g != p:
            shown += 1
            mark = lambda spans: ", ".join(f"{l}:{text[s:e]!r}" for s, e, l in sorted(spans))
            print(f"--- {rid}: {text[:200]!r}\n  gold: {mark(g)}\n  pred: {mark(p)}")


if __name__ == "__main__":
    main()
