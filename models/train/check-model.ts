/**
 * Loads models/pii-ner the way the extension will and prints what it finds:
 *  - transformers.js `pipeline('token-classification')` offline, grouped entities per sentence;
 *  - onnxruntime-node on the same token ids, compared with the PyTorch weights (models/train/data/model.pt).
 * The folder holds onnx/model.onnx (float: logits must agree within 1e-3) or, once
 * quantize_onnx.py has run, only onnx/model_quantized.onnx (int8: the largest logit difference is
 * printed, and the arg-max label must agree on at least 98% of the tokens).
 *   npx tsx models/train/check-model.ts ["a sentence" ...]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { AutoTokenizer, env, pipeline } from '@huggingface/transformers';

const modelDir = join(__dirname, '..', 'pii-ner');
const SENTENCES = [
  'My name is Maria Schneider and I live in Hamburg.',
  'Please send the contract to John Miller in Chicago by Friday.',
  'Hi, this is Priya Natarajan from Bidefox Consulting, call me back on 555-0199.',
  'The meeting moved to Monday because the printer in room 4 is broken.',
  'Ship it to 14 Crown Street, Leeds LS1 4AP, United Kingdom.',
  'Summer Sale: the Ergonomic Steel Chair is back in stock in April.',
  'my name is jean dupont and i live in lyon',
  'DEAR MR. KOWALSKI, YOUR PARCEL FOR WARSAW IS READY.',
];

async function main(): Promise<void> {
  env.allowRemoteModels = false;
  env.useFSCache = false;
  const sentences = process.argv.length > 2 ? process.argv.slice(2) : SENTENCES;
  const quantized = !existsSync(join(modelDir, 'onnx', 'model.onnx'));
  const ner = await pipeline('token-classification', modelDir, { local_files_only: true, dtype: quantized ? 'q8' : 'fp32' });
  for (const s of sentences) {
    const groups = await ner(s, { aggregation_strategy: 'simple' });
    console.log(`${s}\n  -> ${groups.map((g) => `${g.entity_group}:"${g.word}" (${g.score.toFixed(2)})`).join(', ') || '(none)'}`);
  }
  await ner.dispose();

  if (!existsSync(join(__dirname, 'data', 'model.pt'))) return;
  const tokenizer = await AutoTokenizer.from_pretrained(modelDir, { local_files_only: true });
  const session = await ort.InferenceSession.create(join(modelDir, 'onnx', quantized ? 'model_quantized.onnx' : 'model.onnx'));
  const rows = sentences.map((s) => tokenizer.encode(s));
  const py = spawnSync('/usr/bin/python3', [join(__dirname, 'torch_logits.py')], { input: JSON.stringify(rows), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (py.status !== 0) throw new Error(py.stderr);
  const expected = JSON.parse(py.stdout) as number[][][];
  let worst = 0;
  let tokens = 0;
  let agree = 0;
  const argmax = (xs: ArrayLike<number>): number => {
    let best = 0;
    for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[best]!) best = i;
    return best;
  };
  for (const [i, row] of rows.entries()) {
    const shape = [1, row.length];
    const ids = BigInt64Array.from(row.map(BigInt));
    const out = await session.run({
      input_ids: new ort.Tensor('int64', ids, shape),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(row.length).fill(1n), shape),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(row.length), shape),
    });
    const data = out.logits!.data as Float32Array;
    expected[i]!.flat().forEach((v, j) => (worst = Math.max(worst, Math.abs(v - data[j]!))));
    const labels = expected[i]![0]!.length;
    expected[i]!.forEach((logits, t) => {
      tokens++;
      if (argmax(logits) === argmax(data.subarray(t * labels, (t + 1) * labels))) agree++;
    });
  }
  console.log(`onnxruntime-node (${quantized ? 'int8 model_quantized.onnx' : 'model.onnx'}) vs PyTorch: largest logit difference ${worst.toExponential(2)}, same label on ${agree}/${tokens} tokens over ${rows.length} sentences`);
  process.exitCode = (quantized ? agree >= 0.98 * tokens : worst < 1e-3) ? 0 : 1;
}

void main();
