/**
 * Text → hashed feature ids for the fastText-style classifier: words, word n-grams and
 * character n-grams of each word (with < > boundary marks, as fastText does), each hashed with
 * 32-bit FNV-1a over its UTF-16 code units into `buckets` rows. The exported model's config.json
 * names this recipe, so anything that loads the ONNX graph can compute the same ids.
 */

export interface FeatureOptions {
  buckets: number;
  /** Longest word n-gram (1 = words only). */
  wordNgrams: number;
  /** [shortest, longest] character n-gram; [0, 0] = none. */
  charNgrams: [number, number];
}

/** What config.json records about the features, for re-implementation elsewhere. */
export const FEATURE_RECIPE = {
  normalize: 'NFKC, then lower case',
  tokens: 'maximal runs of letters, marks and digits (Unicode \\p{L}\\p{M}\\p{N}), apostrophes inside words kept',
  word: "'w:' + token",
  wordNgram: "'n:' + tokens joined by one space",
  charNgram: "'c:' + n code points of '<' + token + '>', every n in charNgrams, the whole '<token>' excluded",
  hash: 'FNV-1a 32-bit over the UTF-16 code units (offset 2166136261, prime 16777619), unsigned, modulo buckets',
};

const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/** The normalised tokens of a text. */
export function tokenize(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];
}

/** FNV-1a over the UTF-16 code units of `prefix + s` (the prefix avoids building the string). */
export function fnv1a(s: string, prefix = ''): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < prefix.length; i++) h = Math.imul(h ^ prefix.charCodeAt(i), 0x01000193);
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Feature ids of a text; repeated features repeat (the model averages a bag). */
export function featureIds(text: string, options: FeatureOptions): Int32Array {
  const tokens = tokenize(text);
  const ids: number[] = [];
  const { buckets, wordNgrams } = options;
  const [minn, maxn] = options.charNgrams;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    ids.push(fnv1a(token, 'w:') % buckets);
    for (let n = 2; n <= wordNgrams && i + n <= tokens.length; n++) ids.push(fnv1a(tokens.slice(i, i + n).join(' '), 'n:') % buckets);
    if (maxn > 0) {
      const chars = Array.from(`<${token}>`);
      for (let n = Math.max(1, minn); n <= maxn; n++) {
        for (let s = 0; s + n <= chars.length; s++) {
          if (n === chars.length) continue; // the whole word is the 'w:' feature
          ids.push(fnv1a(chars.slice(s, s + n).join(''), 'c:') % buckets);
        }
      }
    }
  }
  return Int32Array.from(ids);
}
