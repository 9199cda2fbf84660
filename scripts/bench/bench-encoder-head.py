#!/usr/bin/python3
"""The PyTorch peer of the encoder head in `npm run bench:train`: the same head (Linear on the
standardised frozen embeddings, softmax cross-entropy, Adam, zero initial weights), the same
vectors (computed by our engine and written as float32 arrays), batch size, epochs and learning
rate. Only the training steps are timed, as for our head.
Usage: bench-encoder-head.py DIR DIM EPOCHS BATCH LR THREADS  → one JSON line of results."""
import json
import sys
import time

import numpy as np
import torch

d, dim, epochs, batch, lr, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
torch.set_num_threads(threads)
torch.manual_seed(1)


def load(name):
    x = torch.from_numpy(np.fromfile(f"{d}/{name}.x.bin", dtype=np.float32).reshape(-1, dim))
    y = torch.from_numpy(np.fromfile(f"{d}/{name}.y.bin", dtype=np.int32).astype(np.int64))
    return x, y


tr_x, tr_y = load("train")
va_x, va_y = load("valid")
classes = int(max(tr_y.max(), va_y.max())) + 1
head = torch.nn.Linear(dim, classes)
torch.nn.init.zeros_(head.weight)
torch.nn.init.zeros_(head.bias)
opt = torch.optim.Adam(head.parameters(), lr=lr)
n = len(tr_y)
seconds = 0.0
for _ in range(epochs):
    order = torch.randperm(n)
    t = time.perf_counter()
    for s in range(0, n, batch):
        idx = order[s : s + batch]
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(head(tr_x[idx]), tr_y[idx])
        loss.backward()
        opt.step()
    seconds += time.perf_counter() - t
with torch.no_grad():
    accuracy = (head(va_x).argmax(1) == va_y).float().mean().item()
print(json.dumps({"examples_per_second": n * epochs / seconds, "accuracy": accuracy, "torch": torch.__version__}))
