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

function generate(seed: number, timeZone?: string): { train: string; dev: string } {
  const out = mkdtempSync(join(tmpdir(), 'rml-ner-data-'));
  try {
    const env = timeZone ? { ...process.env, TZ: timeZone } : process.env;
    execFileSync(process.execPath, ['--import', 'tsx', script, '--out', out, '--train', '400', '--dev', '50', '--seed', String(seed)], { stdio: 'pipe', env });
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

test('the time zone does not change the files (dates are written in UTC)', () => {
  // 400 records hold dozens of dates; a local-time date format would differ between UTC-10 and UTC+14.
  assert.equal(generate(11, 'Pacific/Honolulu').train, generate(11, 'Pacific/Kiritimati').train);
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

test('a person is one span: no two PER spans are separated by spaces alone', () => {
  // "{first} {last}" renders two name pieces; the generator must write one span for them.
  for (const line of generate(11).train.trim().split('\n')) {
    const { text, spans } = JSON.parse(line) as { text: string; spans: Span[] };
    for (let i = 1; i < spans.length; i++) {
      const a = spans[i - 1]!;
      const b = spans[i]!;
      if (a.label === 'PER' && b.label === 'PER') assert.doesNotMatch(text.slice(a.end, b.start), /^ +$/, JSON.stringify({ a, b }));
    }
  }
});

test('every template of the v5 files renders, with no slot left and spans on entity pieces only', async () => {
  // An unknown slot throws in renderTemplate; a mistyped brace would leave "{" in the text.
  const { Faker, base, en } = await import('@faker-js/faker');
  const { makeLocaleFakers } = await import('../../../models/train/ner-data/locales');
  const { renderTemplate } = await import('../../../models/train/ner-data/render');
  const files = ['letters', 'records', 'stories', 'web', 'service', 'mentions'];
  const rng = new Faker({ locale: [en, base] });
  rng.seed(3);
  const { fakers } = makeLocaleFakers(3);
  let count = 0;
  for (const file of files) {
    const mod = (await import(`../../../models/train/ner-data/templates-${file}`)) as Record<string, string[]>;
    for (const [list, templates] of Object.entries(mod)) {
      for (const template of templates) {
        for (const locale of [fakers[0]!, fakers[count % fakers.length]!]) {
          const pieces = renderTemplate(template, { rng, locale, otherLocale: () => fakers[1]!, persons: new Map() });
          const text = pieces.map((p) => p.text).join('');
          assert.doesNotMatch(text, /[{}]/, `${file} ${list}: ${template}`);
          if (list.endsWith('NO_ENTITY')) assert.ok(pieces.every((p) => p.label === null), `${list} has an entity slot: ${template}`);
          else assert.ok(pieces.some((p) => p.label !== null), `${list} has no entity slot: ${template}`);
        }
        count++;
      }
    }
  }
  assert.ok(count > 300, `${count} templates`);
});
