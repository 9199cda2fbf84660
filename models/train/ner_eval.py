"""Span decoding and per-entity scoring shared by train_ner.py and eval_presidio.py."""
import torch

from ner_model import LABELS


def encode_record(wp, text, spans=(), max_tokens=None):
    """Token ids, BIO label ids and token offsets (code points) for one text.

    Every sub-word piece is labelled (B- on the first piece of an entity, I- after), so both a
    first-piece decoder and transformers.js's token grouping read whole entities.
    """
    tokens = wp.encode(text)
    if max_tokens is not None:
        tokens = tokens[:max_tokens]
    labels = [0] * len(tokens)
    for span in spans:
        first = True
        for i, (_, _, s, e, _) in enumerate(tokens):
            if s < span["end_cp"] and e > span["start_cp"]:
                labels[i] = LABELS.index(("B-" if first else "I-") + span["label"])
                first = False
    return tokens, labels


def decode_spans(tokens, label_ids):
    """Entity spans (code points) from per-token predictions: the first piece of each word
    decides the word's label; a word tagged I-X continues an entity of type X before it."""
    words = []  # [word_index, label, start, end]
    for (_, _, s, e, w), lab in zip(tokens, label_ids):
        if words and words[-1][0] == w:
            words[-1][3] = e
        else:
            words.append([w, LABELS[lab], s, e])
    spans, prev = [], None
    for _, label, s, e in words:
        if label == "O":
            prev = None
            continue
        kind, typ = label.split("-")
        if kind == "I" and spans and prev == typ:
            spans[-1]["end"] = e
        else:
            spans.append({"start": s, "end": e, "label": typ})
        prev = typ
    return spans


@torch.no_grad()
def predict(model, wp, texts, batch_size=32, max_tokens=510):
    """Predicted spans for each text (code-point offsets)."""
    model.eval()
    out = []
    for i in range(0, len(texts), batch_size):
        chunk = [wp.encode(t)[:max_tokens] for t in texts[i:i + batch_size]]
        width = max(len(t) for t in chunk) + 2
        ids = torch.zeros(len(chunk), width, dtype=torch.long)
        mask = torch.zeros(len(chunk), width, dtype=torch.long)
        for r, toks in enumerate(chunk):
            row = [2] + [t[0] for t in toks] + [3]
            ids[r, :len(row)] = torch.tensor(row)
            mask[r, :len(row)] = 1
        pred = model(ids, mask, torch.zeros_like(ids)).argmax(-1)
        for r, toks in enumerate(chunk):
            out.append(decode_spans(toks, pred[r, 1:len(toks) + 1].tolist()))
    return out


def score(golds, preds, labels=("PER", "LOC", "ORG")):
    """Precision/recall/F1 per label, exact offsets and overlap (one-to-one pairing, like eval-pii.ts)."""
    result = {}
    for mode in ("exact", "overlap"):
        result[mode] = {}
        for label in labels:
            tp = fp = fn = 0
            for gold, pred in zip(golds, preds):
                g = [s for s in gold if s["label"] == label]
                p = [s for s in pred if s["label"] == label]
                used = set()
                for gs in g:
                    for j, ps in enumerate(p):
                        if j in used:
                            continue
                        same = (gs["start"] == ps["start"] and gs["end"] == ps["end"]) if mode == "exact" else (gs["start"] < ps["end"] and ps["start"] < gs["end"])
                        if same:
                            used.add(j)
                            break
                tp += len(used)
                fp += len(p) - len(used)
                fn += len(g) - len(used)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            result[mode][label] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}
    return result


def format_scores(result):
    lines = []
    for mode, table in result.items():
        for label, s in table.items():
            lines.append(f"  {mode:7s} {label:4s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
    return "\n".join(lines)
