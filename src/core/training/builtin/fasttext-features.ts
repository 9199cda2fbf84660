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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** FNV state after 'c:' — every character n-gram hash starts from it. */
const CHAR_PREFIX_STATE = Math.imul(Math.imul(FNV_OFFSET ^ 0x63, FNV_PRIME) ^ 0x3a, FNV_PRIME);

/** Feature ids of a text; repeated features repeat (the model averages a bag). */
export function featureIds(text: string, options: FeatureOptions): Int32Array {
  const tokens = tokenize(text);
  const out: number[] = [];
  const { buckets, wordNgrams } = options;
  const [minn, maxn] = options.charNgrams;
  const units: number[] = [];
  const starts: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    out.push(fnv1a(token, 'w:') % buckets);
    for (let n = 2; n <= wordNgrams && i + n <= tokens.length; n++) out.push(fnv1a(tokens.slice(i, i + n).join(' '), 'n:') % buckets);
    if (maxn <= 0) continue;
    // Code units of '<token>' and where each code point starts (surrogate pairs stay whole).
    units.length = 0;
    starts.length = 0;
    units.push(0x3c);
    starts.push(0);
    for (let k = 0; k < token.length; k++) {
      const c = token.charCodeAt(k);
      if (c < 0xdc00 || c > 0xdfff || k === 0 || (token.charCodeAt(k - 1) & 0xfc00) !== 0xd800) starts.push(units.length);
      units.push(c);
    }
    starts.push(units.length);
    units.push(0x3e);
    const points = starts.length; // code points in '<token>'
    starts.push(units.length); // sentinel: the end
    // One pass per start position extends the hash a code point at a time, emitting lengths minn..maxn.
    for (let s = 0; s < points; s++) {
      let h = CHAR_PREFIX_STATE;
      for (let n = 1; n <= maxn && s + n <= points; n++) {
        for (let u = starts[s + n - 1]!; u < starts[s + n]!; u++) h = Math.imul(h ^ units[u]!, FNV_PRIME);
        if (n >= Math.max(1, minn) && n !== points) out.push((h >>> 0) % buckets); // the whole '<token>' is the 'w:' feature
      }
    }
  }
  return Int32Array.from(out);
}
