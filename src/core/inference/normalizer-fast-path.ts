/**
 * A fast path for transformers.js's BertNormalizer. Its `clean_text` and
 * `tokenize_chinese_chars` walk every character into an array and join it again, even when there
 * is nothing to change — about a tenth of the engine's time per token on the shipped NER model.
 * Both steps are the identity on a text without the characters they act on, and one regular
 * expression tells that; otherwise the library's own method runs, so the output is always
 * exactly the library's.
 */

/** What clean_text changes: NUL, U+FFFD and control/format/private/surrogate code points are dropped; whitespace other than ' ' becomes ' '. */
const CLEAN_TEXT_ACTS_ON = /[\uFFFD\p{Cc}\p{Cf}\p{Co}\p{Cs}]|[^\S ]/u;
/** What tokenize_chinese_chars changes: the CJK blocks it tests per UTF-16 unit (its astral ranges can never match a unit). */
const CHINESE_CHARS = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;

interface BertNormalizerLike {
  clean_text(text: string): string;
  tokenize_chinese_chars(text: string): string;
}

function isBertNormalizer(x: unknown): x is BertNormalizerLike {
  return typeof x === 'object' || typeof x === 'function' ? typeof (x as BertNormalizerLike | null)?.clean_text === 'function' && typeof (x as BertNormalizerLike).tokenize_chinese_chars === 'function' : false;
}

/** Wraps one normalizer's two methods; returns whether it was a BertNormalizer. */
export function addBertNormalizerFastPath(normalizer: unknown): boolean {
  if (!isBertNormalizer(normalizer)) return false;
  const clean = normalizer.clean_text.bind(normalizer);
  const chinese = normalizer.tokenize_chinese_chars.bind(normalizer);
  normalizer.clean_text = (text) => (CLEAN_TEXT_ACTS_ON.test(text) ? clean(text) : text);
  normalizer.tokenize_chinese_chars = (text) => (CHINESE_CHARS.test(text) ? chinese(text) : text);
  return true;
}

/** Adds the fast path to a loaded tokenizer's BertNormalizer, alone or inside a Sequence; other tokenizers are left as they are. */
export function speedUpNormalizer(tokenizer: unknown): boolean {
  const normalizer = (tokenizer as { _tokenizer?: { normalizer?: unknown } } | undefined)?._tokenizer?.normalizer;
  if (addBertNormalizerFastPath(normalizer)) return true;
  const inner = (normalizer as { normalizers?: unknown[] } | undefined)?.normalizers;
  return Array.isArray(inner) ? inner.map(addBertNormalizerFastPath).some(Boolean) : false;
}
