#!/usr/bin/env bash
# Rebuilds models/pii-ner from nothing: synthetic data -> WordPiece vocabulary -> tokenizer check
# -> training and ONNX export -> load checks in Node -> int8 quantization (the shipped file is
# onnx/model_quantized.onnx alone; see quantize_onnx.py) -> the checks again on it -> the name
# lexicon the span rules read (needs Debian's wamerican).
# `npm run train:ner`; extra arguments go to train_ner.py (e.g. --steps 500 for a quick trial).
# Runs niced: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
npx tsx models/train/generate-ner-data.ts --out models/train/data --train 60000 --dev 3000 --seed 6
nice -n 10 $PY models/train/build_vocab.py --data models/train/data/train.jsonl --size 8000
npx tsx models/train/check-tokenizer.ts models/pii-ner models/train/data/dev.jsonl
rm -f models/pii-ner/onnx/model_quantized.onnx
nice -n 10 $PY models/train/train_ner.py "$@"
npx tsx models/train/check-model.ts
$PY models/train/quantize_onnx.py models/pii-ner/onnx/model.onnx models/pii-ner/onnx/model_quantized.onnx
rm models/pii-ner/onnx/model.onnx
npx tsx models/train/check-model.ts
npx tsx models/train/build-name-lexicon.ts
