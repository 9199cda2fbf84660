import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hostFriendlyThreads, threadSessionOptions } from '../../../src/core/inference/cpu-threads';
import { InferenceEngine } from '../../../src/core/inference/inference-engine';
import type { TextClassification } from '../../../src/core/inference/inference-types';
import { assertClose, expected, FIXTURES, softmaxRow } from './inference-test-helpers';


test('a worker beside the extension host leaves it a core; the CLI keeps ONNX Runtime defaults', () => {
  assert.equal(hostFriendlyThreads(1), 1);
  assert.equal(hostFriendlyThreads(2), 1);
  assert.equal(hostFriendlyThreads(16), 15);
  assert.deepEqual(threadSessionOptions(undefined), {});
  const o = threadSessionOptions(3);
  assert.equal(o.intraOpNumThreads, 3);
  assert.equal(o.interOpNumThreads, 1);
  // The node binding takes only string values in `extra` (it throws on anything else).
  assert.deepEqual(o.extra, { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } });
  assert.equal(threadSessionOptions(0).intraOpNumThreads, 1);
});

test('a thread-limited engine starts no ONNX Runtime pool threads and gives the same scores as PyTorch', async () => {
  const gold = expected()['tiny-classifier'];
  const e = new InferenceEngine({ device: 'cpu', idleMs: 0, threads: 1 });
  try {
    // Each session with default options adds a pool thread per extra core; with one thread it adds none.
    await e.run({ model: join(FIXTURES, 'tiny-ner'), inputs: ['Anna Smith'] });
    const tasks = existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : undefined;
    const result = (await e.run({ model: join(FIXTURES, 'tiny-classifier'), inputs: gold.map((g) => g.text), batchSize: 2 })) as TextClassification[];
    result.forEach((r, i) => {
      const probs = softmaxRow(gold[i]!.output as number[]);
      r.scores.forEach((s, k) => assertClose(s.score, probs[k]!, 1e-5, `${gold[i]!.text} ${s.label}`));
    });
    if (tasks !== undefined) assert.equal(readdirSync('/proc/self/task').length, tasks, 'threads after loading a second model');
  } finally {
    await e.dispose();
  }
});
