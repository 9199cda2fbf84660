import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocument } from '../../../src/core/lint/lint-document';
import { resolveLintOptions } from '../../../src/core/lint/lint-options';
import { capFindings } from '../../../src/core/lint/cap-findings';

const options = resolveLintOptions();

/** 1-based line/column of the n-th occurrence of `needle` in `text`, computed by plain search. */
function where(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

test('JSONL: nested chat content, exact positions after escapes, record index and field path', () => {
  const email = 'ana.silva@example-mail.com';
  const text = [
    '{"messages":[{"role":"system","content":"be nice"},{"role":"user","content":"caf\\u00e9 \\"quoted\\" ' + email + '"}]}',
    '',
    '{"text":"call +44 20 7946 0958 now"}',
  ].join('\n');
  const { findings, records } = lintDocument(text, 'jsonl', options);
  assert.equal(records, 2);
  const e = findings.find((f) => f.entity === 'EMAIL')!;
  assert.deepEqual({ line: e.line, column: e.column }, where(text, email));
  assert.equal(e.endColumn - e.column, email.length);
  assert.equal(e.field, 'messages[1].content');
  assert.equal(e.record, 0);
  // Decoded offsets: "café "quoted" " is 14 UTF-16 units before the email.
  assert.equal(e.start, 'café "quoted" '.length);
  assert.equal(e.end, e.start! + email.length);
  assert.ok(!e.message.includes(email) && !e.masked!.includes('ana.silva'));
  const p = findings.find((f) => f.entity === 'PHONE')!;
  assert.equal(p.record, 1, 'blank lines are not records');
  assert.deepEqual({ line: p.line, column: p.column }, where(text, '+44 20 7946 0958'));
});

test('JSONL: a malformed line is one finding at its line and the scan goes on', () => {
  const text = '{"text": "ok"}\n{"text": "unterminated\n{"text": "mail me: bob.jones@corp.example.org"}\n';
  const { findings } = lintDocument(text, 'jsonl', options);
  const bad = findings.filter((f) => f.ruleId === 'malformed-record');
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.line, 2);
  assert.ok(findings.some((f) => f.entity === 'EMAIL' && f.line === 3));
});

test('CSV: column findings sit on the header cell; quoted fields map back exactly', () => {
  const text = 'id,first,last,dob,notes\n1,Ann,Lee,1980-02-03,"said ""hi"", mail ann.lee@mail.example.net"\n2,Bo,Kim,1979-12-31,none\n';
  const { findings } = lintDocument(text, 'csv', options);
  const columns = findings.filter((f) => f.scope === 'column');
  const byField = Object.fromEntries(columns.map((c) => [c.field, c]));
  assert.equal(byField.first?.entity, 'PERSON');
  assert.equal(byField.last?.entity, 'PERSON');
  assert.equal(byField.dob?.entity, 'DATE_OF_BIRTH');
  assert.deepEqual({ line: byField.dob!.line, column: byField.dob!.column }, where(text, 'dob'));
  assert.equal(byField.first!.count, 2);
  assert.ok(!columns.some((c) => c.field === 'id' || c.field === 'notes'));
  const email = findings.find((f) => f.entity === 'EMAIL')!;
  assert.deepEqual({ line: email.line, column: email.column }, where(text, 'ann.lee@mail.example.net'));
  assert.equal(email.field, 'notes');
  assert.equal(email.quotedField, true);
  const dobs = findings.filter((f) => f.entity === 'DATE_OF_BIRTH' && f.scope === 'value');
  assert.equal(dobs.length, 2, 'dates in a dob column are dates of birth');
});

test('severity "off" disables an entity; min score filters', () => {
  const text = '{"text":"write to ann@mail.example.com or visit https://example.com/page"}\n';
  const off = resolveLintOptions({ pii: { entities: { EMAIL: { severity: 'off' } } } });
  assert.ok(!lintDocument(text, 'jsonl', off).findings.some((f) => f.entity === 'EMAIL'));
  const strict = resolveLintOptions({ pii: { minScore: 1.01 > 1 ? 1 : 1 } });
  assert.ok(lintDocument(text, 'jsonl', strict).findings.every((f) => f.score >= 1));
});

test('capFindings keeps N and adds one summary finding with the rest counted', () => {
  const text = Array.from({ length: 30 }, (_, i) => `{"text":"user${i}@mail.example.com"}`).join('\n');
  const { findings } = lintDocument(text, 'jsonl', options);
  // 30 values, and the column itself: every value of `text` is an email.
  assert.equal(findings.filter((f) => f.scope === 'value').length, 30);
  assert.equal(findings.filter((f) => f.scope === 'column' && f.field === 'text').length, 1);
  assert.equal(findings.length, 31);
  const { kept, omitted } = capFindings(findings, 10);
  assert.equal(omitted, 21);
  assert.equal(kept.length, 11);
  assert.equal(kept[10]!.ruleId, 'too-many-problems');
  assert.equal(kept[10]!.count, 21);
  assert.equal(capFindings(findings, 0).kept.length, 31);
});
