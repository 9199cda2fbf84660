import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InferenceEngine } from '../../../src/core/inference/inference-engine';
import type { TextClassification } from '../../../src/core/inference/inference-types';
import { sfc32 } from '../../../src/core/random/sfc32';
import { classificationMetrics } from '../../../src/core/training/builtin/classification-metrics';
import { featureIds, fnv1a, tokenize } from '../../../src/core/training/builtin/fasttext-features';
import { FastTextModel, FastTextTrainer } from '../../../src/core/training/builtin/fasttext-model';
import { trainFastText, type FastTextJob } from '../../../src/core/training/builtin/train-fasttext';
import type { MetricPoint } from '../../../src/core/training/metric-point';
import { DEFAULT_BUILTIN } from '../../../src/core/training/train-spec';
import { FIXTURES, hasPythonModule, topicData } from './training-test-helpers';

const python = (script: string, input: string) => execFileSync('/usr/bin/python3', [script], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const torchSkip = hasPythonModule('torch') ? false : 'needs Debian python3-torch';

function job(dir: string, over: Partial<FastTextJob> = {}): FastTextJob {
  return {
    runId: 'test',
    train: topicData(dir, 600, 1, 'train.jsonl', { age: true }),
    validation: topicData(dir, 150, 2, 'valid.jsonl', { age: true }),
    textField: 'text',
    labelField: 'label',
    groups: [{ name: 'gender', column: 'gender' }, { name: 'age', column: 'age', bins: [30, 50] }],
    hyperparameters: { epochs: 4, learningRate: 0.05, batchSize: 16, seed: 3, earlyStoppingPatience: 2 },
    model: { ...DEFAULT_BUILTIN, buckets: 4096, dim: 8 },
    outputDir: join(dir, 'model'),
    producerVersion: 'test',
    ...over,
  };
}

function hooks() {
  const points: MetricPoint[] = [];
  const logs: string[] = [];
  const artifacts: string[] = [];
  return { points, logs, artifacts, hooks: { log: (l: string) => logs.push(l), metrics: (p: MetricPoint[]) => points.push(...p), artifact: (p: string) => artifacts.push(p), shouldStop: () => false } };
}

describe('fastText features', () => {
  it('FNV-1a 32 matches the published test vectors', () => {
    // From the FNV reference (draft-eastlake-fnv): "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    assert.equal(fnv1a(''), 0x811c9dc5);
    assert.equal(fnv1a('a'), 0xe40c292c);
    assert.equal(fnv1a('foobar'), 0xbf9cf968);
    assert.equal(fnv1a('bar', 'foo'), fnv1a('foobar'));
  });

  it('tokens, word bigrams and character n-grams, counted by hand', () => {
    assert.deepEqual(tokenize('Où est   l’HÔTEL? 42x'), ['où', 'est', 'l’hôtel', '42x']);
    // "ab cd": words 2, bigram 1, char 2..3 grams of "<ab>" (4 chars: 3 bigrams + 2 trigrams) ×2.
    const ids = featureIds('ab cd', { buckets: 1 << 20, wordNgrams: 2, charNgrams: [2, 3] });
    assert.equal(ids.length, 2 + 1 + 2 * (3 + 2));
    assert.ok(ids.includes(fnv1a('ab', 'w:') % (1 << 20)));
    assert.ok(ids.includes(fnv1a('ab cd', 'n:') % (1 << 20)));
    assert.ok(ids.includes(fnv1a('<a', 'c:') % (1 << 20)));
    assert.ok(!ids.includes(fnv1a('<ab>', 'c:') % (1 << 20)), 'the whole word is not a char n-gram');
    assert.equal(featureIds('', { buckets: 10, wordNgrams: 2, charNgrams: [3, 5] }).length, 0);
  });

  it('equals a plain reading of the recipe (strings built and hashed one by one), emoji and accents included', () => {
    const options = { buckets: 1000003, wordNgrams: 3, charNgrams: [2, 4] as [number, number] };
    const reference = (text: string): number[] => {
      const tokens = tokenize(text);
      const ids: number[] = [];
      tokens.forEach((t, i) => {
        ids.push(fnv1a(`w:${t}`) % options.buckets);
        for (let n = 2; n <= options.wordNgrams && i + n <= tokens.length; n++) ids.push(fnv1a(`n:${tokens.slice(i, i + n).join(' ')}`) % options.buckets);
        const chars = Array.from(`<${t}>`);
        for (let n = options.charNgrams[0]; n <= options.charNgrams[1]; n++)
          for (let s = 0; s + n <= chars.length; s++) if (n !== chars.length) ids.push(fnv1a(`c:${chars.slice(s, s + n).join('')}`) % options.buckets);
      });
      return ids.sort((a, b) => a - b);
    };
    for (const text of ['Crème brûlée 🍮 was great', 'a bb ccc dddd eeeee', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 x', 'Ünïcödé — naïve café', '']) {
      assert.deepEqual(Array.from(featureIds(text, options)).sort((a, b) => a - b), reference(text), text);
    }
  });
});

describe('fastText model', () => {
  it('gradients and Adam match an independent PyTorch implementation step for step', { skip: torchSkip }, () => {
    // Few buckets so every batch touches every row: lazy (sparse) Adam then equals dense Adam.
    const shape = { buckets: 6, dim: 3, classes: 3 };
    const model = new FastTextModel(shape, sfc32(9, 9, 9, 9));
    const random = sfc32(5, 6, 7, 8);
    for (let i = 0; i < model.weights.length; i++) model.weights[i] = (random() / 2 ** 32 - 0.5) * 0.4;
    for (let i = 0; i < model.bias.length; i++) model.bias[i] = (random() / 2 ** 32 - 0.5) * 0.1;
    const init = model.snapshot();
    const features = Array.from({ length: 12 }, (_, i) => Int32Array.from([0, 1, 2, 3, 4, 5, i % 6, (i * 7) % 6]));
    const labels = Int32Array.from({ length: 12 }, (_, i) => i % 3);
    const order = Uint32Array.from([3, 0, 7, 11, 5, 2, 9, 1, 4, 10, 6, 8]);
    const trainer = new FastTextTrainer(model, { learningRate: 0.05 });
    const losses: number[] = [];
    const batches: number[][] = [];
    for (let from = 0; from < 12; from += 4) {
      losses.push(trainer.step(features, labels, order, from, from + 4));
      batches.push(Array.from(order.subarray(from, from + 4)));
    }
    const ref = JSON.parse(
      python(
        join(FIXTURES, 'torch_fasttext_reference.py'),
        JSON.stringify({ dim: 3, embeddings: Array.from(init.embeddings), weights: Array.from(init.weights), bias: Array.from(init.bias), features: features.map((f) => Array.from(f)), labels: Array.from(labels), batches, lr: 0.05 }),
      ),
    ) as { embeddings: number[]; weights: number[]; bias: number[]; losses: number[] };
    const close = (a: ArrayLike<number>, b: number[], what: string) => {
      assert.equal(a.length, b.length);
      for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 2e-5, `${what}[${i}]: ${a[i]} vs torch ${b[i]}`);
    };
    close(losses, ref.losses, 'loss');
    close(model.weights, ref.weights, 'W');
    close(model.bias, ref.bias, 'b');
    close(model.embeddings, ref.embeddings, 'E');
  });

  it('macro-F1 follows scikit-learn: labels in y_true ∪ y_pred, 0 for a never-right class', () => {
    // By hand: class 0 tp1 fp1 fn0 → 2/3; class 1 tp1 fp0 fn1 → 2/3; class 2 only predicted, wrong → 0.
    const m = classificationMetrics(Int32Array.from([0, 1, 1, 3]), Int32Array.from([0, 1, 0, 2]), 4);
    assert.equal(m.accuracy, 0.5);
    // class 3: tp0 fn1 → 0. Mean over 4 present classes: (2/3 + 2/3 + 0 + 0)/4.
    assert.ok(Math.abs(m.f1Macro - (2 / 3 + 2 / 3) / 4) < 1e-12);
  });
});

describe('builtin fastText trainer', () => {
  it('learns a separable task, reports per-epoch and per-group metrics, and is deterministic for a seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-ft-'));
    const a = hooks();
    const outcome = await trainFastText(job(dir), a.hooks);
    assert.equal(outcome.status, 'succeeded');
    const acc = a.points.filter((p) => p.name === 'eval/accuracy');
    assert.equal(acc.length, 4);
    assert.ok(acc.at(-1)!.value > 0.95, `accuracy ${acc.at(-1)!.value}`);
    assert.ok(a.points.some((p) => p.name === 'eval/group/gender=female/accuracy'));
    assert.ok(a.points.some((p) => p.name === 'eval/group/age=30–49/f1_macro'), 'age in the configured bins');
    assert.deepEqual(a.artifacts, [join(dir, 'model')]);

    const b = hooks();
    await trainFastText({ ...job(dir), outputDir: join(dir, 'model2') }, b.hooks);
    const strip = (ps: MetricPoint[]) => ps.filter((p) => p.name.startsWith('eval/')).map((p) => [p.name, p.step, p.value]);
    assert.deepEqual(strip(b.points), strip(a.points));
    assert.ok(readFileSync(join(dir, 'model', 'model.onnx')).equals(readFileSync(join(dir, 'model2', 'model.onnx'))), 'same seed, same model bytes');
  });

  it('stops early when validation loss stops improving and keeps the best epoch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-ft-'));
    // Labels unrelated to the text: validation loss can only get worse after the first epochs.
    const noise = (name: string, seed: number) => {
      const r = sfc32(seed, 4, 4, 4);
      const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ text: `w${r() % 50} w${r() % 50} w${r() % 50}`, label: r() % 2 ? 'a' : 'b', n: i }));
      writeFileSync(join(dir, name), lines.join('\n') + '\n');
      return join(dir, name);
    };
    const h = hooks();
    const outcome = await trainFastText(
      job(dir, { train: noise('t.jsonl', 1), validation: noise('v.jsonl', 2), groups: [], hyperparameters: { epochs: 30, learningRate: 0.2, batchSize: 8, seed: 1, earlyStoppingPatience: 2 } }),
      h.hooks,
    );
    const losses = h.points.filter((p) => p.name === 'eval/loss').map((p) => p.value);
    assert.ok(losses.length < 30, `ran ${losses.length} epochs`);
    const bestEpoch = losses.indexOf(Math.min(...losses)) + 1;
    assert.equal(outcome.bestEpoch, bestEpoch);
    assert.equal(losses.length, bestEpoch + 2, 'patience 2: two epochs without improvement, then stop');
    assert.ok(h.logs.some((l) => /early stopping/.test(l)));
    const metrics = JSON.parse(readFileSync(join(dir, 'model', 'metrics.json'), 'utf8'));
    assert.equal(metrics.bestEpoch, bestEpoch);
    assert.equal(metrics.validation.loss, losses[bestEpoch - 1]);
  });

  it('exports an ONNX model that ONNX Runtime runs to the same predictions, and whose metrics scikit-learn confirms', { skip: hasPythonModule('sklearn') ? false : 'needs python3-sklearn' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-ft-'));
    const j = job(dir, { hyperparameters: { epochs: 2, learningRate: 0.05, batchSize: 16, seed: 3, earlyStoppingPatience: 0 } });
    await trainFastText(j, hooks().hooks);
    const config = JSON.parse(readFileSync(join(dir, 'model', 'config.json'), 'utf8'));
    const metrics = JSON.parse(readFileSync(join(dir, 'model', 'metrics.json'), 'utf8'));
    const validation = readFileSync(j.validation!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string; gender: string });
    // Batch with padding: ids of each text padded to the longest, mask 0 on the padding.
    const ids = validation.map((v) => featureIds(v.text, config.rml.features));
    const width = Math.max(...ids.map((x) => x.length));
    const flatIds = new BigInt64Array(ids.length * width);
    const mask = new Float32Array(ids.length * width);
    ids.forEach((row, i) => row.forEach((id, k) => ((flatIds[i * width + k] = BigInt(id)), (mask[i * width + k] = 1))));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');
    const session = await ort.InferenceSession.create(join(dir, 'model', 'model.onnx'));
    const out = await session.run({ ngram_ids: new ort.Tensor('int64', flatIds, [ids.length, width]), ngram_mask: new ort.Tensor('float32', mask, [ids.length, width]) });
    const probs = out.probabilities!.data as Float32Array;
    const classes = config.num_labels as number;
    const predicted = validation.map((_, i) => {
      let best = 0;
      for (let c = 1; c < classes; c++) if (probs[i * classes + c]! > probs[i * classes + best]!) best = c;
      return config.id2label[String(best)] as string;
    });
    // The inference engine runs the same folder from raw text (rml infer, Run Model on Dataset…).
    const engine = new InferenceEngine({ idleMs: 0 });
    try {
      const viaEngine = (await engine.run({ model: join(dir, 'model'), inputs: validation.map((v) => v.text), batchSize: 7 })) as TextClassification[];
      viaEngine.forEach((r, i) => {
        assert.equal(r.label, predicted[i]);
        r.scores.forEach((s, c) => assert.ok(Math.abs(s.score - probs[i * classes + c]!) < 1e-5, `row ${i} class ${c}: ${s.score} vs ${probs[i * classes + c]}`));
      });
    } finally {
      await engine.dispose();
    }
    const script = [
      'import json, sys',
      'from sklearn.metrics import accuracy_score, f1_score, log_loss',
      'd = json.load(sys.stdin)',
      'out = {"accuracy": accuracy_score(d["y"], d["p"]), "f1_macro": f1_score(d["y"], d["p"], average="macro")}',
      'for g in sorted(set(d["g"])):',
      '    idx = [i for i, x in enumerate(d["g"]) if x == g]',
      '    out[g] = {"accuracy": accuracy_score([d["y"][i] for i in idx], [d["p"][i] for i in idx]), "f1_macro": f1_score([d["y"][i] for i in idx], [d["p"][i] for i in idx], average="macro")}',
      'print(json.dumps(out))',
    ].join('\n');
    const ref = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ y: validation.map((v) => v.label), p: predicted, g: validation.map((v) => v.gender) }), encoding: 'utf8' }));
    assert.ok(Math.abs(metrics.validation.accuracy - ref.accuracy) < 1e-12, `${metrics.validation.accuracy} vs sklearn ${ref.accuracy}`);
    assert.ok(Math.abs(metrics.validation.f1_macro - ref.f1_macro) < 1e-12);
    for (const g of ['female', 'male']) {
      assert.ok(Math.abs(metrics.validation.groups.gender[g].accuracy - ref[g].accuracy) < 1e-12, g);
      assert.ok(Math.abs(metrics.validation.groups.gender[g].f1_macro - ref[g].f1_macro) < 1e-12, g);
    }
  });

  it('the ONNX file passes the official onnx checker', { skip: hasPythonModule('onnx') ? false : 'needs python3-onnx (optional)' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-ft-'));
    await trainFastText(job(dir, { hyperparameters: { epochs: 1, learningRate: 0.05, batchSize: 16, seed: 3, earlyStoppingPatience: 0 } }), hooks().hooks);
    const out = execFileSync('/usr/bin/python3', ['-c', 'import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print(m.opset_import[0].version, [o.name for o in m.graph.output])', join(dir, 'model', 'model.onnx')], { encoding: 'utf8' });
    assert.equal(out.trim(), "13 ['logits', 'probabilities']");
  });

  it('stops between batches when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-ft-'));
    let batches = 0;
    const h = hooks();
    const outcome = await trainFastText(job(dir), { ...h.hooks, shouldStop: () => ++batches > 5 });
    assert.equal(outcome.status, 'stopped');
    assert.equal(h.points.filter((p) => p.name === 'eval/loss').length, 0);
  });

  it('says which file and field when there is nothing to learn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-ft-'));
    writeFileSync(join(dir, 'one.jsonl'), '{"text":"a","label":"x"}\n{"text":"b","label":"x"}\n{"txt":"c"}\n');
    await assert.rejects(trainFastText(job(dir, { train: join(dir, 'one.jsonl'), validation: join(dir, 'one.jsonl') }), hooks().hooks), /one\.jsonl: the training data has only one label \('x'\)/);
  });
});
