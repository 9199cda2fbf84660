import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceEngine } from '../../../src/core/inference/inference-engine';
import { createNerRecognizer, nerMatches, trimEntitySpan } from '../../../src/core/inference/ner-recognizer';
import { lintFile } from '../../../src/core/lint/lint-file';
import { resolveLintOptions } from '../../../src/core/lint/lint-options';
import { isFreeText } from '../../../src/core/lint/model-pass';
import { createDefaultRegistry } from '../../../src/core/lint/pii/registry';
import { FIXTURES } from './inference-test-helpers';

test('free text: words with spaces; not ids, codes, numbers or single words', () => {
  for (const v of ['Anna Smith lives in Berlin', 'hello there', 'Smith, John']) assert.ok(isFreeText(v), v);
  for (const v of ['', 'technical', 'ORD-860717', '2026-10-31', '42', 'a b', 'user@example.com']) assert.ok(!isFreeText(v), v);
});

test('lintFile with the NER recognizer: PERSON/LOCATION/ORGANIZATION findings at exact places, batched, patterns kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-ner-lint-'));
  const engine = new InferenceEngine({ device: 'cpu', idleMs: 0 });
  try {
    const file = join(dir, 'chats.jsonl');
    const lines = [
      { id: 1, role: 'user', text: 'My name is Anna Smith and I live in Berlin, mail anna@example.com' },
      { id: 2, role: 'user', text: 'no names here at all' },
      { id: 3, role: 'user', text: 'Hello, this is John from Acme Corp.' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const calls: number[] = [];
    const ner = createNerRecognizer(engine, join(FIXTURES, 'tiny-ner'));
    const counting = { ...ner, recognizeBatch: (v: readonly string[]) => (calls.push(v.length), ner.recognizeBatch(v)) };
    const registry = createDefaultRegistry({ modelRecognizers: [counting] });
    const r = await lintFile(file, 'jsonl', resolveLintOptions(), registry);
    const got = r.findings.filter((f) => f.scope === 'value').map((f) => [f.entity, f.line, f.column, f.endColumn, f.masked === undefined]);
    const text0 = JSON.stringify(lines[0]);
    const col = (line: string, s: string) => line.indexOf(s) + 1;
    const text2 = JSON.stringify(lines[2]);
    assert.deepEqual(got, [
      ['PERSON', 1, col(text0, 'Anna Smith'), col(text0, 'Anna Smith') + 10, false],
      ['LOCATION', 1, col(text0, 'Berlin'), col(text0, 'Berlin') + 6, false],
      ['EMAIL', 1, col(text0, 'anna@'), col(text0, 'anna@') + 'anna@example.com'.length, false],
      ['PERSON', 3, col(text2, 'John'), col(text2, 'John') + 4, false],
      ['ORGANIZATION', 3, col(text2, 'Acme Corp'), col(text2, 'Acme Corp') + 9, false],
    ]);
    // One model call for the three free-text values; 'user' (a single word) never reaches the model.
    assert.deepEqual(calls, [3]);
    // Severity follows the entity defaults; the message masks the value.
    const person = r.findings.find((f) => f.entity === 'PERSON')!;
    assert.equal(person.ruleId, 'pii-person');
    assert.equal(person.severity, 'warning');
    assert.ok(!person.message.includes('Anna Smith'));
    // Turning an entity off keeps the model from reporting it.
    const off = await lintFile(file, 'jsonl', resolveLintOptions({ pii: { entities: { PERSON: { severity: 'off' } } } }), registry);
    assert.ok(!off.findings.some((f) => f.entity === 'PERSON'));
    assert.ok(off.findings.some((f) => f.entity === 'LOCATION'));
  } finally {
    await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('NER spans lose punctuation at their edges, but keep the dot of an initial or abbreviation', () => {
  const cases: Array<[string, string, string]> = [
    // text, the span the model tagged, the span we report
    ["Bryan Maclean's killers", "Bryan Maclean'", 'Bryan Maclean'],
    ['(Elín Guðmundsdóttir).', '(Elín Guðmundsdóttir).', 'Elín Guðmundsdóttir'],
    ['Acme Inc. said', 'Acme Inc.', 'Acme Inc.'],
    ['by John F. and', 'John F.', 'John F.'],
    ['met Smith. Then', 'Smith.', 'Smith'],
    ['"Berlin", she said', '"Berlin",', 'Berlin'],
    ['to Paris 🙂 now', 'Paris 🙂', 'Paris'],
  ];
  for (const [text, tagged, want] of cases) {
    const start = text.indexOf(tagged);
    const r = trimEntitySpan(text, start, start + tagged.length);
    assert.equal(text.slice(r.start, r.end), want, text);
  }
  // Nothing left, or a lone letter: no match.
  assert.deepEqual(nerMatches([{ entity: 'PER', score: 0.9, start: 0, end: 2 }], 'ner', "',x"), []);
  assert.deepEqual(nerMatches([{ entity: 'PER', score: 0.99, start: 8, end: 9 }], 'ner', 'Thanks, I have passed this on'), []);
  assert.equal(nerMatches([{ entity: 'PER', score: 0.9, start: 0, end: 2 }], 'ner', 'Al said').length, 1);
  assert.deepEqual(nerMatches([{ entity: 'LOC', score: 0.9, start: 3, end: 9 }], 'ner', 'in Lyon, France'), [{ entity: 'LOCATION', start: 3, end: 7, score: 0.9, recognizer: 'ner' }]);
});
