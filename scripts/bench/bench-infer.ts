/**
 * `npm run bench:infer [-- --model DIR] [--n 512] [--rounds 3]`: the NER model through the engine — tokens/s
 * at batch 1 and 32 — beside PyTorch (Debian's python3-torch) running the same architecture and
 * weights on the same inputs in the same run, and the extension host's event-loop delay while a
 * dataset run goes on in the inference worker (goal < 20 ms).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { hostFriendlyThreads } from '../../src/core/inference/cpu-threads';
import { InferenceClient } from '../../src/core/inference/inference-client';
import { InferenceEngine } from '../../src/core/inference/inference-engine';
import { TextModel } from '../../src/core/inference/text-model';
import { loadTransformers } from '../../src/core/inference/transformers-runtime';
import { shippedNerModel } from '../../src/core/inference/model-locations';
import { loadOrt } from '../../src/core/inference/ort-runtime';
import { onnxFileOf } from '../../src/core/inference/model-folder';
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
  // The same inputs for both runners: the engine's token ids (cut to the model's maximum).
  const rows = texts.map((t) => counter.encode(t).ids.slice(0, counter.maxTokens));
  const tokens = rows.reduce((a, r) => a + r.length, 0);
  await counter.dispose();
  console.log(`[bench:infer] model ${model}: ${n} sentences, ${tokens} tokens (${(tokens / n).toFixed(1)} per sentence)`);

  const dir = mkdtempSync(join(tmpdir(), 'rml-bench-infer-'));
  writeFileSync(join(dir, 'ids.json'), JSON.stringify(rows));
  const cores = availableParallelism();
  // One thread each, then every core: the engine as the CLI runs it (ONNX Runtime's default
  // pool) and PyTorch with as many threads.
  // Each figure is the median of `rounds` timed passes over all inputs. The engine's passes and
  // PyTorch's alternate (the peer runs as a server answering one pass per request), so both see
  // the same moments of a shared machine's load.
  const rounds = Number(arg('rounds') ?? 3);
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const speed: Array<{ threads: string; ours: Record<number, number>; torch?: Record<number, number>; cpu: Record<number, [number, number | undefined]> }> = [];
  let peer: PeerHead | undefined;
  for (const threads of [...new Set([1, cores])]) {
    const engine = new InferenceEngine({ device: 'cpu', idleMs: 0, ...(threads === 1 ? { threads } : {}) });
    for (const batch of [1, 32]) await engine.run({ model, task: 'token-classification', inputs: texts.slice(0, 32), batchSize: batch });
    const torchPeer = await startPeer(model, join(dir, 'ids.json'), threads);
    if ('error' in torchPeer) console.log(`[bench:infer] PyTorch peer did not run: ${torchPeer.error}`);
    else peer = torchPeer.head;
    const ours: Record<number, number[]> = { 1: [], 32: [] };
    const theirs: Record<number, number[]> = { 1: [], 32: [] };
    // CPU seconds per pass too (this process's, all threads; the peer's likewise): on a shared
    // machine they move less with other people's load than wall time does.
    const ourCpu: Record<number, number[]> = { 1: [], 32: [] };
    const theirCpu: Record<number, number[]> = { 1: [], 32: [] };
    for (let round = 0; round < rounds; round++) {
      for (const batch of [1, 32]) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        await engine.run({ model, task: 'token-classification', inputs: texts, batchSize: batch });
        ours[batch]!.push((performance.now() - t0) / 1000);
        const used = process.cpuUsage(c0);
        ourCpu[batch]!.push((used.user + used.system) / 1e6);
        if (!('error' in torchPeer)) {
          const pass = await torchPeer.pass(batch);
          theirs[batch]!.push(pass.seconds);
          theirCpu[batch]!.push(pass.cpu);
        }
      }
    }
    await engine.dispose();
    if (!('error' in torchPeer)) torchPeer.stop();
    const rate = (xs: number[]): number => tokens / median(xs);
    speed.push({
      threads: threads === 1 ? '1' : `${threads} (engine: ONNX Runtime's default pool)`,
      ours: { 1: rate(ours[1]!), 32: rate(ours[32]!) },
      ...('error' in torchPeer ? {} : { torch: { 1: rate(theirs[1]!), 32: rate(theirs[32]!) } }),
      cpu: Object.fromEntries([1, 32].map((b) => [b, [median(ourCpu[b]!), 'error' in torchPeer ? undefined : median(theirCpu[b]!)]])),
    });
  }
  let logitGap: number | undefined;
  if (peer) {
    // Same weights: the ONNX file through onnxruntime-node on row 0 against the peer's logits.
    const { ort } = loadOrt();
    // The file the engine loads: onnx/model.onnx, or the int8 onnx/model_quantized.onnx alone.
    const onnxFile = join(model, onnxFileOf(model) ?? join('onnx', 'model.onnx'));
    const session = await ort.InferenceSession.create(onnxFile);
    const ids = BigInt64Array.from(rows[0]!.map(BigInt));
    const dims = [1, ids.length];
    const out = await session.run({ input_ids: new ort.Tensor('int64', ids, dims), attention_mask: new ort.Tensor('int64', ids.map(() => 1n), dims), token_type_ids: new ort.Tensor('int64', new BigInt64Array(ids.length), dims) });
    const logits = Object.values(out)[0]!.data as Float32Array;
    logitGap = peer.check.flat().reduce((m, x, i) => Math.max(m, Math.abs(x - logits[i]!)), 0);
    await session.release();
  }

  // Event-loop delay of this thread (standing in for the extension host) during a dataset run in the
  // worker, beside the same measurement with nothing running (the machine's own noise), with
  // ONNX Runtime's default threads and with the extension's setting (every core but one, nice).
  const workerDir = join(root, 'test-results', 'bench-worker');
  mkdirSync(workerDir, { recursive: true });
  const script = join(workerDir, 'inference.worker.js');
  await build({ entryPoints: [join(root, 'src', 'core', 'inference', 'inference.worker.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['onnxruntime-node', '@huggingface/transformers', 'onnxruntime-common', 'sharp'], logLevel: 'error' });
  const dataset = join(dir, 'chats.jsonl');
  writeFileSync(dataset, sentences(4 * n, 7).map((t, i) => JSON.stringify({ id: i, text: t })).join('\n') + '\n');
  // Rounds interleave the configurations so that the machine's load drifts over all of them alike.
  const configs: Array<{ label: string; threads?: number }> = [
    { label: 'ONNX Runtime default threads (one per core, spinning)' },
    { label: `${hostFriendlyThreads()} thread(s), no spinning (the extension's setting)`, threads: hostFriendlyThreads() },
  ];
  const samples = new Map<string, HostDelay[]>();
  const add = (label: string, d: HostDelay): void => void samples.set(label, [...(samples.get(label) ?? []), d]);
  let records = 0;
  for (let round = 0; round < rounds; round++) {
    for (const c of configs) {
      const client = new InferenceClient(script);
      client.configure({ device: 'cpu', idleMs: 0, ...(c.threads ? { threads: c.threads } : {}) });
      await client.run({ model, task: 'token-classification', inputs: texts.slice(0, 8) }); // worker started, model loaded
      const run = await hostDelay(async () => {
        records = (await client.predictDataset({ input: dataset, model, task: 'token-classification', batchSize: 32 })).predicted;
      });
      await client.shutdown();
      add('nothing running (baseline, same lengths)', await hostDelay(() => new Promise((r) => setTimeout(r, run.seconds * 1000))));
      add(`dataset run: ${c.label}`, run);
    }
  }
  rmSync(dir, { recursive: true, force: true });

  const fmt = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(0));
  if (peer) console.log(`\nPyTorch peer: ${peer.architecture}, weights read from the ONNX file by ${peer.loaded}; max |logit difference| on the first input ${logitGap!.toExponential(1)}`);
  console.log(`\nTokens/s, median of ${rounds} passes over the ${n} sentences. The engine's figure is end to end (tokenizer, model, entity offsets); PyTorch's is the model's forward pass on the engine's token ids.`);
  console.log('\n| threads | runner | batch 1 tokens/s | batch 32 tokens/s |');
  console.log('|---|---|---|---|');
  for (const r of speed) {
    console.log(`| ${r.threads} | engine (transformers.js + onnxruntime-node 1.30, CPU) | ${fmt(r.ours[1])} | ${fmt(r.ours[32])} |`);
    console.log(`| | PyTorch ${r.torch ? '(Debian python3-torch 1.13)' : '(not run)'} | ${fmt(r.torch?.[1])} | ${fmt(r.torch?.[32])} |`);
    if (r.torch) console.log(`| | ratio engine / PyTorch (goal ≥ 2×) | ${(r.ours[1]! / r.torch[1]!).toFixed(2)}× | ${(r.ours[32]! / r.torch[32]!).toFixed(2)}× |`);
  }
  console.log(`\nCPU milliseconds per pass (median; load average now ${loadavg()[0]!.toFixed(1)}), engine / PyTorch, and PyTorch's over the engine's:\n`);
  console.log('| threads | batch 1 engine | batch 1 PyTorch | ratio | batch 32 engine | batch 32 PyTorch | ratio |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of speed) {
    const cells = [1, 32].map((b) => {
      const [e, t] = r.cpu[b]!;
      return `${(e * 1000).toFixed(0)} | ${t === undefined ? '—' : (t * 1000).toFixed(0)} | ${t === undefined ? '—' : `${(t / e).toFixed(2)}×`}`;
    });
    console.log(`| ${r.threads.split(' ')[0]} | ${cells.join(' | ')} |`);
  }
  console.log(`\nThis thread's event-loop delay while the inference worker predicts ${records} records (${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}):`);
  console.log('Delays are beyond the 5 ms sampling interval; "busy" is the time this thread itself ran code (event-loop utilization).\n');
  console.log(`| this thread while… (median of ${rounds} rounds) | run s | p50 ms | p99 ms | max ms | busy ms |`);
  console.log('|---|---|---|---|---|---|');
  for (const [label, ds] of samples) {
    const m = (k: keyof Omit<HostDelay, 'label'>): string => median(ds.map((d) => d[k])).toFixed(k === 'busyMs' ? 0 : 1);
    console.log(`| ${label} | ${m('seconds')} | ${m('p50')} | ${m('p99')} | ${m('max')} | ${m('busyMs')} |`);
  }
  console.log('(goal: p99 < 20 ms)');
}

interface PeerHead {
  architecture: string;
  loaded: string;
  check: number[][];
}

/** scripts/bench/bench-infer-torch.py as a server: one timed forward pass over all inputs per request. */
async function startPeer(model: string, ids: string, threads: number): Promise<{ head: PeerHead; pass: (batch: number) => Promise<{ seconds: number; cpu: number }>; stop: () => void } | { error: string }> {
  // torch.set_num_threads alone left PyTorch's OpenMP/MKL pools at one thread per core: on a quiet
  // machine its "1 thread" passes used ~2 CPU-seconds per wall second. The pools are sized here too.
  const pools = { OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  const child = spawn('/usr/bin/python3', [join(__dirname, 'bench-infer-torch.py'), model, ids, String(threads), 'serve'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...pools } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string | undefined> => (await lines.next()).value as string | undefined;
  const first = await next();
  if (!first) return { error: stderr.trim().split('\n').pop() ?? 'no output' };
  return {
    head: JSON.parse(first) as PeerHead,
    pass: async (batch) => {
      child.stdin.write(`${batch}\n`);
      const answer = await next();
      if (!answer) throw new Error(`PyTorch peer stopped: ${stderr.trim().split('\n').pop()}`);
      return JSON.parse(answer) as { seconds: number; cpu: number };
    },
    stop: () => child.stdin.end(),
  };
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
