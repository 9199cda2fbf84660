/**
 * `npm run bench:infer [-- --model DIR] [--n 512]`: the NER model through the engine — tokens/s
 * at batch 1 and 32 — beside PyTorch (Debian's python3-torch) running the same architecture and
 * weights on the same inputs in the same run, and the extension host's event-loop delay while a
 * dataset run goes on in the inference worker (goal < 20 ms).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { build } from 'esbuild';
import { InferenceClient } from '../../src/core/inference/inference-client';
import { InferenceEngine } from '../../src/core/inference/inference-engine';
import { TextModel } from '../../src/core/inference/text-model';
import { loadTransformers } from '../../src/core/inference/transformers-runtime';
import { shippedNerModel } from '../../src/core/inference/model-locations';
import { sfc32 } from '../../src/core/random/sfc32';

const root = join(__dirname, '..', '..');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const FIRST = ['Anna', 'John', 'Maria', 'Peter', 'Sofia', 'David', 'Lukas', 'Emma', 'Yunus', 'Tabea'];
const LAST = ['Smith', 'Garcia', 'Weber', 'Jones', 'Rau', 'Bader', 'Giraud', 'Ghosh'];
const CITY = ['Berlin', 'Paris', 'London', 'Boston', 'Munich', 'Lyon', 'Cholet', 'Esslingen am Neckar'];
const TEMPLATES = [
  'Hi, my name is {p} and I am writing from {c} about my order that has not arrived yet, can you help me please?',
  'Please forward the invoice to {p} at our office in {c}; the team there handles all refunds for this quarter.',
  '{p} called again today asking whether the replacement part could be shipped to {c} before the end of next week.',
  'Thanks for your patience. {p} from the {c} branch will follow up with you by phone tomorrow morning.',
];

function sentences(n: number, seed: number): string[] {
  const rnd = sfc32(seed, 0x9e3779b9, 0x243f6a88, 0xb7e15162);
  const unit = (): number => {
    const r = rnd();
    return r >= 1 || r < 0 ? (r >>> 0) / 4294967296 : r;
  };
  const pick = <T>(a: T[]): T => a[Math.floor(unit() * a.length)]!;
  return Array.from({ length: n }, () => pick(TEMPLATES).replace('{p}', `${pick(FIRST)} ${pick(LAST)}`).replace('{c}', pick(CITY)));
}

async function main(): Promise<void> {
  const model = arg('model') ?? shippedNerModel() ?? join(root, 'test', 'fixtures', 'models', 'tiny-ner');
  const n = Number(arg('n') ?? 512);
  const texts = sentences(n, 42);
  const counter = await TextModel.load(loadTransformers({ allowDownload: false }), model, model, 'token-classification', 'cpu', false);
  const tokens = texts.reduce((a, t) => a + Math.min(counter.encode(t).ids.length, counter.maxTokens), 0);
  await counter.dispose();
  console.log(`[bench:infer] model ${model}: ${n} sentences, ${tokens} tokens (${(tokens / n).toFixed(1)} per sentence)`);

  const engine = new InferenceEngine({ device: 'cpu', idleMs: 0 });
  const ours: Record<number, number> = {};
  for (const batch of [1, 32]) {
    await engine.run({ model, task: 'token-classification', inputs: texts.slice(0, 32), batchSize: batch });
    const t0 = performance.now();
    await engine.run({ model, task: 'token-classification', inputs: texts, batchSize: batch });
    ours[batch] = tokens / ((performance.now() - t0) / 1000);
  }
  await engine.dispose();

  const dir = mkdtempSync(join(tmpdir(), 'rml-bench-infer-'));
  writeFileSync(join(dir, 'inputs.json'), JSON.stringify(texts));
  const py = spawnSync('/usr/bin/python3', [join(__dirname, 'bench-infer-torch.py'), model, join(dir, 'inputs.json'), '1', '32'], { encoding: 'utf8' });
  let torch: Record<number, number> | undefined;
  let torchThreads = 0;
  if (py.status === 0) {
    const out = JSON.parse(py.stdout) as { threads: number; results: Array<{ batch: number; tokens: number; seconds: number }> };
    torchThreads = out.threads;
    torch = Object.fromEntries(out.results.map((r) => [r.batch, r.tokens / r.seconds]));
  } else console.log(`[bench:infer] PyTorch peer did not run: ${(py.stderr || py.stdout).trim().split('\n').pop()}`);

  // Event-loop delay of this thread (standing in for the extension host) during a dataset run in the worker.
  const workerDir = join(root, 'test-results', 'bench-worker');
  mkdirSync(workerDir, { recursive: true });
  const script = join(workerDir, 'inference.worker.js');
  await build({ entryPoints: [join(root, 'src', 'core', 'inference', 'inference.worker.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['onnxruntime-node', '@huggingface/transformers', 'onnxruntime-common', 'sharp'], logLevel: 'error' });
  const dataset = join(dir, 'chats.jsonl');
  writeFileSync(dataset, sentences(4 * n, 7).map((t, i) => JSON.stringify({ id: i, text: t })).join('\n') + '\n');
  const client = new InferenceClient(script);
  client.configure({ device: 'cpu', idleMs: 0 });
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  const summary = await client.predictDataset({ input: dataset, model, task: 'token-classification', batchSize: 32 });
  const runS = (performance.now() - t0) / 1000;
  h.disable();
  await client.shutdown();
  rmSync(dir, { recursive: true, force: true });

  const fmt = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(0));
  console.log('\n| runner | batch 1 tokens/s | batch 32 tokens/s |');
  console.log('|---|---|---|');
  console.log(`| engine (transformers.js + onnxruntime-node 1.30, CPU) | ${fmt(ours[1])} | ${fmt(ours[32])} |`);
  console.log(`| PyTorch ${torch ? `(Debian python3-torch, ${torchThreads} threads)` : '(not run)'} | ${fmt(torch?.[1])} | ${fmt(torch?.[32])} |`);
  if (torch) console.log(`| ratio engine / PyTorch (goal ≥ 2×) | ${(ours[1]! / torch[1]!).toFixed(2)}× | ${(ours[32]! / torch[32]!).toFixed(2)}× |`);
  console.log(
    `\nDataset run in the inference worker: ${summary.predicted} records in ${runS.toFixed(1)} s; this thread's event-loop delay ` +
      `p50 ${(h.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, max ${(h.max / 1e6).toFixed(1)} ms (goal < 20 ms)`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
