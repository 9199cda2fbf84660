import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { InferenceEngine } from '../../../src/core/inference/inference-engine';
import type { Embedding, TextClassification } from '../../../src/core/inference/inference-types';
import { sfc32 } from '../../../src/core/random/sfc32';
import { BuiltinRunner } from '../../../src/core/training/builtin/builtin-runner';
import { DenseHead, DenseHeadTrainer } from '../../../src/core/training/builtin/dense-head';
import { embedTexts } from '../../../src/core/training/builtin/embed-texts';
import { trainEncoderHead } from '../../../src/core/training/builtin/train-encoder-head';
import type { FastTextJob } from '../../../src/core/training/builtin/train-fasttext';
import type { MetricPoint } from '../../../src/core/training/metric-point';
import { DEFAULT_BUILTIN, resolveTrainSpec, TrainSpecError } from '../../../src/core/training/train-spec';
import { FIXTURES, hasPythonModule, queuedRun, topicData } from './training-test-helpers';

const ROOT = join(__dirname, '..', '..', '..');
const MODELS = join(ROOT, 'models');
const ENCODER = join(MODELS, 'pii-ner-encoder');
const TEST_MODELS = join(ROOT, 'test', 'fixtures', 'models');

const torchSkip = hasPythonModule('torch') ? false : 'needs Debian python3-torch';
const onnxSkip = hasPythonModule('onnx') ? false : 'needs Debian python3-onnx';
const python = (args: string[], input = '') => execFileSync('/usr/bin/python3', args, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

function job(dir: string, over: Partial<FastTextJob> = {}): FastTextJob {
  return {
    runId: 'test',
    train: topicData(dir, 240, 1, 'train.jsonl'),
    validation: topicData(dir, 90, 2, 'valid.jsonl'),
    textField: 'text',
    labelField: 'label',
    groups: [{ name: 'gender', column: 'gender' }],
    hyperparameters: { epochs: 5, learningRate: 0.01, batchSize: 16, seed: 3, earlyStoppingPatience: 0 },
    model: { ...DEFAULT_BUILTIN, model: 'encoder-head' },
    outputDir: join(dir, 'model'),
    producerVersion: 'test',
    baseModel: 'pii-ner-encoder',
    baseDir: dir,
    engine: { searchPaths: [MODELS] },
    ...over,
  };
}

function hooks(stopWhen: () => boolean = () => false) {
  const points: MetricPoint[] = [];
  const logs: string[] = [];
  const artifacts: string[] = [];
  return { points, logs, artifacts, hooks: { log: (l: string) => logs.push(l), metrics: (p: MetricPoint[]) => points.push(...p), artifact: (p: string) => artifacts.push(p), shouldStop: stopWhen } };
}

describe('encoder head: the maths', () => {
  for (const sizes of [
    [4, 3],
    [4, 5, 3],
  ]) {
    it(`a [${sizes.join(' → ')}] head's losses and Adam steps match an independent PyTorch implementation`, { skip: torchSkip }, () => {
      const random = sfc32(11, 12, 13, 14);
      const u = () => random() / 2 ** 32 - 0.5;
      const head = new DenseHead(sizes, sfc32(1, 2, 3, 4));
      // Random weights for the linear head too (it starts at zero), so every gradient path is exercised.
      for (const l of head.layers) {
        for (let k = 0; k < l.weights.length; k++) l.weights[k] = u();
        for (let k = 0; k < l.bias.length; k++) l.bias[k] = u() * 0.2;
      }
      const init = head.snapshot();
      const dim = sizes[0]!;
      const x = Float32Array.from({ length: 12 * dim }, () => u() * 4);
      const labels = Int32Array.from({ length: 12 }, (_, i) => (i * 7) % 3);
      const order = Uint32Array.from([3, 0, 7, 11, 5, 2, 9, 1, 4, 10, 6, 8]);
      const trainer = new DenseHeadTrainer(head, { learningRate: 0.05 });
      const losses: number[] = [];
      const batches: number[][] = [];
      for (let from = 0; from < 12; from += 4) {
        losses.push(trainer.step(x, dim, labels, order, from, from + 4));
        batches.push(Array.from(order.subarray(from, from + 4)));
      }
      const ref = JSON.parse(
        python(
          [join(FIXTURES, 'torch_dense_head_reference.py')],
          JSON.stringify({ dim, x: Array.from(x), labels: Array.from(labels), batches, lr: 0.05, layers: init.map((l) => ({ inputs: l.inputs, outputs: l.outputs, weights: Array.from(l.weights), bias: Array.from(l.bias) })) }),
        ),
      ) as { layers: Array<{ weights: number[]; bias: number[] }>; losses: number[] };
      const close = (a: ArrayLike<number>, b: number[], what: string) => {
        assert.equal(a.length, b.length);
        for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 2e-5, `${what}[${i}]: ${a[i]} vs torch ${b[i]}`);
      };
      close(losses, ref.losses, 'loss');
      head.layers.forEach((l, i) => {
        close(l.weights, ref.layers[i]!.weights, `W${i}`);
        close(l.bias, ref.layers[i]!.bias, `b${i}`);
      });
    });
  }

  it('embeddings are PyTorch hidden states mean-pooled over real tokens and L2-normalised', async () => {
    const gold = JSON.parse(readFileSync(join(TEST_MODELS, 'expected.json'), 'utf8')) as Record<string, Array<{ text: string; output: number[][] }>>;
    const rows = gold['tiny-embedder']!;
    const engine = new InferenceEngine({ idleMs: 0, threads: 1 });
    try {
      const out = await embedTexts(engine, join(TEST_MODELS, 'tiny-embedder'), rows.map((r) => r.text), { batchSize: 3, shouldStop: () => false });
      assert.ok(out, 'not stopped');
      rows.forEach((r, i) => {
        // By hand from PyTorch's per-token vectors (no padding in the reference: one text per call).
        const mean = r.output[0]!.map((_, h) => r.output.reduce((s, t) => s + t[h]!, 0) / r.output.length);
        const norm = Math.sqrt(mean.reduce((s, v) => s + v * v, 0));
        mean.forEach((v, h) => assert.ok(Math.abs(out.vectors[i * out.dim + h]! - v / norm) < 1e-4, `${r.text}[${h}]`));
      });
    } finally {
      await engine.dispose();
    }
  });

  it("pii-ner-encoder is exactly pii-ner's encoder: its vectors · pii-ner's classifier give pii-ner's logits", { skip: onnxSkip }, async () => {
    // pii-ner ships int8 weights: its float graph is those weights as stored (int8 × scale).
    const floatNer = join(mkdtempSync(join(tmpdir(), 'rml-eh-ner-')), 'model.onnx');
    python([join(MODELS, 'train', 'quantize_onnx.py'), '--dequantize', join(MODELS, 'pii-ner', 'onnx', 'model_quantized.onnx'), floatNer]);
    const classifier = JSON.parse(python([join(FIXTURES, 'onnx_initializers.py'), floatNer, 'classifier:'])) as Record<string, { dims: number[]; values: number[] }>;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');
    const ids = BigInt64Array.from([2, 1500, 77, 4021, 3, 0, 2, 900, 31, 3650, 512, 3].map(BigInt));
    const mask = BigInt64Array.from([1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1].map(BigInt));
    const feeds = { input_ids: new ort.Tensor('int64', ids, [2, 6]), attention_mask: new ort.Tensor('int64', mask, [2, 6]), token_type_ids: new ort.Tensor('int64', new BigInt64Array(12), [2, 6]) };
    const ner = await ort.InferenceSession.create(floatNer);
    const enc = await ort.InferenceSession.create(join(ENCODER, 'onnx', 'model.onnx'));
    const logits = (await ner.run(feeds)).logits!.data as Float32Array;
    const hidden = (await enc.run(feeds)).last_hidden_state!.data as Float32Array;
    const [inDim, labels] = classifier.classifier_weight!.dims as [number, number];
    assert.equal(hidden.length, 12 * inDim);
    for (let t = 0; t < 12; t++)
      for (let c = 0; c < labels; c++) {
        let z = classifier.classifier_bias!.values[c]!;
        for (let j = 0; j < inDim; j++) z += hidden[t * inDim + j]! * classifier.classifier_weight!.values[j * labels + c]!;
        assert.ok(Math.abs(z - logits[t * labels + c]!) < 1e-4, `token ${t} label ${c}: ${z} vs ${logits[t * labels + c]}`);
      }
    // The README states the graph's hash; it must be this file's.
    const sha = createHash('sha256').update(readFileSync(join(ENCODER, 'onnx', 'model.onnx'))).digest('hex');
    assert.ok(readFileSync(join(ENCODER, 'README.md'), 'utf8').includes(sha), 'README names the ONNX sha256');
  });
});

describe('encoder head trainer', () => {
  let dir: string;
  let first: ReturnType<typeof hooks>;
  let outcome: Awaited<ReturnType<typeof trainEncoderHead>>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rml-eh-'));
    first = hooks();
    outcome = await trainEncoderHead(job(dir), first.hooks);
  });

  it('learns a separable task: accuracy far above chance, validation loss falls, per-group metrics, embeddings once', () => {
    assert.equal(outcome.status, 'succeeded');
    const acc = first.points.filter((p) => p.name === 'eval/accuracy').map((p) => p.value);
    const loss = first.points.filter((p) => p.name === 'eval/loss').map((p) => p.value);
    assert.equal(acc.length, 5);
    assert.ok(acc.at(-1)! > 0.9, `accuracy ${acc.at(-1)} (chance 1/3)`);
    assert.ok(loss.at(-1)! < loss[0]! * 0.8, `eval loss ${loss[0]} → ${loss.at(-1)}`);
    assert.ok(first.points.some((p) => p.name === 'eval/group/gender=female/f1_macro'), 'per-group points');
    assert.equal(first.logs.filter((l) => /^embedding \d+ texts with/.test(l)).length, 1, 'texts are embedded once per run');
    assert.ok(first.logs.some((l) => l.includes(`sha256 ${createHash('sha256').update(readFileSync(join(ENCODER, 'onnx', 'model.onnx'))).digest('hex')}`)), 'the log names the encoder hash');
    assert.deepEqual(first.artifacts, [join(dir, 'model')]);
  });

  it('is deterministic for a seed (same metrics, same model bytes)', async () => {
    const again = hooks();
    await trainEncoderHead({ ...job(dir), outputDir: join(dir, 'model2') }, again.hooks);
    const strip = (ps: MetricPoint[]) => ps.filter((p) => p.name.startsWith('eval/')).map((p) => [p.name, p.step, p.value]);
    assert.deepEqual(strip(again.points), strip(first.points));
    assert.ok(readFileSync(join(dir, 'model', 'onnx', 'model.onnx')).equals(readFileSync(join(dir, 'model2', 'onnx', 'model.onnx'))), 'same seed, same model bytes');
  });

  it('the export runs in the inference engine on raw text with the trainer’s predictions and metrics', async () => {
    const metrics = JSON.parse(readFileSync(join(dir, 'model', 'metrics.json'), 'utf8'));
    const config = JSON.parse(readFileSync(join(dir, 'model', 'config.json'), 'utf8'));
    assert.deepEqual(config.architectures, ['BertForSequenceClassification']);
    assert.equal(config.rml.base_model.sha256, createHash('sha256').update(readFileSync(join(ENCODER, 'onnx', 'model.onnx'))).digest('hex'));
    const rows = readFileSync(join(dir, 'valid.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string });
    const engine = new InferenceEngine({ idleMs: 0, threads: 1 });
    try {
      // No task given: the engine reads text classification off config.json.
      const out = (await engine.run({ model: join(dir, 'model'), inputs: rows.map((r) => r.text), batchSize: 7 })) as TextClassification[];
      const accuracy = out.filter((o, i) => o.label === rows[i]!.label).length / rows.length;
      const loss = out.reduce((s, o, i) => s - Math.log(o.scores.find((c) => c.label === rows[i]!.label)!.score), 0) / rows.length;
      assert.equal(accuracy, metrics.validation.accuracy);
      assert.ok(Math.abs(loss - metrics.validation.loss) < 1e-4, `loss ${loss} vs trainer ${metrics.validation.loss}`);
    } finally {
      await engine.dispose();
    }
  });

  it('the exported head equals an independent computation from its weights (python3-onnx) on the encoder’s vectors, and passes the ONNX checker', { skip: onnxSkip }, async () => {
    const file = join(dir, 'model', 'onnx', 'model.onnx');
    execFileSync('/usr/bin/python3', ['-c', 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', file]);
    const w = JSON.parse(python([join(FIXTURES, 'onnx_initializers.py'), file, 'rml_feature_mean', 'rml_feature_std', 'rml_head_0_weight_t', 'rml_head_0_bias'])) as Record<string, { dims: number[]; values: number[] }>;
    const texts = ['my invoice is wrong', 'where is the parcel', 'the wifi crashed after the update', ''];
    const engine = new InferenceEngine({ idleMs: 0, threads: 1 });
    try {
      const vectors = (await engine.run({ model: ENCODER, task: 'feature-extraction', inputs: texts })) as Embedding[];
      const out = (await engine.run({ model: join(dir, 'model'), inputs: texts })) as TextClassification[];
      const [dim, classes] = w.rml_head_0_weight_t!.dims as [number, number];
      vectors.forEach((v, i) => {
        const x = v.map((e, j) => (e - w.rml_feature_mean!.values[j]!) / w.rml_feature_std!.values[j]!);
        const z = Array.from({ length: classes }, (_, c) => w.rml_head_0_bias!.values[c]! + x.reduce((s, xj, j) => s + xj * w.rml_head_0_weight_t!.values[j * classes + c]!, 0));
        const m = Math.max(...z);
        const e = z.map((q) => Math.exp(q - m));
        const sum = e.reduce((a, b) => a + b, 0);
        assert.equal(v.length, dim);
        e.forEach((p, c) => assert.ok(Math.abs(p / sum - out[i]!.scores[c]!.score) < 1e-4, `${JSON.stringify(texts[i])} class ${c}`));
      });
    } finally {
      await engine.dispose();
    }
  });

  it('a one-hidden-layer head learns too and exports a graph the engine runs', async () => {
    const d = mkdtempSync(join(tmpdir(), 'rml-eh-'));
    const h = hooks();
    await trainEncoderHead(job(d, { model: { ...DEFAULT_BUILTIN, model: 'encoder-head', hiddenUnits: 16 }, hyperparameters: { epochs: 6, learningRate: 0.03, batchSize: 16, seed: 5, earlyStoppingPatience: 0 } }), h.hooks);
    const accuracy = h.points.filter((p) => p.name === 'eval/accuracy').at(-1)!.value;
    assert.ok(accuracy > 0.9, `accuracy ${accuracy}`);
    const engine = new InferenceEngine({ idleMs: 0, threads: 1 });
    try {
      const [out] = (await engine.run({ model: join(d, 'model'), inputs: ['please refund the payment'] })) as TextClassification[];
      assert.equal(out!.label, 'billing');
    } finally {
      await engine.dispose();
    }
  });

  it('stops while embedding when asked, without a model', async () => {
    const d = mkdtempSync(join(tmpdir(), 'rml-eh-'));
    let calls = 0;
    const h = hooks(() => ++calls > 2);
    const result = await trainEncoderHead(job(d), h.hooks);
    assert.equal(result.status, 'stopped');
    assert.ok(h.logs.includes('stopped while embedding'), h.logs.join('\n'));
    assert.ok(!existsSync(join(d, 'model')), 'no model folder');
  });

  it('says what is wrong with an encoder that cannot carry a head, or one it may not download', async () => {
    const d = mkdtempSync(join(tmpdir(), 'rml-eh-'));
    await assert.rejects(trainEncoderHead(job(d, { baseModel: join(TEST_MODELS, 'tiny-classifier') }), hooks().hooks), /no 'last_hidden_state' output \(it has logits\)/);
    await assert.rejects(trainEncoderHead(job(d, { baseModel: 'someone/some-encoder' }), hooks().hooks), /downloading from the Hugging Face Hub is off/);
  });
});

describe('encoder head: spec and runner', () => {
  it('builtin.model encoder-head (or a baseModel) picks it; it needs a baseModel; the schema takes it', () => {
    const base = { task: 'text-classification' as const, data: { train: 't.jsonl' } };
    assert.equal(resolveTrainSpec({ ...base, baseModel: 'pii-ner-encoder' }, '/w').builtin.model, 'encoder-head');
    assert.equal(resolveTrainSpec({ ...base, baseModel: 'pii-ner-encoder', builtin: { model: 'fasttext' } }, '/w').builtin.model, 'fasttext');
    assert.equal(resolveTrainSpec(base, '/w').builtin.model, 'fasttext');
    assert.equal(resolveTrainSpec({ ...base, baseModel: 'org/model', runner: 'process', command: 'python t.py' }, '/w').builtin.model, 'fasttext');
    assert.throws(() => resolveTrainSpec({ ...base, builtin: { model: 'encoder-head' } }, '/w'), TrainSpecError);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'train.schema.json'), 'utf8')));
    assert.equal(validate({ ...base, baseModel: 'pii-ner-encoder', builtin: { model: 'encoder-head', hiddenUnits: 32 } }), true, JSON.stringify(validate.errors));
    assert.equal(validate({ ...base, builtin: { model: 'bert' } }), false);
  });

  it('the builtin runner trains it in a worker thread and records the encoder (path, ONNX sha256) in run.json', { timeout: 180_000 }, async () => {
    const d = mkdtempSync(join(tmpdir(), 'rml-eh-run-'));
    topicData(d, 120, 1, 'train.jsonl');
    topicData(d, 45, 2, 'valid.jsonl');
    const { store, record, paths } = await queuedRun(d, { runner: 'builtin', baseModel: 'pii-ner-encoder', data: { train: 'train.jsonl', validation: 'valid.jsonl', sensitiveFields: ['gender'] }, hyperparameters: { epochs: 2, learningRate: 0.01, batchSize: 16, seed: 1, earlyStoppingPatience: 0 } });
    const job = await new BuiltinRunner({ engine: { searchPaths: [MODELS], threads: 1 } }).start({ record, paths, store });
    assert.equal(await job.done, 'succeeded', readFileSync(paths.log, 'utf8'));
    const saved = await store.read(record.id);
    assert.equal(saved.baseModel?.path, ENCODER);
    assert.equal(saved.baseModel?.onnx, join('onnx', 'model.onnx'));
    assert.equal(saved.baseModel?.sha256, createHash('sha256').update(readFileSync(join(ENCODER, 'onnx', 'model.onnx'))).digest('hex'));
    assert.ok(existsSync(join(saved.outputDir, 'onnx', 'model.onnx')), 'model exported');
    assert.match(readFileSync(paths.log, 'utf8'), /epoch 2\/2: train loss/);
  });

  it('a missing encoder fails the run before the worker starts, naming it', async () => {
    const d = mkdtempSync(join(tmpdir(), 'rml-eh-run-'));
    topicData(d, 30, 1, 'train.jsonl');
    topicData(d, 10, 2, 'valid.jsonl');
    const { store, record, paths } = await queuedRun(d, { runner: 'builtin', baseModel: './no-such-encoder' });
    const job = await new BuiltinRunner({ engine: { searchPaths: [MODELS] } }).start({ record, paths, store });
    assert.equal(await job.done, 'failed');
    assert.match((await store.read(record.id)).error ?? '', /no-such-encoder does not exist/);
  });
});
