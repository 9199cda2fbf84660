import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import pkg from '../../../package.json';
import { ConfigError } from '../../../src/core/config/load-config';
import { loadTrainSpec, parseTrainSpec } from '../../../src/core/training/load-train-spec';
import { resolveTrainSpec, TrainSpecError } from '../../../src/core/training/train-spec';

const root = join(__dirname, '..', '..', '..');

describe('train.json spec', () => {
  it('the schema is contributed for train.json and *.train.json, compiles, and accepts the sample spec', () => {
    const entry = pkg.contributes.jsonValidation.find((j: { url: string }) => j.url === './schemas/train.schema.json') as { fileMatch: string[] } | undefined;
    assert.ok(entry);
    assert.deepEqual(entry.fileMatch, ['train.json', '*.train.json']);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(join(root, 'schemas', 'train.schema.json'), 'utf8')));
    assert.equal(validate(JSON.parse(readFileSync(join(root, 'samples', 'train.json'), 'utf8'))), true, JSON.stringify(validate.errors));
    assert.equal(validate({ task: 'text-classification', data: { train: 'a.jsonl' }, hyperparameters: { epochs: 0 } }), false);
    assert.equal(validate({ task: 'image-classification', data: { train: 'a.jsonl' } }), false);
    assert.equal(validate({ task: 'text-classification', data: { train: 'a.jsonl' }, slurm: { time: 'soon' } }), false);
  });

  it('resolves defaults and paths against the spec folder; hub ids stay ids', () => {
    const r = resolveTrainSpec({ task: 'text-classification', data: { train: 'data/t.jsonl' }, baseModel: 'org/model', output: 'out' }, '/w', { specFile: '/w/intent.train.json' });
    assert.equal(r.name, 'intent');
    assert.equal(r.runner, 'builtin');
    assert.equal(r.data.train, '/w/data/t.jsonl');
    assert.equal(r.data.textField, 'text');
    assert.equal(r.data.labelField, 'label');
    assert.equal(r.output, '/w/out');
    assert.equal(r.baseModel, 'org/model');
    assert.deepEqual(r.hyperparameters, { epochs: 5, learningRate: 0.01, batchSize: 32, seed: 42, earlyStoppingPatience: 2 });
    assert.equal(resolveTrainSpec({ task: 'text-classification', data: { train: 't' }, baseModel: './m' }, '/w').baseModel, '/w/m');
    assert.throws(() => resolveTrainSpec({ task: 'text-classification', data: { train: 't' } }, '/w', { runnerOverride: 'slurm' }), TrainSpecError);
  });

  it('problems carry file, line and column', () => {
    assert.throws(
      () => parseTrainSpec('{\n  "task": "text-classification",\n  "data": { "train": "t.jsonl", "textFeld": "x" }\n}', 'train.json'),
      (e: unknown) => e instanceof ConfigError && e.line === 3 && /additional properties 'textFeld'/.test(e.message),
    );
    const dir = mkdtempSync(join(tmpdir(), 'rml-spec-'));
    writeFileSync(join(dir, 'train.json'), '{ "task": "text-classification", "data": { "train": "t.jsonl" }, "runner": "process" }');
    assert.throws(() => loadTrainSpec(join(dir, 'train.json')), /train\.json:1:1: the process runner needs a "command"/);
  });
});
