"""A small BERT in plain PyTorch, laid out like Hugging Face's BertModel so that the same
state-dict names (bert.embeddings.word_embeddings.weight, ...) and the same ONNX export work.

Used by scripts/make-test-model.py (fixture models) and scripts/bench/bench-infer-torch.py (the
PyTorch side of `npm run bench:infer`), so both run one architecture definition. Debian's
python3-torch (1.13) has no `transformers` package; this file stands in for the part we need.
"""
import math

import torch
from torch import nn


class Embeddings(nn.Module):
    def __init__(self, vocab, hidden, max_pos, type_vocab, eps):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, hidden)
        self.position_embeddings = nn.Embedding(max_pos, hidden)
        self.token_type_embeddings = nn.Embedding(type_vocab, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, input_ids, token_type_ids):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.position_embeddings(positions) + self.token_type_embeddings(token_type_ids)
        return self.LayerNorm(x)


class SelfAttention(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads = heads
        self.head_size = hidden // heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)

    def split(self, x):
        b, s, _ = x.shape
        return x.view(b, s, self.heads, self.head_size).permute(0, 2, 1, 3)

    def forward(self, x, mask_bias):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_size) + mask_bias
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v)
        b, _, s, _ = ctx.shape
        return ctx.permute(0, 2, 1, 3).reshape(b, s, self.heads * self.head_size)


class DenseNorm(nn.Module):
    """Dense, residual, LayerNorm: BertSelfOutput and BertOutput."""

    def __init__(self, d_in, hidden, eps):
        super().__init__()
        self.dense = nn.Linear(d_in, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x, residual):
        return self.LayerNorm(self.dense(x) + residual)


class Attention(nn.Module):
    def __init__(self, hidden, heads, eps):
        super().__init__()
        self.self = SelfAttention(hidden, heads)
        self.output = DenseNorm(hidden, hidden, eps)

    def forward(self, x, mask_bias):
        return self.output(self.self(x, mask_bias), x)


class Intermediate(nn.Module):
    def __init__(self, hidden, inter):
        super().__init__()
        self.dense = nn.Linear(hidden, inter)

    def forward(self, x):
        return torch.nn.functional.gelu(self.dense(x))  # erf GELU, as BERT's "gelu"


class Layer(nn.Module):
    def __init__(self, hidden, heads, inter, eps):
        super().__init__()
        self.attention = Attention(hidden, heads, eps)
        self.intermediate = Intermediate(hidden, inter)
        self.output = DenseNorm(inter, hidden, eps)

    def forward(self, x, mask_bias):
        a = self.attention(x, mask_bias)
        return self.output(self.intermediate(a), a)


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        eps = cfg.get('layer_norm_eps', 1e-12)
        self.layer = nn.ModuleList(
            [Layer(cfg['hidden_size'], cfg['num_attention_heads'], cfg['intermediate_size'], eps) for _ in range(cfg['num_hidden_layers'])]
        )

    def forward(self, x, mask_bias):
        for layer in self.layer:
            x = layer(x, mask_bias)
        return x


class Bert(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        eps = cfg.get('layer_norm_eps', 1e-12)
        self.embeddings = Embeddings(cfg['vocab_size'], cfg['hidden_size'], cfg['max_position_embeddings'], cfg.get('type_vocab_size', 2), eps)
        self.encoder = Encoder(cfg)

    def forward(self, input_ids, attention_mask, token_type_ids):
        # Padding positions get a large negative bias before the softmax, as in BERT.
        mask_bias = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min
        return self.encoder(self.embeddings(input_ids, token_type_ids), mask_bias)


class BertForTokenClassification(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.bert = Bert(cfg)
        self.classifier = nn.Linear(cfg['hidden_size'], len(cfg['id2label']))

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.classifier(self.bert(input_ids, attention_mask, token_type_ids))


class Pooler(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.dense = nn.Linear(hidden, hidden)

    def forward(self, x):
        return torch.tanh(self.dense(x[:, 0]))


class BertForSequenceClassification(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.bert = Bert(cfg)
        self.bert.pooler = Pooler(cfg['hidden_size'])
        self.classifier = nn.Linear(cfg['hidden_size'], len(cfg['id2label']))

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.classifier(self.bert.pooler(self.bert(input_ids, attention_mask, token_type_ids)))


class BertModel(nn.Module):
    """Feature extraction: the last hidden state (as Hugging Face's `last_hidden_state`)."""

    def __init__(self, cfg):
        super().__init__()
        self.bert = Bert(cfg)

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.bert(input_ids, attention_mask, token_type_ids)


HEADS = {
    'BertForTokenClassification': BertForTokenClassification,
    'BertForSequenceClassification': BertForSequenceClassification,
    'BertModel': BertModel,
}


def build(cfg):
    """The module named by cfg['architectures'][0]."""
    return HEADS[cfg['architectures'][0]](cfg)


def export_onnx(model, path, output_name, per_token=True):
    """ONNX opset 14 with dynamic batch and sequence axes, the inputs transformers.js feeds."""
    model.eval()
    ids = torch.ones((2, 7), dtype=torch.long)
    torch.onnx.export(
        model,
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        path,
        input_names=['input_ids', 'attention_mask', 'token_type_ids'],
        output_names=[output_name],
        dynamic_axes={
            **{n: {0: 'batch', 1: 'sequence'} for n in ['input_ids', 'attention_mask', 'token_type_ids']},
            output_name: {0: 'batch', 1: 'sequence'} if per_token else {0: 'batch'},
        },
        opset_version=14,
        do_constant_folding=False,  # keeps parameter names on the initializers
    )
