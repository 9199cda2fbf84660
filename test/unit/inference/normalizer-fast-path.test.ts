// The BertNormalizer fast path must give exactly what transformers.js's own methods give: the
// library's unpatched normalizer is the golden, on texts with and without the characters it acts on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { addBertNormalizerFastPath, speedUpNormalizer } from '../../../src/core/inference/normalizer-fast-path';
import { loadTransformers } from '../../../src/core/inference/transformers-runtime';
import { FIXTURES } from './inference-test-helpers';

const TEXTS = [
  '',
  'Hello, my name is Anna Smith and I live in Berlin.',
  'tab\there, new\nline, cr\r, nbsp\u00a0and ideographic\u3000space',
  'nul\u0000 bell\u0007 zero-width\u200b joiner\u200d bom\ufeff replacement\ufffd private\ue000',
  'lone surrogates \ud800 and \udc00, emoji 🙂 and 𝔘nicode',
  '東京 に 住んで います, 北京 and 한국어 and 豈 (compatibility)',
  'Ünïcödé Ærøskøbing — “quotes” · ellipsis…',
  '\u0085next line \u2028line sep \u2029para sep',
];

test('the fast path leaves clean_text and tokenize_chinese_chars as the library computes them', async () => {
  const tf = loadTransformers({ allowDownload: false });
  const load = async (): Promise<{ _tokenizer: { normalizer: { clean_text(t: string): string; tokenize_chinese_chars(t: string): string; normalize(t: string): string } } }> =>
    (await (tf as unknown as { AutoTokenizer: { from_pretrained(p: string, o: object): Promise<never> } }).AutoTokenizer.from_pretrained(join(FIXTURES, 'tiny-ner'), { local_files_only: true }));
  const plain = await load();
  const fast = await load();
  assert.ok(speedUpNormalizer(fast), 'the fixture tokenizer has a BertNormalizer');
  const a = plain._tokenizer.normalizer;
  const b = fast._tokenizer.normalizer;
  for (const text of TEXTS) {
    assert.equal(b.clean_text(text), a.clean_text(text), JSON.stringify(text));
    assert.equal(b.tokenize_chinese_chars(text), a.tokenize_chinese_chars(text), JSON.stringify(text));
    assert.equal(b.normalize(text), a.normalize(text), JSON.stringify(text));
  }
  // The texts above do reach the library's path: the fast path is not the identity everywhere.
  assert.notEqual(b.clean_text(TEXTS[2]!), TEXTS[2]);
  assert.notEqual(b.tokenize_chinese_chars(TEXTS[5]!), TEXTS[5]);
});

test('other normalizers are left alone', () => {
  assert.equal(addBertNormalizerFastPath({ normalize: (t: string) => t }), false);
  assert.equal(addBertNormalizerFastPath(undefined), false);
  assert.equal(speedUpNormalizer({ _tokenizer: { normalizer: null } }), false);
  const seq = { _tokenizer: { normalizer: { normalizers: [{ clean_text: (t: string) => t.trim(), tokenize_chinese_chars: (t: string) => t }] } } };
  assert.equal(speedUpNormalizer(seq), true);
});
