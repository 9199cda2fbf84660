"""Prints the PyTorch model's logits for token-id rows read as JSON from stdin (used by
check-model.ts to compare the exported ONNX graph with the weights it came from)."""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from ner_model import BertTokenClassifier  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

with open(os.path.join(HERE, "..", "pii-ner", "config.json")) as f:
    config = json.load(f)
model = BertTokenClassifier(config["vocab_size"], config["hidden_size"], config["num_hidden_layers"], config["num_attention_heads"], config["intermediate_size"])
model.load_state_dict(torch.load(os.path.join(HERE, "data", "model.pt")))
model.eval()
rows = json.load(sys.stdin)
with torch.no_grad():
    out = [model(torch.tensor([r]), torch.ones(1, len(r), dtype=torch.long), torch.zeros(1, len(r), dtype=torch.long))[0].tolist() for r in rows]
json.dump(out, sys.stdout)
