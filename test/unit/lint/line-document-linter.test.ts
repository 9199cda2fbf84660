import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineDocumentLinter, type LineEdit } from '../../../src/core/lint/line-document-linter';
import { lintDocument } from '../../../src/core/lint/lint-document';
import { resolveLintOptions } from '../../../src/core/lint/lint-options';

const options = resolveLintOptions();
const LINES = [
  '{"text":"hello there"}',
  '{"text":"mail me at kim.park@mailhost.example.org"}',
  '{"email":"lee@corp.example.net","text":"card 4111 1111 1111 1111"}',
  '',
  '{"text":"IBAN DE89 3704 0044 0532 0130 00 please"}',
  '{"text":"no pii"}',
];

/** A tiny deterministic PRNG so the edit sequence is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Applies an edit to plain text the obvious way, as the reference. */
function applyToText(text: string, e: LineEdit): string {
  const lines = text.split('\n');
  const offset = (line: number, ch: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + ch;
  return text.slice(0, offset(e.startLine, e.startCharacter)) + e.text + text.slice(offset(e.endLine, e.endCharacter));
}

test('incremental line linting equals a fresh lint after every random edit', () => {
  const linter = new LineDocumentLinter('jsonl', options);
  let text = LINES.join('\n');
  linter.reset(text);
  assert.deepEqual(linter.findings(), lintDocument(text, 'jsonl', options).findings);
  const next = rng(7);
  const inserts = ['x', '\n', ' ann@mail.example.com ', '{"text":"call +1 415 555 0134"}\n', '"', ''];
  for (let step = 0; step < 200; step++) {
    const lines = text.split('\n');
    const a = Math.floor(next() * lines.length);
    const b = Math.min(lines.length - 1, a + Math.floor(next() * 2));
    const ca = Math.floor(next() * (lines[a]!.length + 1));
    const cb = b === a ? ca + Math.floor(next() * (lines[a]!.length - ca + 1)) : Math.floor(next() * (lines[b]!.length + 1));
    const edit: LineEdit = { startLine: a, startCharacter: ca, endLine: b, endCharacter: cb, text: inserts[Math.floor(next() * inserts.length)]! };
    text = applyToText(text, edit);
    linter.applyEdits([edit]);
    assert.equal(linter.text, text, `text diverged at step ${step}`);
    const fresh = lintDocument(text, 'jsonl', options);
    assert.deepEqual(linter.findings(), fresh.findings, `findings diverged at step ${step}`);
    assert.equal(linter.records, fresh.records);
  }
});

test('firstFindings(limit) is the head of the full list, with the full total', () => {
  const text = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? `{"text":"mail u${i}@mail.example.org"}` : `{"text":"line ${i}"}`)).join('\n');
  const linter = new LineDocumentLinter('jsonl', options);
  linter.reset(text);
  const all = linter.findings();
  for (const limit of [1, 10, 57, 99, 100, 1000]) {
    const first = linter.firstFindings(limit);
    assert.equal(first.total, all.length);
    assert.deepEqual(first.findings.slice(0, limit), all.slice(0, limit));
  }
});
