"""Cased WordPiece tokenization with character offsets, mirroring what transformers.js 4.x
(@huggingface/tokenizers) does with models/pii-ner/tokenizer.json:

  BertNormalizer(clean_text, handle_chinese_chars, strip_accents, lowercase=False)
  -> BertPreTokenizer (runs of non-space, non-punctuation characters; each punctuation mark alone)
  -> WordPiece (greedy longest match, "##" continuation, whole word -> [UNK] if a piece is missing)

Normalisation is done character by character so every token keeps the [start, end) code-point
offsets of the original text. check-tokenizer.ts verifies that the token sequence equals the
JavaScript tokenizer's on the generated data.
"""
import json
import re
import unicodedata

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# JavaScript's \s (ECMAScript WhiteSpace + LineTerminator); it differs from str.isspace().
JS_SPACE = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {chr(c) for c in range(0x2000, 0x200B)}
ASCII_PUNCT = {chr(c) for c in list(range(0x21, 0x30)) + list(range(0x3A, 0x41)) + list(range(0x5B, 0x61)) + list(range(0x7B, 0x7F))}
MAX_CHARS_PER_WORD = 100
SPECIAL_SPLIT = re.compile("(" + "|".join(re.escape(t) for t in SPECIAL_TOKENS) + ")")


def is_punct(ch):
    return ch in ASCII_PUNCT or unicodedata.category(ch).startswith("P")


def is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs")


def is_cjk(cp):
    # Same ranges as the JS normalizer, which tests UTF-16 code units, so only BMP ranges can match.
    return (0x4E00 <= cp <= 0x9FFF) or (0x3400 <= cp <= 0x4DBF) or (0xF900 <= cp <= 0xFAFF)


def normalize_char(ch):
    """What the normalizer turns one character into (possibly several characters, or none)."""
    cp = ord(ch)
    if cp == 0 or cp == 0xFFFD or is_control(ch):
        return ""
    if ch in JS_SPACE:
        return " "
    if cp > 0xFFFF:
        # The JS chinese-char check reads the high surrogate only; it never matches.
        pass
    elif is_cjk(cp):
        return " " + ch + " "
    return "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")


def pre_tokenize(text):
    """Words as (normalized_word, [original code-point index of each normalized char])."""
    chars, origin = [], []
    for i, ch in enumerate(text):
        for n in normalize_char(ch):
            chars.append(n)
            origin.append(i)
    words, cur, cur_origin = [], [], []
    for ch, o in zip(chars, origin):
        if ch in JS_SPACE:
            if cur:
                words.append(("".join(cur), cur_origin))
                cur, cur_origin = [], []
        elif is_punct(ch):
            if cur:
                words.append(("".join(cur), cur_origin))
                cur, cur_origin = [], []
            words.append((ch, [o]))
        else:
            cur.append(ch)
            cur_origin.append(o)
    if cur:
        words.append(("".join(cur), cur_origin))
    return words


class WordPiece:
    def __init__(self, vocab):
        self.vocab = vocab  # token -> id
        self.unk_id = vocab["[UNK]"]
        self.cache = {}

    @classmethod
    def from_tokenizer_json(cls, path):
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f)["model"]["vocab"])

    def split_word(self, word):
        """[(token, start, end)] over the word's code points, or None when a piece is missing."""
        hit = self.cache.get(word)
        if hit is not None or word in self.cache:
            return hit
        out = None
        if len(word) <= MAX_CHARS_PER_WORD:
            out, start = [], 0
            while start < len(word):
                end = len(word)
                found = None
                while start < end:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    if piece in self.vocab:
                        found = piece
                        break
                    end -= 1
                if found is None:
                    out = None
                    break
                out.append((found, start, end))
                start = end
        if len(self.cache) < 500000:
            self.cache[word] = out
        return out

    def encode(self, text):
        """Tokens of `text` without [CLS]/[SEP]: (id, token, start, end, word_index), offsets in code points."""
        tokens, w, base = [], 0, 0
        # Special tokens typed literally in the text are kept whole, as the JS tokenizer does.
        for part in SPECIAL_SPLIT.split(text):
            if part in self.vocab and part in SPECIAL_TOKENS:
                tokens.append((self.vocab[part], part, base, base + len(part), w))
                w += 1
            elif part:
                w = self._encode_words(part, base, tokens, w)
            base += len(part)
        return tokens

    def _encode_words(self, text, base, tokens, w):
        for word, origin in pre_tokenize(text):
            origin = [o + base for o in origin]
            pieces = self.split_word(word)
            if pieces is None:
                tokens.append((self.unk_id, "[UNK]", origin[0], origin[-1] + 1, w))
            else:
                for piece, s, e in pieces:
                    tokens.append((self.vocab[piece], piece, origin[s], origin[e - 1] + 1, w))
            w += 1
        return w


def tokenizer_json(vocab_tokens):
    """The Hugging Face tokenizers file for a vocabulary list (specials first)."""
    vocab = {t: i for i, t in enumerate(vocab_tokens)}
    special = lambda t: {"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
    seq = lambda type_id: {"Sequence": {"id": "A", "type_id": type_id}}
    tok = lambda t, type_id: {"SpecialToken": {"id": t, "type_id": type_id}}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [special(t) for t in SPECIAL_TOKENS],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": True, "lowercase": False},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [tok("[CLS]", 0), seq(0), tok("[SEP]", 0)],
            "pair": [tok("[CLS]", 0), seq(0), tok("[SEP]", 0), {"Sequence": {"id": "B", "type_id": 1}}, tok("[SEP]", 1)],
            "special_tokens": {t: {"id": t, "ids": [vocab[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": MAX_CHARS_PER_WORD, "vocab": vocab},
    }


TOKENIZER_CONFIG = {
    "tokenizer_class": "BertTokenizer",
    "do_lower_case": False,
    "strip_accents": True,
    "tokenize_chinese_chars": True,
    "model_max_length": 512,
    "cls_token": "[CLS]",
    "sep_token": "[SEP]",
    "pad_token": "[PAD]",
    "unk_token": "[UNK]",
    "mask_token": "[MASK]",
    "clean_up_tokenization_spaces": True,
}


if __name__ == "__main__":
    # Dump tokens for check-tokenizer.ts: python3 wordpiece.py TOKENIZER_JSON DATA_JSONL > tokens.jsonl
    import sys

    wp = WordPiece.from_tokenizer_json(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            print(json.dumps([t[1] for t in wp.encode(text)], ensure_ascii=False))
