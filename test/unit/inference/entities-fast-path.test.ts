// The engine's token-classification path (project tokenizer fast path, flat labels and offsets)
// must give exactly the entities of the straightforward path it replaced: transformers.js's
// tokenizer, alignTokens, bestClass per token and aggregateEntities over TokenPrediction objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { aggregateEntities, aggregateLabelled, type TokenPrediction } from '../../../src/core/inference/aggregate-entities';
import { InferenceEngine } from '../../../src/core/inference/inference-engine';
import type { TokenEntity } from '../../../src/core/inference/inference-types';
import { shippedNerModel } from '../../../src/core/inference/model-locations';
import { bestClass } from '../../../src/core/inference/task-outputs';
import { TextModel } from '../../../src/core/inference/text-model';
import { alignTokens, spansOf } from '../../../src/core/inference/token-offsets';
import { loadTransformers } from '../../../src/core/inference/transformers-runtime';
import { sfc32 } from '../../../src/core/random/sfc32';
import { FIXTURES } from './inference-test-helpers';

function random(seed: number): () => number {
  const rnd = sfc32(seed, 5, 6, 7);
  return () => (rnd() >>> 0) / 4294967296;
}

test('aggregateLabelled gives aggregateEntities\'s entities on random BIO/BIOES sequences', () => {
  const labels = ['O', 'B-PER', 'I-PER', 'E-PER', 'S-LOC', 'B-LOC', 'I-LOC', 'MISC'];
  const unit = random(3);
  let entities = 0;
  for (let round = 0; round < 3000; round++) {
    const n = 1 + Math.floor(unit() * 20);
    let at = 0;
    const tokens: TokenPrediction[] = Array.from({ length: n }, () => {
      const start = (at += Math.floor(unit() * 3));
      at += 1 + Math.floor(unit() * 4);
      return { label: labels[Math.floor(unit() * labels.length)]!, score: unit(), offset: unit() < 0.15 ? undefined : { start, end: at, continuation: unit() < 0.4 } };
    });
    const flat = { label: Int32Array.from(tokens, (t) => labels.indexOf(t.label)), score: Float64Array.from(tokens, (t) => t.score), spans: spansOf(tokens.map((t) => t.offset)) };
    for (const strategy of ['first', 'simple'] as const) {
      const want = aggregateEntities(tokens, strategy);
      entities += want.length;
      assert.deepEqual(aggregateLabelled(flat, labels, strategy), want, `${strategy}: ${JSON.stringify(tokens)}`);
    }
  }
  assert.ok(entities > 3000);
});

/** The replaced path, one text per forward pass. */
async function reference(model: TextModel, texts: readonly string[], strategy: 'first' | 'simple'): Promise<TokenEntity[][]> {
  const tf = loadTransformers({ allowDownload: false });
  const out: TokenEntity[][] = [];
  for (const text of texts) {
    const enc = model.library(text);
    const n = enc.ids.length;
    const logits = await model.forward(tf, BigInt64Array.from(enc.ids, BigInt), new BigInt64Array(n).fill(1n), 1, n);
    const classes = logits.dims[2]!;
    const offsets = alignTokens(text, enc.tokens, model.spelling);
    const predictions = enc.ids.map((_, t) => {
      const [best, score] = bestClass(logits.data.subarray(t * classes, (t + 1) * classes));
      return { label: model.labels[best]!, score, offset: offsets[t] };
    });
    out.push(aggregateEntities(predictions, strategy));
  }
  return out;
}

const TEXTS = [
  'Hello, my name is Anna Smith and I live in Berlin.',
  'Please forward the invoice to Jürgen Bader at our office in Esslingen am Neckar; thanks!',
  'Mein Name ist Corinna Bader, wohnhaft in Hamburg.   Tel.\t+49 30 1234567',
  'Ærøskøbing and Đorđe Petrović met   at the Café Müller in São Paulo.',
  'UNUSUALWORDSLIKETHISONE and a '.repeat(3) + 'x'.repeat(120) + ' then John Miller from Chicago',
  'zero\u200bwidth joiner, 東京, and a bell\x07 make the library tokenize this one',
  `${' '.repeat(40)}Maria Garcia after a long gap, [CLS] inside`,
  '',
];

for (const [name, folder] of [['tiny-ner fixture', join(FIXTURES, 'tiny-ner')], ['shipped pii-ner', shippedNerModel()]] as const) {
  test(`engine entities equal the replaced path's on the ${name}`, { skip: !folder && 'models/pii-ner is not in this checkout' }, async () => {
    const model = await TextModel.load(loadTransformers({ allowDownload: false }), folder!, folder!, 'token-classification', 'cpu', false);
    const engine = new InferenceEngine({ device: 'cpu', idleMs: 0 });
    try {
      // Texts longer than the model takes are windowed by the engine (inference-engine.test.ts).
      const texts = TEXTS.filter((t) => model.library(t).ids.length <= model.maxTokens);
      assert.ok(texts.length >= 6);
      for (const strategy of ['first', 'simple'] as const) {
        const want = await reference(model, texts, strategy);
        assert.deepEqual(await engine.run({ model: folder!, task: 'token-classification', inputs: texts, batchSize: 1, aggregation: strategy }), want, strategy);
        if (folder === shippedNerModel()) assert.ok(want.flat().length >= 8, 'the shipped model finds entities here');
      }
    } finally {
      await engine.dispose();
      await model.dispose();
    }
  });
}
