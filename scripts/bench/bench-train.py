#!/usr/bin/python3
"""The PyTorch peer of `npm run bench:train`: the same model (mean of hashed n-gram embeddings,
linear, softmax cross-entropy), the same feature ids (computed by our code and written as
int32 arrays), the same batches' size and epochs; SparseAdam on the embedding bag (the
sparse-update Adam our trainer implements) and Adam on the linear layer.
Usage: bench-train.py DIR EPOCHS BATCH LR DIM BUCKETS THREADS  → one JSON line of results."""
import json
import sys
import time

import numpy as np
import torch

d, epochs, batch, lr, dim, buckets, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
torch.set_num_threads(threads)
torch.manual_seed(1)


def load(name):
    ids = torch.from_numpy(np.fromfile(f"{d}/{name}.ids.bin", dtype=np.int32).astype(np.int64))
    offsets = np.fromfile(f"{d}/{name}.offsets.bin", dtype=np.int32).astype(np.int64)
    labels = torch.from_numpy(np.fromfile(f"{d}/{name}.labels.bin", dtype=np.int32).astype(np.int64))
    return ids, offsets, labels


tr_ids, tr_off, tr_y = load("train")
va_ids, va_off, va_y = load("valid")
classes = int(max(tr_y.max(), va_y.max())) + 1
bag = torch.nn.EmbeddingBag(buckets, dim, mode="mean", sparse=True)
torch.nn.init.uniform_(bag.weight, -1.0 / dim, 1.0 / dim)
linear = torch.nn.Linear(dim, classes)
torch.nn.init.zeros_(linear.weight)
torch.nn.init.zeros_(linear.bias)
opt_sparse = torch.optim.SparseAdam(list(bag.parameters()), lr=lr)
opt_dense = torch.optim.Adam(list(linear.parameters()), lr=lr)
n = len(tr_y)
lengths = np.diff(tr_off)


def batch_of(order, start):
    idx = order[start:start + batch]
    parts = [tr_ids[tr_off[i]:tr_off[i + 1]] for i in idx]
    offs = torch.from_numpy(np.concatenate([[0], np.cumsum(lengths[idx])[:-1]]).astype(np.int64))
    return torch.cat(parts), offs, tr_y[idx]


rng = np.random.default_rng(2)
train_seconds = 0.0
for epoch in range(epochs):
    order = rng.permutation(n)
    start_t = time.perf_counter()
    for start in range(0, n, batch):
        ids, offs, y = batch_of(order, start)
        opt_sparse.zero_grad()
        opt_dense.zero_grad()
        loss = torch.nn.functional.cross_entropy(linear(bag(ids, offs)), y)
        loss.backward()
        opt_sparse.step()
        opt_dense.step()
    train_seconds += time.perf_counter() - start_t
with torch.no_grad():
    logits = linear(bag(va_ids, torch.from_numpy(va_off[:-1])))
    acc = float((logits.argmax(1) == va_y).float().mean())
print(json.dumps({"examples_per_second": n * epochs / train_seconds, "train_seconds": train_seconds, "accuracy": acc, "torch": torch.__version__, "threads": threads}))
