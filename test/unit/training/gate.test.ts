import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ProjectConfig } from '../../../src/core/config/project-config';
import { decideGate, GateBlockedError, runGate } from '../../../src/core/training/gate';
import { resolveTrainSpec } from '../../../src/core/training/train-spec';

/** 100 training rows: 80 male / 20 female; texts unique unless a test plants something. */
function data(dir: string, extraTrain: string[] = [], validation: string[] = []): void {
  const rows = Array.from({ length: 100 }, (_, i) => JSON.stringify({ text: `ticket number ${i} about topic ${i % 7}`, label: i % 2 ? 'a' : 'b', gender: i < 80 ? 'male' : 'female' }));
  writeFileSync(join(dir, 'train.jsonl'), [...rows, ...extraTrain].join('\n') + '\n');
  writeFileSync(join(dir, 'valid.jsonl'), (validation.length ? validation : [JSON.stringify({ text: 'a fresh validation text', label: 'a', gender: 'male' })]).join('\n') + '\n');
}

const spec = (dir: string, sensitiveFields: string[] = ['gender']) => resolveTrainSpec({ task: 'text-classification', data: { train: 'train.jsonl', validation: 'valid.jsonl', sensitiveFields } }, dir);

describe('responsible gate', () => {
  it('clean data passes; without a reference the profile checks imbalance only and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-gate-'));
    data(dir);
    const gate = await runGate(spec(dir));
    assert.equal(gate.blocked, false);
    assert.equal(gate.counts.error, 0);
    assert.deepEqual(gate.notes, ['No reference population configured for gender: shares were checked for small groups and imbalance only.']);
    assert.equal((await runGate(spec(dir, []))).notes[0], 'No sensitive fields in the spec (data.sensitiveFields) or the config: representativeness was not checked.');
  });

  it('a card number is a blocking PII error, summed per rule and file, masked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-gate-'));
    data(dir, [JSON.stringify({ text: 'card 4111 1111 1111 1111', label: 'a', gender: 'male' }), JSON.stringify({ text: 'card 5500 0000 0000 0004', label: 'b', gender: 'male' })]);
    const gate = await runGate(spec(dir));
    assert.equal(gate.blocked, true);
    const pii = gate.issues.filter((i) => i.ruleId === 'pii-credit-card');
    assert.equal(pii.length, 1, 'one issue per rule and file');
    assert.equal(pii[0]!.count, 2);
    assert.equal(pii[0]!.line, 101);
    assert.equal(pii[0]!.file, 'train.jsonl');
    assert.match(pii[0]!.message, /\(2 values in this file; first shown\)/);
    assert.ok(!JSON.stringify(gate).includes('4111 1111 1111 1111'));
    assert.throws(() => decideGate(gate, undefined), GateBlockedError);
    assert.throws(() => decideGate(gate, '   '), /found 1 error/);
    assert.equal(decideGate(gate, ' test data ').justification, 'test data');
  });

  it('validation texts copied from training are split-leakage errors, reported once from the training side', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-gate-'));
    data(dir, [], [JSON.stringify({ text: 'ticket number 5 about topic 5', label: 'a', gender: 'male' }), JSON.stringify({ text: 'TICKET number 6, about topic 6!', label: 'b', gender: 'male' })]);
    const gate = await runGate(spec(dir));
    const leaks = gate.issues.filter((i) => i.ruleId === 'split-leakage');
    assert.deepEqual(leaks.map((l) => [l.file, l.line]), [['train.jsonl', 6], ['train.jsonl', 7]]);
    assert.equal(gate.blocked, true);
  });

  it('shares far from the configured reference are a representativeness finding; config rules can make it block', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-gate-'));
    data(dir);
    const config: ProjectConfig = { datasets: [{ files: '*.jsonl', reference: { gender: { source: 'test', proportions: { male: 0.5, female: 0.5 } } } }] };
    const gate = await runGate(spec(dir), { config, configDir: dir });
    const mismatch = gate.issues.find((i) => i.ruleId === 'reference-mismatch');
    assert.ok(mismatch, JSON.stringify(gate.issues));
    assert.equal(mismatch.check, 'representativeness');
    assert.equal(mismatch.severity, 'warning');
    assert.equal(gate.blocked, false);
    const strict = await runGate(spec(dir), { config: { ...config, rules: { 'reference-mismatch': 'error' } }, configDir: dir });
    assert.equal(strict.blocked, true);
  });
});
