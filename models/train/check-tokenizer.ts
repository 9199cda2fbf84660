/**
 * Checks that the Python tokenizer used for training (models/train/wordpiece.py) splits text
 * exactly as transformers.js does with models/pii-ner/tokenizer.json, record by record.
 *   npx tsx models/train/check-tokenizer.ts [model-dir] [data.jsonl]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';

async function main(): Promise<void> {
  const modelDir = resolve(process.argv[2] ?? join(__dirname, '..', 'pii-ner'));
  const dataPath = resolve(process.argv[3] ?? join(__dirname, 'data', 'dev.jsonl'));
  env.allowRemoteModels = false;
  env.useFSCache = false;
  const tokenizer = await AutoTokenizer.from_pretrained(modelDir, { local_files_only: true });
  const py = spawnSync('/usr/bin/python3', [join(__dirname, 'wordpiece.py'), join(modelDir, 'tokenizer.json'), dataPath], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (py.status !== 0) throw new Error(`wordpiece.py failed: ${py.stderr}`);
  const expected = py.stdout.trim().split('\n').map((l) => JSON.parse(l) as string[]);
  const texts = readFileSync(dataPath, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
  let mismatches = 0;
  texts.forEach((text, i) => {
    const js = tokenizer.tokenize(text);
    if (JSON.stringify(js) !== JSON.stringify(expected[i])) {
      mismatches++;
      if (mismatches <= 5) console.log(`record ${i + 1} differs:\n  js: ${js.join(' ')}\n  py: ${expected[i]!.join(' ')}`);
    }
  });
  console.log(`${texts.length - mismatches}/${texts.length} records tokenized identically`);
  process.exitCode = mismatches === 0 ? 0 : 1;
}

void main();
