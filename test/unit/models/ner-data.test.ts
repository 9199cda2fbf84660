import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The NER training data generator (models/train/generate-ner-data.ts): deterministic, and every
// span it writes points at the characters it claims to, in both offset systems.
const script = join(__dirname, '..', '..', '..', 'models', 'train', 'generate-ner-data.ts');

interface Span { start: number; end: number; start_cp: number; end_cp: number; label: string }

function generate(seed: number): { train: string; dev: string } {
  const out = mkdtempSync(join(tmpdir(), 'rml-ner-data-'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', script, '--out', out, '--train', '400', '--dev', '50', '--seed', String(seed)], { stdio: 'pipe' });
    return { train: readFileSync(join(out, 'train.jsonl'), 'utf8'), dev: readFileSync(join(out, 'dev.jsonl'), 'utf8') };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test('the same seed gives byte-identical files; another seed gives other records', () => {
  const a = generate(11);
  const b = generate(11);
  assert.equal(a.train, b.train);
  assert.equal(a.dev, b.dev);
  assert.notEqual(a.train, generate(12).train);
  assert.notEqual(a.train.split('\n')[0], a.dev.split('\n')[0]);
});

test('spans are trimmed, ordered, inside the text, and agree in UTF-16 and code points', () => {
  const records = generate(11).train.trim().split('\n').map((l) => JSON.parse(l) as { text: string; spans: Span[] });
  assert.equal(records.length, 400);
  const labels = new Set<string>();
  let empty = 0;
  for (const { text, spans } of records) {
    if (spans.length === 0) empty++;
    let previousEnd = 0;
    const codePoints = [...text];
    for (const s of spans) {
      labels.add(s.label);
      assert.ok(s.start >= previousEnd && s.end > s.start && s.end <= text.length, JSON.stringify(s));
      const value = text.slice(s.start, s.end);
      assert.equal(value, value.trim());
      assert.equal(codePoints.slice(s.start_cp, s.end_cp).join(''), value);
      previousEnd = s.end;
    }
  }
  assert.deepEqual([...labels].sort(), ['LOC', 'ORG', 'PER']);
  // Records with nothing to find are part of the mix, but not most of it.
  assert.ok(empty > 20 && empty < 200, `${empty} records without entities`);
});
