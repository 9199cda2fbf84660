/**
 * `npm run bench:infer [-- --model DIR] [--n 512]`: the NER model through the engine — tokens/s
 * at batch 1 and 32 — beside PyTorch (Debian's python3-torch) running the same architecture and
 * weights on the same inputs in the same run, and the extension host's event-loop delay while a
 * dataset run goes on in the inference worker (goal < 20 ms).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { hostFriendlyThreads, WORKER_NICENESS } from '../../src/core/inference/cpu-threads';
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

  // Event-loop delay of this thread (standing in for the extension host) during a dataset run in the
  // worker, beside the same measurement with nothing running (the machine's own noise), once with
  // ONNX Runtime's default threads and once with the extension's setting (every core but one).
  const workerDir = join(root, 'test-results', 'bench-worker');
  mkdirSync(workerDir, { recursive: true });
  const script = join(workerDir, 'inference.worker.js');
  await build({ entryPoints: [join(root, 'src', 'core', 'inference', 'inference.worker.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['onnxruntime-node', '@huggingface/transformers', 'onnxruntime-common', 'sharp'], logLevel: 'error' });
  const dataset = join(dir, 'chats.jsonl');
  writeFileSync(dataset, sentences(4 * n, 7).map((t, i) => JSON.stringify({ id: i, text: t })).join('\n') + '\n');
  const host: HostDelay[] = [];
  let records = 0;
  // The last configuration is the extension's (src/extension/inference/inference-settings.ts).
  for (const [threads, niceness] of [[undefined, undefined], [hostFriendlyThreads(), undefined], [hostFriendlyThreads(), WORKER_NICENESS]]) {
    const client = new InferenceClient(script);
    client.configure({ device: 'cpu', idleMs: 0, ...(threads ? { threads } : {}), ...(niceness ? { niceness } : {}) });
    await client.run({ model, task: 'token-classification', inputs: texts.slice(0, 8) }); // worker started, model loaded
    const run = await hostDelay(async () => {
      records = (await client.predictDataset({ input: dataset, model, task: 'token-classification', batchSize: 32 })).predicted;
    });
    await client.shutdown();
    host.push({ ...(await hostDelay(() => new Promise((r) => setTimeout(r, run.seconds * 1000)))), label: 'nothing running (same length)' });
    host.push({ ...run, label: `dataset run, ONNX Runtime threads: ${threads ?? 'default (one per core, spinning)'}, nice ${niceness ?? 0}` });
  }
  rmSync(dir, { recursive: true, force: true });

  const fmt = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(0));
  console.log('\n| runner | batch 1 tokens/s | batch 32 tokens/s |');
  console.log('|---|---|---|');
  console.log(`| engine (transformers.js + onnxruntime-node 1.30, CPU) | ${fmt(ours[1])} | ${fmt(ours[32])} |`);
  console.log(`| PyTorch ${torch ? `(Debian python3-torch, ${torchThreads} threads)` : '(not run)'} | ${fmt(torch?.[1])} | ${fmt(torch?.[32])} |`);
  if (torch) console.log(`| ratio engine / PyTorch (goal ≥ 2×) | ${(ours[1]! / torch[1]!).toFixed(2)}× | ${(ours[32]! / torch[32]!).toFixed(2)}× |`);
  console.log(`\nThis thread's event-loop delay while the inference worker predicts ${records} records (${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}):`);
  console.log('Delays are beyond the 5 ms sampling interval; "busy" is the time this thread itself ran code (event-loop utilization).\n');
  console.log('| this thread while… | seconds | p50 ms | p99 ms | max ms | busy ms |');
  console.log('|---|---|---|---|---|---|');
  for (const r of host) console.log(`| ${r.label} | ${r.seconds.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.busyMs.toFixed(0)} |`);
  console.log('(goal: p99 < 20 ms)');
}

interface HostDelay {
  label?: string;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  busyMs: number;
}

/** This thread's event-loop delay (beyond the sampling interval) and own busy time while `work` runs. */
async function hostDelay(work: () => Promise<unknown>): Promise<HostDelay> {
  const resolution = 5;
  const h = monitorEventLoopDelay({ resolution });
  const elu = performance.eventLoopUtilization();
  h.enable();
  const t0 = performance.now();
  await work();
  const seconds = (performance.now() - t0) / 1000;
  h.disable();
  const used = performance.eventLoopUtilization(elu);
  const ms = (ns: number): number => Math.max(0, ns / 1e6 - resolution);
  return { seconds, p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), busyMs: used.active };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
