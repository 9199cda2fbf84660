"""Learns a cased WordPiece vocabulary from the generated training texts and writes
models/pii-ner/tokenizer.json and tokenizer_config.json.

  /usr/bin/python3 models/train/build_vocab.py [--data models/train/data/train.jsonl] [--size 8000]

Like the Hugging Face WordPiece trainer, it learns BPE merges over word counts (word-initial
pieces bare, inner pieces with "##") and keeps every piece it created. Characters seen fewer
than --min-char times are left out (words holding them become [UNK]). Words from
data/vocab-words.txt (everyday English, written by generate-ner-data.ts) count --extra-weight
times more, so common words stay whole instead of being cut into name-like pieces.
"""
import argparse
import collections
import heapq
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from wordpiece import SPECIAL_TOKENS, TOKENIZER_CONFIG, pre_tokenize, tokenizer_json  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.join(HERE, "..", "pii-ner")


def word_counts(path, extra_path=None, extra_weight=0):
    counts = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            for word, _ in pre_tokenize(json.loads(line)["text"]):
                counts[word] += 1
    # Everyday English words get a fixed extra count so they end up as whole tokens.
    if extra_path and os.path.exists(extra_path):
        with open(extra_path, encoding="utf-8") as f:
            for line in f:
                for word, _ in pre_tokenize(line.strip()):
                    counts[word] += extra_weight
    return counts


def learn(counts, size, min_char):
    char_counts = collections.Counter()
    for w, c in counts.items():
        for i, ch in enumerate(w):
            char_counts[ch if i == 0 else "##" + ch] += c
    alphabet = sorted(t for t, c in char_counts.items() if c >= min_char)
    known = set(alphabet)
    vocab = list(SPECIAL_TOKENS) + alphabet
    # Words as lists of symbols; words with an unknown character cannot be merged across it, so skip them.
    words, freqs = [], []
    for w, c in counts.items():
        symbols = [w[0]] + ["##" + ch for ch in w[1:]]
        if all(s in known for s in symbols) and len(symbols) > 1:
            words.append(symbols)
            freqs.append(c)
    pairs = collections.Counter()
    where = collections.defaultdict(set)
    for i, (symbols, c) in enumerate(zip(words, freqs)):
        for a, b in zip(symbols, symbols[1:]):
            pairs[(a, b)] += c
            where[(a, b)].add(i)
    in_vocab = set(vocab)
    # Max-heap of pair counts with lazy deletion: stale entries are skipped when popped.
    heap = [(-c, a, b) for (a, b), c in pairs.items()]
    heapq.heapify(heap)
    while len(vocab) < size and heap:
        neg, a, b = heapq.heappop(heap)
        if pairs.get((a, b), 0) != -neg:
            continue
        if -neg < 2:
            break
        merged = a + b[2:]
        if merged not in in_vocab:
            vocab.append(merged)
            in_vocab.add(merged)
        touched = set()
        for i in list(where[(a, b)]):
            symbols, c = words[i], freqs[i]
            for x, y in zip(symbols, symbols[1:]):
                pairs[(x, y)] -= c
                where[(x, y)].discard(i)
                touched.add((x, y))
            out, j = [], 0
            while j < len(symbols):
                if j + 1 < len(symbols) and symbols[j] == a and symbols[j + 1] == b:
                    out.append(merged)
                    j += 2
                else:
                    out.append(symbols[j])
                    j += 1
            words[i] = out
            for x, y in zip(out, out[1:]):
                pairs[(x, y)] += c
                where[(x, y)].add(i)
                touched.add((x, y))
        pairs.pop((a, b), None)
        where.pop((a, b), None)
        for pair in touched:
            c = pairs.get(pair, 0)
            if c > 0:
                heapq.heappush(heap, (-c, pair[0], pair[1]))
            else:
                pairs.pop(pair, None)
    return vocab


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(HERE, "data", "train.jsonl"))
    ap.add_argument("--size", type=int, default=8000)
    ap.add_argument("--min-char", type=int, default=3)
    ap.add_argument("--extra", default=None, help="word list to favour (default: vocab-words.txt next to --data)")
    ap.add_argument("--extra-weight", type=int, default=30)
    ap.add_argument("--out", default=MODEL_DIR)
    args = ap.parse_args()
    extra = args.extra or os.path.join(os.path.dirname(args.data), "vocab-words.txt")
    counts = word_counts(args.data, extra, args.extra_weight)
    vocab = learn(counts, args.size, args.min_char)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(vocab), f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(args.out, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(TOKENIZER_CONFIG, f, indent=2)
        f.write("\n")
    print(f"{len(counts)} word types -> {len(vocab)} tokens in {args.out}/tokenizer.json")


if __name__ == "__main__":
    main()
