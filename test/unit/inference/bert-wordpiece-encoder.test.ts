// The project's BERT WordPiece fast path must give transformers.js's tokens and ids exactly, and
// the offsets alignTokens finds for them. Goldens: a separately loaded, unpatched transformers.js
// tokenizer and alignTokens, on seeded random texts built to reach every branch (accents, astral
// characters, whitespace runs, long words, unknown pieces, characters the path hands back), on
// the NER training-data generator's output, for the lower-casing fixture and the cased shipped model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BertWordPieceEncoder } from '../../../src/core/inference/bert-wordpiece-encoder';
import { shippedNerModel } from '../../../src/core/inference/model-locations';
import { alignTokens, spellingOf } from '../../../src/core/inference/token-offsets';
import { loadTransformers } from '../../../src/core/inference/transformers-runtime';
import { sfc32 } from '../../../src/core/random/sfc32';
import { FIXTURES } from './inference-test-helpers';

const root = join(__dirname, '..', '..', '..');

interface LibTokenizer {
  _tokenizer: { encode(text: string, o: { add_special_tokens: boolean }): { ids: number[]; tokens: string[] } };
}

async function load(folder: string): Promise<LibTokenizer> {
  const tf = loadTransformers({ allowDownload: false }) as unknown as { AutoTokenizer: { from_pretrained(p: string, o: object): Promise<LibTokenizer> } };
  return tf.AutoTokenizer.from_pretrained(folder, { local_files_only: true });
}

/** Pieces random texts are made of: words, accents, astral and CJK characters, controls, whitespace runs, special-token text. */
const PIECES = [
  'Anna', 'Smith', 'berlin', 'x', 'Q', '42', 'unbelievablyextraordinary', 'a'.repeat(101), 'b'.repeat(40), ' ', ' ', ' ', '  ', ' '.repeat(33), '\n', '\t', '\r\n',
  '.', ',', '#', '##', '-', '’', '“', '…', '@', '$', '(', ')', 'é', 'Ü', 'ß', 'Ærø', 'ñ', 'İ', 'Σ', 'ǅ', 'ﬁ', 'Å', 'Ω', 'ℌ', '가', 'Đorđe', 'Jürgen',
  '\u00a0', '\u2003', '\u3000', '\u2028', '\u037e', '\u1fef', '😀', '𝔘', '\ud83d', '中', '豈', '\u200b', '\u00ad', '\u0301', '\x7f', '\x0b', '\x00', '\ufffd',
  '[CLS]', '[UN', 'K]', '[SEP]',
];

function randomTexts(n: number, seed: number, pieces: readonly string[]): string[] {
  const rnd = sfc32(seed, 1, 2, 3);
  const unit = (): number => (rnd() >>> 0) / 4294967296;
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(unit() * 24) }, () => pieces[Math.floor(unit() * pieces.length)]!).join(''));
}

/** Checks every text; returns how many took the fast path and how many of those came with offsets. */
async function compare(folder: string, texts: readonly string[]): Promise<{ fast: number; spans: number }> {
  const library = await load(folder);
  const spelling = spellingOf(JSON.parse(readFileSync(join(folder, 'tokenizer.json'), 'utf8')));
  const encoder = BertWordPieceEncoder.from(await load(folder), spelling);
  assert.ok(encoder, `${folder}: a BERT WordPiece tokenizer gets the fast path`);
  let fast = 0;
  let spans = 0;
  for (const text of texts) {
    const got = encoder.encode(text);
    if (!got) continue;
    fast++;
    const want = library._tokenizer.encode(text, { add_special_tokens: true });
    assert.deepEqual(got.tokens, want.tokens, JSON.stringify(text));
    assert.deepEqual(got.ids, want.ids, JSON.stringify(text));
    if (!got.spans) continue;
    spans++;
    const offsets = alignTokens(text, want.tokens, spelling);
    offsets.forEach((o, i) => {
      const at = `${JSON.stringify(text)} token ${i} ${want.tokens[i]}`;
      assert.equal(got.spans!.start[i], o ? o.start : -1, at);
      assert.equal(got.spans!.end[i], o ? o.end : -1, at);
      assert.equal(got.spans!.continuation[i], o?.continuation ? 1 : 0, at);
    });
  }
  return { fast, spans };
}

test('fast path: tokens, ids and offsets of the lower-casing fixture tokenizer match transformers.js and alignTokens', async () => {
  const folder = join(FIXTURES, 'tiny-ner');
  const mixed = await compare(folder, randomTexts(4000, 11, PIECES));
  assert.ok(mixed.fast > 100 && mixed.spans > 50, JSON.stringify(mixed));
  // ASCII texts all take the fast path (lower-casing of other text is the library's).
  const ascii = randomTexts(4000, 14, PIECES.filter((p) => /^[\t\n\r\x20-\x7e]*$/.test(p) && !p.includes('[')));
  const r = await compare(folder, ascii);
  assert.equal(r.fast, ascii.length);
  assert.ok(r.spans > 0.1 * ascii.length, JSON.stringify(r));
});

test('fast path: the cased shipped tokenizer on random and generated texts', { skip: !shippedNerModel() && 'models/pii-ner is not in this checkout' }, async () => {
  const folder = shippedNerModel()!;
  const random = await compare(folder, randomTexts(8000, 12, PIECES));
  assert.ok(random.fast > 800 && random.spans > 200, JSON.stringify(random));
  // Without the characters it hands back, nearly every text takes the fast path.
  const handled = PIECES.filter((p) => !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u00ad\u0301\ud83d\u4e2d\u8c48\ufffd[]/.test(p));
  const texts = randomTexts(8000, 13, handled);
  const clean = await compare(folder, texts);
  assert.equal(clean.fast, texts.length);
  assert.ok(clean.spans > 0.1 * texts.length, JSON.stringify(clean));
  // The training data generator's texts (many locales, casing and noise).
  const dir = mkdtempSync(join(tmpdir(), 'rml-wordpiece-'));
  try {
    const gen = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'models', 'train', 'generate-ner-data.ts'), '--out', dir, '--train', '2500', '--dev', '10', '--seed', '17'], { encoding: 'utf8', cwd: root });
    assert.equal(gen.status, 0, gen.stderr);
    const generated = readFileSync(join(dir, 'train.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
    const r = await compare(folder, generated);
    assert.ok(r.fast > 0.9 * generated.length && r.spans > 0.9 * r.fast, JSON.stringify(r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('texts the fast path does not model go back to the library', async () => {
  const folder = join(FIXTURES, 'tiny-ner');
  const spelling = spellingOf(JSON.parse(readFileSync(join(folder, 'tokenizer.json'), 'utf8')));
  const encoder = BertWordPieceEncoder.from(await load(folder), spelling)!;
  for (const text of ['a [CLS] b', 'zero\u200bwidth', 'bell\x07', 'cafe\u0301', '東京', 'lower-cased Émile']) assert.equal(encoder.encode(text), undefined, JSON.stringify(text));
  assert.ok(encoder.encode('plain text, fine.'));
  // A spelling that normalises otherwise than the tokenizer: no fast path at all.
  assert.equal(BertWordPieceEncoder.from(await load(folder), { ...spelling, lowercase: false }), undefined);
});
