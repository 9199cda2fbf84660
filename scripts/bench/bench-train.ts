/**
 * `npm run bench:train`: the builtin trainer's throughput on 100k synthetic support tickets
 * beside the same model in PyTorch (Debian's python3-torch, scripts/bench/bench-train.py) in the
 * same run; the latency from a metric line appended to RML_METRICS_FILE to the run event that
 * feeds the chart (inotify-triggered vs interval-only reads); and reading a 1M-point
 * metrics.jsonl (what a dashboard loads) beside Python's json module. The builtin encoder head
 * (frozen pii-ner-encoder embeddings + softmax head) on the same kind of tickets: embedding and
 * head training, the head beside the same head in PyTorch on the same vectors
 * (scripts/bench/bench-encoder-head.py).
 * Writes bench-data/bench-train/bench-train.json.
 *   npm run bench:train -- [--examples 100000] [--epochs 2] [--seed 7] [--skip-torch]
 *                          [--encoder-examples 20000] [--encoder-epochs 5] [--skip-encoder]
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sfc32 } from '../../src/core/random/sfc32';
import { featureIds } from '../../src/core/training/builtin/fasttext-features';
import { InferenceEngine } from '../../src/core/inference/inference-engine';
import { embedTexts } from '../../src/core/training/builtin/embed-texts';
import { trainFastText } from '../../src/core/training/builtin/train-fasttext';
import { featureStats, trainEncoderHead } from '../../src/core/training/builtin/train-encoder-head';
import { readMetricsJsonl } from '../../src/core/training/metrics-jsonl-reader';
import { RunFileWatcher } from '../../src/core/training/run-file-watcher';
import { DEFAULT_BUILTIN, DEFAULT_HYPERPARAMETERS } from '../../src/core/training/train-spec';
import { BENCH_DATA_DIR } from './bench-data';

const { values: args } = parseArgs({
  options: {
    examples: { type: 'string', default: '100000' },
    epochs: { type: 'string', default: '2' },
    seed: { type: 'string', default: '7' },
    'skip-torch': { type: 'boolean', default: false },
    'metric-samples': { type: 'string', default: '100' },
    points: { type: 'string', default: '1000000' },
    'encoder-examples': { type: 'string', default: '20000' },
    'encoder-epochs': { type: 'string', default: '5' },
    'skip-encoder': { type: 'boolean', default: false },
  },
});
const EXAMPLES = Number(args.examples);
const EPOCHS = Number(args.epochs);
const SEED = Number(args.seed);
const DIR = join(BENCH_DATA_DIR, 'bench-train');
const log = (s: string) => void process.stderr.write(`[bench:train] ${s}\n`);
/** Debian's python3-torch by default; RML_BENCH_PYTHON picks another (a machine with a newer torch). */
const PYTHON = process.env.RML_BENCH_PYTHON ?? '/usr/bin/python3';
mkdirSync(DIR, { recursive: true });

const LABELS: Record<string, string[]> = {
  billing: ['invoice', 'charged', 'refund', 'payment', 'bill', 'price', 'subscription', 'card', 'fee', 'receipt'],
  shipping: ['parcel', 'tracking', 'delivery', 'courier', 'shipped', 'package', 'address', 'late', 'arrived', 'lost'],
  technical: ['crash', 'error', 'wifi', 'update', 'reboot', 'bug', 'login', 'screen', 'battery', 'install'],
  account: ['password', 'email', 'username', 'profile', 'settings', 'locked', 'verify', 'delete', 'signup', 'security'],
  returns: ['return', 'exchange', 'broken', 'damaged', 'size', 'wrong', 'label', 'warranty', 'replace', 'defect'],
};
const FILLER = 'i my the a is was and please help today again order since last week still not it this that with for on can you'.split(' ');

/** Writes `n` seeded tickets: 40% label words, 60% filler, 5% of labels flipped (so accuracy is not trivially 1). */
function writeTickets(file: string, n: number, seed: number): void {
  if (existsSync(file)) return;
  const r = sfc32(seed, 11, 22, 33);
  const labels = Object.keys(LABELS);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let label = labels[r() % labels.length]!;
    const words: string[] = [];
    const len = 8 + (r() % 13);
    for (let w = 0; w < len; w++) words.push(r() % 10 < 4 ? LABELS[label]![r() % 10]! : FILLER[r() % FILLER.length]!);
    if (r() % 100 < 5) label = labels[r() % labels.length]!;
    lines.push(JSON.stringify({ text: words.join(' '), label, gender: r() % 2 ? 'female' : 'male' }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

async function builtinThroughput(train: string, valid: string) {
  log(`builtin trainer: ${EXAMPLES} examples × ${EPOCHS} epochs…`);
  const lines: string[] = [];
  const outcome = await trainFastText(
    {
      runId: 'bench',
      train,
      validation: valid,
      textField: 'text',
      labelField: 'label',
      groups: [{ name: 'gender', column: 'gender' }],
      hyperparameters: { ...DEFAULT_HYPERPARAMETERS, epochs: EPOCHS, earlyStoppingPatience: 0 },
      model: DEFAULT_BUILTIN,
      outputDir: join(DIR, 'model'),
      producerVersion: 'bench',
    },
    { log: (l) => lines.push(l), metrics: () => undefined, artifact: () => undefined, shouldStop: () => false },
  );
  const featureSeconds = Number(/features in ([\d.]+) s/.exec(lines.join('\n'))?.[1]);
  const accuracy = Number([...lines.join('\n').matchAll(/accuracy ([\d.]+)/g)].at(-1)?.[1]);
  return { examplesPerSecond: outcome.examplesPerSecond!, featureSeconds, accuracy };
}

const ENCODER = join(__dirname, '..', '..', 'models', 'pii-ner-encoder');

/** The builtin encoder head end to end (embedding every text once, then the head's epochs). */
async function encoderHeadThroughput(train: string, valid: string, examples: number, epochs: number) {
  log(`encoder head: ${examples} examples (embedding + ${epochs} epochs of the head)…`);
  const lines: string[] = [];
  const t0 = performance.now();
  const outcome = await trainEncoderHead(
    {
      runId: 'bench',
      train,
      validation: valid,
      textField: 'text',
      labelField: 'label',
      groups: [{ name: 'gender', column: 'gender' }],
      hyperparameters: { ...DEFAULT_HYPERPARAMETERS, epochs, earlyStoppingPatience: 0 },
      model: { ...DEFAULT_BUILTIN, model: 'encoder-head' },
      outputDir: join(DIR, 'encoder-head-model'),
      producerVersion: 'bench',
      baseModel: ENCODER,
    },
    { log: (l) => lines.push(l), metrics: () => undefined, artifact: () => undefined, shouldStop: () => false },
  );
  const wallSeconds = (performance.now() - t0) / 1000;
  const texts = examples + Math.round(examples / 10);
  const headSeconds = (examples * epochs) / outcome.examplesPerSecond!;
  const accuracy = Number([...lines.join('\n').matchAll(/accuracy ([\d.]+)/g)].at(-1)?.[1]);
  return {
    examples,
    epochs,
    embeddedTexts: texts,
    embeddingSeconds: outcome.embeddingSeconds!,
    embeddingTextsPerSecond: texts / outcome.embeddingSeconds!,
    headExamplesPerSecond: outcome.examplesPerSecond!,
    // Training examples (× epochs) per second of embedding (train + validation texts) plus head steps.
    endToEndExamplesPerSecond: (examples * epochs) / (outcome.embeddingSeconds! + headSeconds),
    wallSeconds,
    accuracy,
  };
}

/** The PyTorch head on the very vectors our head trains on (embedded again here, standardised the same way). */
async function torchHeadThroughput(train: string, valid: string, epochs: number, threads: number) {
  const engine = new InferenceEngine({ idleMs: 0 });
  const read = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string });
  const classOf = new Map(Object.keys(LABELS).sort().map((l, i) => [l, i]));
  const out = join(DIR, 'torch-head');
  mkdirSync(out, { recursive: true });
  try {
    const rows = { train: read(train), valid: read(valid) };
    const vectors: Record<string, { vectors: Float32Array; dim: number }> = {};
    for (const [name, r] of Object.entries(rows)) vectors[name] = (await embedTexts(engine, ENCODER, r.map((x) => x.text), { batchSize: 32, shouldStop: () => false }))!;
    const { dim } = vectors.train!;
    const stats = featureStats(vectors.train!.vectors, dim);
    for (const [name, r] of Object.entries(rows)) {
      const x = vectors[name]!.vectors.map((v, k) => (v - stats.mean[k % dim]!) / stats.std[k % dim]!);
      writeFileSync(join(out, `${name}.x.bin`), Buffer.from(x.buffer));
      writeFileSync(join(out, `${name}.y.bin`), Buffer.from(Int32Array.from(r.map((x) => classOf.get(x.label)!)).buffer));
    }
    log(`PyTorch head peer (${threads} thread${threads === 1 ? '' : 's'})…`);
    const h = DEFAULT_HYPERPARAMETERS;
    const p = spawnSync(PYTHON, [join(__dirname, 'bench-encoder-head.py'), out, String(dim), String(epochs), String(h.batchSize), String(h.learningRate), String(threads)], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(`bench-encoder-head.py failed: ${p.stderr}`);
    return JSON.parse(p.stdout.trim()) as { examples_per_second: number; accuracy: number; torch: string };
  } finally {
    await engine.dispose();
  }
}

function writeFeatureBins(file: string, name: string, classOf: Map<string, number>): void {
  const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string });
  const ids: number[] = [];
  const offsets = [0];
  for (const r of rows) {
    for (const id of featureIds(r.text, DEFAULT_BUILTIN)) ids.push(id);
    offsets.push(ids.length);
  }
  mkdirSync(join(DIR, 'torch'), { recursive: true });
  writeFileSync(join(DIR, 'torch', `${name}.ids.bin`), Buffer.from(Int32Array.from(ids).buffer));
  writeFileSync(join(DIR, 'torch', `${name}.offsets.bin`), Buffer.from(Int32Array.from(offsets).buffer));
  writeFileSync(join(DIR, 'torch', `${name}.labels.bin`), Buffer.from(Int32Array.from(rows.map((r) => classOf.get(r.label)!)).buffer));
}

function torchThroughput(train: string, valid: string, threads: number) {
  const classOf = new Map(Object.keys(LABELS).sort().map((l, i) => [l, i]));
  // Written every run: the features must be the ones this build computes.
  writeFeatureBins(train, 'train', classOf);
  writeFeatureBins(valid, 'valid', classOf);
  log(`PyTorch peer (${threads} thread${threads === 1 ? '' : 's'})…`);
  const h = DEFAULT_HYPERPARAMETERS;
  const r = spawnSync(PYTHON, [join(__dirname, 'bench-train.py'), join(DIR, 'torch'), String(EPOCHS), String(h.batchSize), String(h.learningRate), String(DEFAULT_BUILTIN.dim), String(DEFAULT_BUILTIN.buckets), String(threads)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench-train.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim()) as { examples_per_second: number; accuracy: number; torch: string };
}

/** Appends a metric line, then waits for the watcher's event; `watch` false leaves only the interval poll. */
async function metricLatency(watch: boolean, samples: number, intervalMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'rml-bench-latency-'));
  const metrics = join(dir, 'metrics.jsonl');
  writeFileSync(metrics, '');
  let resolveNext: ((t: number) => void) | undefined;
  const watcher = new RunFileWatcher({ log: join(dir, 'output.log'), metrics, watchDirs: watch ? [dir] : [] }, (e) => {
    if (e.type === 'metric') resolveNext?.(performance.now());
  });
  watcher.start(intervalMs);
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    await new Promise((r) => setTimeout(r, 5 + (i * 37) % 50));
    const arrived = new Promise<number>((r) => (resolveNext = r));
    const t0 = performance.now();
    appendFileSync(metrics, `${JSON.stringify({ step: i, name: 'train/loss', value: 1 / (i + 1), wallTime: Date.now() / 1000 })}\n`);
    ms.push((await arrived) - t0);
  }
  watcher.stop();
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.floor(ms.length * 0.95)]!, max: ms.at(-1)! };
}

async function bigMetricsFile(points: number) {
  const file = join(DIR, `metrics-${points}.jsonl`);
  if (!existsSync(file)) {
    const lines: string[] = [];
    for (let i = 0; i < points; i++) lines.push(JSON.stringify({ step: i, epoch: i / 10000, name: i % 4 === 0 ? 'eval/loss' : 'train/loss', value: 1 / (1 + i), wallTime: 1.7e9 + i / 100 }));
    writeFileSync(file, lines.join('\n') + '\n');
  }
  const t0 = performance.now();
  const r = await readMetricsJsonl(file);
  const ours = (performance.now() - t0) / 1000;
  const py = spawnSync(PYTHON, ['-c', 'import json,sys,time\nt=time.perf_counter()\npts=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]\nprint(time.perf_counter()-t, len(pts))', file], { encoding: 'utf8' });
  const [pySeconds] = py.stdout.trim().split(' ').map(Number);
  return { points: r.points.length, seconds: ours, pythonJsonSeconds: pySeconds! };
}

void (async () => {
  const train = join(DIR, `train-${EXAMPLES}-${SEED}.jsonl`);
  const valid = join(DIR, `valid-${Math.round(EXAMPLES / 10)}-${SEED + 1}.jsonl`);
  writeTickets(train, EXAMPLES, SEED);
  writeTickets(valid, Math.round(EXAMPLES / 10), SEED + 1);
  const ours = await builtinThroughput(train, valid);
  const torch1 = args['skip-torch'] ? undefined : torchThroughput(train, valid, 1);
  const samples = Number(args['metric-samples']);
  log('metric write → event latency…');
  const watched = await metricLatency(true, samples, 500);
  const polled = await metricLatency(false, samples, 500);
  log(`reading ${args.points} metric points…`);
  const read = await bigMetricsFile(Number(args.points));
  const encoderExamples = Number(args['encoder-examples']);
  const encoderEpochs = Number(args['encoder-epochs']);
  let encoderHead: Awaited<ReturnType<typeof encoderHeadThroughput>> | undefined;
  let torchHead: Awaited<ReturnType<typeof torchHeadThroughput>> | undefined;
  if (!args['skip-encoder']) {
    const encTrain = join(DIR, `train-${encoderExamples}-${SEED}.jsonl`);
    const encValid = join(DIR, `valid-${Math.round(encoderExamples / 10)}-${SEED + 1}.jsonl`);
    writeTickets(encTrain, encoderExamples, SEED);
    writeTickets(encValid, Math.round(encoderExamples / 10), SEED + 1);
    encoderHead = await encoderHeadThroughput(encTrain, encValid, encoderExamples, encoderEpochs);
    torchHead = args['skip-torch'] ? undefined : await torchHeadThroughput(encTrain, encValid, encoderEpochs, 1);
  }
  const result = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, load: loadavg().map((x) => Number(x.toFixed(2))) },
    builtin: { examples: EXAMPLES, epochs: EPOCHS, ...ours, model: DEFAULT_BUILTIN, batchSize: DEFAULT_HYPERPARAMETERS.batchSize },
    torch1,
    ratioVsTorch1: torch1 ? ours.examplesPerSecond / torch1.examples_per_second : undefined,
    latencyMs: { inotify: watched, intervalOnly: polled },
    readMetrics: { ...read, ratioVsPython: read.pythonJsonSeconds / read.seconds },
    encoderHead,
    torchHead1: torchHead,
    encoderHeadRatioVsTorch1: encoderHead && torchHead ? encoderHead.headExamplesPerSecond / torchHead.examples_per_second : undefined,
    encoderHeadVsFastText: encoderHead ? encoderHead.endToEndExamplesPerSecond / ours.examplesPerSecond : undefined,
  };
  writeFileSync(join(DIR, 'bench-train.json'), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
})();
