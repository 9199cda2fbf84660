"""A small BERT encoder with a token-classification head, in plain PyTorch.

Exported to ONNX with the inputs and output that transformers.js's BertForTokenClassification
feeds and reads: input_ids, attention_mask, token_type_ids (int64, [batch, seq]) -> logits
[batch, seq, labels]. The layout follows BERT (post-LayerNorm, GELU, learned positions).
"""
import math

import torch
from torch import nn

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]


class Layer(nn.Module):
    def __init__(self, hidden, heads, intermediate, dropout, pre_norm=False):
        super().__init__()
        self.heads = heads
        self.pre_norm = pre_norm
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.attn_out = nn.Linear(hidden, hidden)
        self.attn_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.ff_in = nn.Linear(hidden, intermediate)
        self.ff_out = nn.Linear(intermediate, hidden)
        self.ff_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(dropout)

    def attention(self, x, mask_bias):
        b, s, h = x.shape
        d = h // self.heads
        q, k, v = self.qkv(x).view(b, s, 3, self.heads, d).permute(2, 0, 3, 1, 4)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + mask_bias
        context = torch.matmul(self.dropout(torch.softmax(scores, dim=-1)), v)
        return self.dropout(self.attn_out(context.transpose(1, 2).reshape(b, s, h)))

    def feed_forward(self, x):
        return self.dropout(self.ff_out(nn.functional.gelu(self.ff_in(x))))

    def forward(self, x, mask_bias):
        if self.pre_norm:
            x = x + self.attention(self.attn_norm(x), mask_bias)
            return x + self.feed_forward(self.ff_norm(x))
        x = self.attn_norm(x + self.attention(x, mask_bias))
        return self.ff_norm(x + self.feed_forward(x))


class BertTokenClassifier(nn.Module):
    def __init__(self, vocab_size, hidden=128, layers=2, heads=4, intermediate=512, max_positions=512, labels=len(LABELS), dropout=0.1, pre_norm=False):
        super().__init__()
        self.word = nn.Embedding(vocab_size, hidden, padding_idx=0)
        self.position = nn.Embedding(max_positions, hidden)
        self.token_type = nn.Embedding(2, hidden)
        self.embed_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(dropout)
        self.layers = nn.ModuleList(Layer(hidden, heads, intermediate, dropout, pre_norm) for _ in range(layers))
        # Pre-norm layers leave the residual stream unnormalised: one LayerNorm before the head.
        self.final_norm = nn.LayerNorm(hidden, eps=1e-12) if pre_norm else nn.Identity()
        self.classifier = nn.Linear(hidden, labels)
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids)
        x = self.dropout(self.embed_norm(x))
        # Padding gets a large negative bias so no real token attends to it.
        mask_bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, mask_bias)
        return self.classifier(self.final_norm(x))
