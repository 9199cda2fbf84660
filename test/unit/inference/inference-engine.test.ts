import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { InferenceEngine } from '../../../src/core/inference/inference-engine';
import { InferenceCancelled, type Embedding, type TextClassification, type TokenEntity } from '../../../src/core/inference/inference-types';
import { assertClose, expected, FIXTURES, softmaxRow } from './inference-test-helpers';

const NER = join(FIXTURES, 'tiny-ner');
const CLASSIFIER = join(FIXTURES, 'tiny-classifier');
const EMBEDDER = join(FIXTURES, 'tiny-embedder');
const gold = expected();

function engine(): InferenceEngine {
  return new InferenceEngine({ device: 'cpu', idleMs: 0 });
}

/** Entities expected from the goldens: tags from PyTorch's argmax, spans by hand. */
function nerSpan(text: string, word: string, entity: string, goldIndex: number, tokenIndices: number[]): TokenEntity {
  const start = text.indexOf(word);
  assert.ok(start >= 0, word);
  const row = gold['tiny-ner'][goldIndex]!.output as number[][];
  const scores = tokenIndices.map((t) => Math.max(...softmaxRow(row[t]!)));
  return { entity, start, end: start + word.length, score: scores.reduce((a, b) => a + b, 0) / scores.length };
}

test('the JavaScript tokenizer gives the token ids of the independent Python WordPiece', async () => {
  const e = engine();
  // Token ids are checked through the classifier's inputs: same ids, same logits (next test);
  // here directly through the loaded model's tokenizer.
  const { TextModel } = await import('../../../src/core/inference/text-model');
  const { loadTransformers } = await import('../../../src/core/inference/transformers-runtime');
  const model = await TextModel.load(loadTransformers({ allowDownload: false }), NER, NER, 'token-classification', 'cpu', false);
  for (const g of gold['tiny-ner']) assert.deepEqual(model.encode(g.text).ids, g.ids, g.text);
  await model.dispose();
  await e.dispose();
});

test('token classification: entities, exact offsets and mean scores match PyTorch', async () => {
  const e = engine();
  const texts = gold['tiny-ner'].map((g) => g.text);
  const result = (await e.run({ model: NER, task: 'token-classification', inputs: texts, batchSize: 3 })) as TokenEntity[][];
  const t0 = texts[0]!; // My name is Anna Smith and I live in Berlin.
  const want0 = [nerSpan(t0, 'Anna Smith', 'PER', 0, [4, 5]), nerSpan(t0, 'Berlin', 'LOC', 0, [10])];
  assert.equal(result[0]!.length, 2);
  result[0]!.forEach((got, i) => {
    assert.deepEqual({ ...got, score: 0 }, { ...want0[i]!, score: 0 });
    assertClose(got.score, want0[i]!.score, 1e-4, `score of ${t0.slice(got.start, got.end)}`);
  });
  const t1 = texts[1]!; // Hello, this is John from Acme Corp.
  assert.deepEqual(result[1]!.map((x) => [x.entity, t1.slice(x.start, x.end)]), [['PER', 'John'], ['ORG', 'Acme Corp']]);
  assert.deepEqual(result[2], []); // Thanks!
  const t4 = texts[4]!; // accents: offsets point at the original characters
  assert.deepEqual(result[4]!.map((x) => [x.entity, t4.slice(x.start, x.end)]), [['PER', 'Émma Müller'], ['LOC', 'Lyon']]);
  const t6 = texts[6]!; // runs of whitespace and a tab
  assert.deepEqual(result[6]!.map((x) => [x.entity, t6.slice(x.start, x.end)]), [['PER', 'peter   weber'], ['LOC', 'london']]);
  await e.dispose();
});

test('text classification: softmax scores match PyTorch, whatever the batch size', async () => {
  const e = engine();
  const texts = gold['tiny-classifier'].map((g) => g.text);
  for (const batchSize of [1, 4]) {
    const result = (await e.run({ model: CLASSIFIER, inputs: texts, batchSize })) as TextClassification[];
    result.forEach((r, i) => {
      const probs = softmaxRow(gold['tiny-classifier'][i]!.output as number[]);
      assert.deepEqual(r.scores.map((s) => s.label), ['negative', 'positive']);
      r.scores.forEach((s, k) => assertClose(s.score, probs[k]!, 1e-5, `${texts[i]} ${s.label} (batch ${batchSize})`));
      assert.equal(r.label, probs[0]! > probs[1]! ? 'negative' : 'positive');
    });
  }
  await e.dispose();
});

test('feature extraction: mean pooling over real tokens and L2 norm match PyTorch (padding ignored)', async () => {
  const e = engine();
  const texts = gold['tiny-embedder'].map((g) => g.text);
  const result = (await e.run({ model: EMBEDDER, task: 'feature-extraction', inputs: texts, batchSize: 4 })) as Embedding[];
  result.forEach((vec, i) => {
    const hidden = gold['tiny-embedder'][i]!.output as number[][];
    const mean = hidden[0]!.map((_, h) => hidden.reduce((a, row) => a + row[h]!, 0) / hidden.length);
    const norm = Math.sqrt(mean.reduce((a, x) => a + x * x, 0));
    vec.forEach((x, h) => assertClose(x, mean[h]! / norm, 1e-4, `${texts[i]} dim ${h}`));
  });
  const cls = (await e.run({ model: EMBEDDER, task: 'feature-extraction', inputs: [texts[0]!], pooling: 'cls', normalize: false })) as Embedding[];
  const first = (gold['tiny-embedder'][0]!.output as number[][])[0]!;
  cls[0]!.forEach((x, h) => assertClose(x, first[h]!, 1e-4, `cls dim ${h}`));
  await e.dispose();
});

test('texts longer than the model takes are split into windows; entities keep input offsets', async () => {
  const e = engine();
  // 64 tokens at most: this text has about 150.
  const filler = 'we will call you tomorrow about the order and the support team works on it today. ';
  const text = `${filler.repeat(3)}Anna Smith lives in Paris. ${filler.repeat(3)}Peter Weber works at Initech.`;
  const [found] = (await e.run({ model: NER, task: 'token-classification', inputs: [text] })) as TokenEntity[][];
  assert.deepEqual(found!.map((x) => [x.entity, text.slice(x.start, x.end)]), [
    ['PER', 'Anna Smith'],
    ['LOC', 'Paris'],
    ['PER', 'Peter Weber'],
    ['ORG', 'Initech'],
  ]);
  await e.dispose();
});

test('one loaded copy is shared by concurrent callers; idle models are released', async () => {
  const e = new InferenceEngine({ device: 'cpu', idleMs: 60_000 });
  const inputs = ['Anna Smith', 'hello'];
  await Promise.all([e.run({ model: NER, inputs }), e.run({ model: NER, inputs }), e.run({ model: NER, inputs })]);
  assert.equal(e.loaded().length, 1);
  assert.equal(e.loaded()[0]!.users, 0);
  assert.equal(await e.releaseIdle(Date.now() + 1_000), 0, 'not idle long enough');
  assert.equal(await e.releaseIdle(Date.now() + 61_000), 1);
  assert.equal(e.loaded().length, 0);
  // Loads again on demand.
  const again = (await e.run({ model: NER, inputs })) as TokenEntity[][];
  assert.equal(again[0]![0]!.entity, 'PER');
  await e.dispose();
});

test('cancelling between batches rejects with InferenceCancelled and leaves the engine usable', async () => {
  const e = engine();
  const controller = new AbortController();
  const inputs = Array.from({ length: 40 }, (_, i) => `Anna Smith number ${i} lives in Berlin`);
  const seen: number[] = [];
  await assert.rejects(
    e.run(
      { model: NER, inputs, batchSize: 4 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.done);
          if (p.done >= 8) controller.abort();
        },
      },
    ),
    (err) => err instanceof InferenceCancelled,
  );
  assert.ok(seen.length >= 2 && seen.length < 10, `stopped after ${seen.length} batches`);
  const after = (await e.run({ model: NER, inputs: ['Maria lives in Lyon'] })) as TokenEntity[][];
  assert.deepEqual(after[0]!.map((x) => x.entity), ['PER', 'LOC']);
  await e.dispose();
});

test('raw onnxruntime sessions run ONNX graphs the project wrote itself', async () => {
  const e = engine();
  const { x, y } = gold['tiny-raw'];
  const out = await e.runRaw(join(FIXTURES, 'tiny-raw', 'model.onnx'), { x: { type: 'float32', dims: [2, 4], data: x.flat() } });
  assert.deepEqual(out.y!.dims, [2, 3]);
  Array.from(out.y!.data as Float32Array).forEach((v, i) => assertClose(v, y.flat()[i]!, 1e-5, `y[${i}]`));
  await e.dispose();
});

test('a folder that is not a model, and an unknown name, give clear errors', async () => {
  const e = engine();
  await assert.rejects(e.run({ model: FIXTURES, inputs: ['x'] }), /is not a model folder: it has no config\.json/);
  await assert.rejects(e.run({ model: join(FIXTURES, 'missing'), inputs: ['x'] }), /Model not found: .*missing does not exist/);
  await assert.rejects(e.run({ model: 'no such model', inputs: ['x'] }), /neither a folder nor a Hugging Face Hub id/);
  await e.dispose();
});
