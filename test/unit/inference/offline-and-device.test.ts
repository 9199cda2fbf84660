import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cudaFallbackMessage, devicesToTry, probeCuda } from '../../../src/core/inference/device';
import { InferenceEngine } from '../../../src/core/inference/inference-engine';
import type { TokenEntity } from '../../../src/core/inference/inference-types';
import { loadOrt } from '../../../src/core/inference/ort-runtime';
import { blockNetwork } from './block-network';
import { FIXTURES } from './inference-test-helpers';

const NER = join(FIXTURES, 'tiny-ner');

test('offline: with the network blocked, folder models and cached hub models load and no connection is tried', async () => {
  const net = blockNetwork();
  const cache = mkdtempSync(join(tmpdir(), 'rml-hub-cache-'));
  try {
    // A model downloaded earlier sits in the cache as <owner>/<name>.
    cpSync(NER, join(cache, 'someone', 'tiny-ner'), { recursive: true });
    const e = new InferenceEngine({ device: 'cpu', idleMs: 0, cacheDir: cache, allowDownload: false });
    const fromFolder = (await e.run({ model: NER, inputs: ['Anna Smith lives in Paris'] })) as TokenEntity[][];
    assert.deepEqual(fromFolder[0]!.map((x) => x.entity), ['PER', 'LOC']);
    const fromCache = (await e.run({ model: 'someone/tiny-ner', inputs: ['John works at Acme'] })) as TokenEntity[][];
    assert.deepEqual(fromCache[0]!.map((x) => x.entity), ['PER', 'ORG']);
    // Not cached and downloads off: a clear message, and still no network call.
    await assert.rejects(e.run({ model: 'someone/not-here', inputs: ['x'] }), /downloading from the Hugging Face Hub is off/);
    await e.dispose();
    assert.deepEqual(net.attempts, []);
  } finally {
    net.restore();
    rmSync(cache, { recursive: true, force: true });
  }
});

test('offline: a hub model with downloads allowed fails with the network error, not a crash', async () => {
  const net = blockNetwork();
  const cache = mkdtempSync(join(tmpdir(), 'rml-hub-cache-'));
  try {
    const e = new InferenceEngine({ device: 'cpu', idleMs: 0, cacheDir: cache, allowDownload: true });
    await assert.rejects(e.run({ model: 'someone/not-here', task: 'text-classification', inputs: ['x'] }));
    assert.ok(net.attempts.length > 0, 'the download was attempted (and blocked)');
    await e.dispose();
  } finally {
    net.restore();
    rmSync(cache, { recursive: true, force: true });
  }
});

test('device auto tries CUDA only with provider files and a driver; cuda always tries, then CPU', () => {
  assert.deepEqual(devicesToTry('auto', { providerInstalled: false, driverVisible: true }), ['cpu']);
  assert.deepEqual(devicesToTry('auto', { providerInstalled: true, driverVisible: false }), ['cpu']);
  assert.deepEqual(devicesToTry('auto', { providerInstalled: true, driverVisible: true }), ['cuda', 'cpu']);
  assert.deepEqual(devicesToTry('cuda', { providerInstalled: false, driverVisible: false }), ['cuda', 'cpu']);
  assert.deepEqual(devicesToTry('cpu', { providerInstalled: true, driverVisible: true }), ['cpu']);
  assert.match(cudaFallbackMessage('cuda', { providerInstalled: false, driverVisible: false }), /Enable GPU Acceleration/);
});

test('CUDA requested on a machine without it: the model runs on the CPU with one message', async (t) => {
  const probe = probeCuda(loadOrt().binaryDir);
  if (probe.providerInstalled && probe.driverVisible) {
    t.skip('this machine has the CUDA provider and a driver');
    return;
  }
  const messages: string[] = [];
  const e = new InferenceEngine({ device: 'cuda', idleMs: 0, onMessage: (m) => messages.push(m) });
  const first = (await e.run({ model: NER, inputs: ['Anna Smith lives in Paris'] })) as TokenEntity[][];
  assert.deepEqual(first[0]!.map((x) => x.entity), ['PER', 'LOC']);
  assert.equal(e.device, 'cpu');
  // A second model and a second run: still that one message.
  await e.run({ model: join(FIXTURES, 'tiny-classifier'), inputs: ['ok'] });
  await e.run({ model: NER, inputs: ['John'] });
  assert.equal(messages.length, 1, messages.join('\n'));
  assert.match(messages[0]!, /^CUDA was requested but is not available: .*Running on the CPU\.$/);
  await e.dispose();
});
