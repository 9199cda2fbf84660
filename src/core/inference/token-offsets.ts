/**
 * Character offsets of tokens. The tokenizer of transformers.js returns token strings but no
 * offsets, and PII findings must point at exact characters, so tokens are aligned back to the
 * input: both sides are normalised the way the tokenizer normalises (lower case, accents
 * stripped) and each token is searched for after the previous one.
 */
/** How a tokenizer spells tokens, read from its tokenizer.json. */
export interface TokenSpelling {
  /** WordPiece continuation prefix (`##`), if any. */
  continuationPrefix?: string;
  /** SentencePiece word-start marker (`▁`), if any. */
  wordStartMarker?: string;
  /** Byte-level BPE (GPT-2, RoBERTa): tokens spell bytes with printable stand-ins. */
  byteLevel?: boolean;
  lowercase: boolean;
  stripAccents: boolean;
  /** Tokens that stand for no text ([CLS], <s>, [PAD]). */
  specialTokens: ReadonlySet<string>;
  unknownToken?: string;
}

/** A token's place in the input, or undefined for special and unmatched tokens. */
export interface TokenOffset {
  start: number;
  end: number;
  /** True when the token continues the word of the token before it (a ## piece). */
  continuation: boolean;
}

const COMBINING = /\p{Mn}/u;

/** The text normalised, with the original UTF-16 start of every normalised character. */
function normalise(text: string, spelling: TokenSpelling): { norm: string; origin: number[] } {
  let norm = '';
  const origin: number[] = [];
  const folds = spelling.stripAccents || spelling.lowercase;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (cp < 0x80) {
      // ASCII (most text): lower-casing is arithmetic, and NFD changes nothing.
      norm += spelling.lowercase && cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : text[i];
      origin.push(i++);
      continue;
    }
    const width = cp > 0xffff ? 2 : 1;
    let ch = String.fromCodePoint(cp);
    if (spelling.lowercase) ch = ch.toLowerCase();
    if (folds) ch = ch.normalize('NFD');
    for (const c of ch) {
      if (folds && COMBINING.test(c)) continue;
      norm += c;
      for (let k = 0; k < c.length; k++) origin.push(i);
    }
    i += width;
  }
  origin.push(text.length);
  return { norm, origin };
}

let byteDecoder: Map<string, number> | undefined;

/** GPT-2's printable stand-ins for bytes, reversed. */
function byteLevelDecoder(): Map<string, number> {
  if (byteDecoder) return byteDecoder;
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  byteDecoder = new Map(bs.map((b, i) => [String.fromCodePoint(cs[i]!), b]));
  return byteDecoder;
}

/** The text a token stands for, and whether it continues the previous word. */
function tokenText(token: string, spelling: TokenSpelling, first: boolean): { text: string; continuation: boolean } {
  if (spelling.byteLevel) {
    const map = byteLevelDecoder();
    const bytes = [...token].map((c) => map.get(c) ?? 0x3f);
    const text = Buffer.from(bytes).toString('utf8').replace(/\uFFFD/g, '');
    return { text: text.trimStart(), continuation: !first && !/^\s/.test(text) };
  }
  if (spelling.continuationPrefix && token.startsWith(spelling.continuationPrefix)) {
    return { text: token.slice(spelling.continuationPrefix.length), continuation: true };
  }
  if (spelling.wordStartMarker) {
    const starts = token.startsWith(spelling.wordStartMarker);
    return { text: starts ? token.slice(spelling.wordStartMarker.length) : token, continuation: !starts && !first };
  }
  return { text: token, continuation: false };
}

/** How far past the cursor a token may be found: skips whitespace and dropped characters, not words. */
export const MAX_GAP = 32;

/** Offsets of each token in `text` (same order as `tokens`); undefined for tokens that stand for no text. */
export function alignTokens(text: string, tokens: readonly string[], spelling: TokenSpelling): Array<TokenOffset | undefined> {
  const { norm, origin } = normalise(text, spelling);
  const out: Array<TokenOffset | undefined> = [];
  let cursor = 0;
  let sawWord = false;
  for (const token of tokens) {
    if (spelling.specialTokens.has(token) && token !== spelling.unknownToken) {
      out.push(undefined);
      continue;
    }
    if (token === spelling.unknownToken) {
      // An unknown token stands for one whole word: the next run of non-space characters.
      const m = /\S+/.exec(norm.slice(cursor));
      if (!m) {
        out.push(undefined);
        continue;
      }
      const s = cursor + m.index;
      const e = s + m[0].length;
      out.push({ start: origin[s]!, end: origin[e]!, continuation: false });
      cursor = e;
      sawWord = true;
      continue;
    }
    const { text: piece, continuation } = tokenText(token, spelling, !sawWord);
    const needle = normalise(piece, spelling).norm;
    if (needle.length === 0) {
      out.push(undefined);
      continue;
    }
    const at = norm.indexOf(needle, cursor);
    if (at < 0 || at - cursor > MAX_GAP) {
      out.push(undefined);
      continue;
    }
    const end = at + needle.length;
    out.push({ start: origin[at]!, end: origin[end]!, continuation: continuation && at === cursor });
    cursor = end;
    sawWord = true;
  }
  return out;
}

/** Token offsets as flat arrays (UTF-16 offsets into the text; start -1: no place). */
export interface TokenSpans {
  start: Int32Array;
  end: Int32Array;
  /** 1 when the token continues the previous token's word (a ## piece right after it). */
  continuation: Uint8Array;
}

/** Offsets as flat arrays. */
export function spansOf(offsets: ReadonlyArray<TokenOffset | undefined>): TokenSpans {
  const n = offsets.length;
  const spans: TokenSpans = { start: new Int32Array(n), end: new Int32Array(n), continuation: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const o = offsets[i];
    spans.start[i] = o ? o.start : -1;
    spans.end[i] = o ? o.end : -1;
    spans.continuation[i] = o?.continuation ? 1 : 0;
  }
  return spans;
}

interface TokenizerJson {
  normalizer?: { type?: string; lowercase?: boolean; strip_accents?: boolean | null; normalizers?: TokenizerJson['normalizer'][] } | null;
  pre_tokenizer?: { type?: string; replacement?: string; pretokenizers?: Array<{ type?: string; replacement?: string }> } | null;
  decoder?: { type?: string; prefix?: string; replacement?: string; decoders?: Array<{ type?: string; prefix?: string; replacement?: string }> } | null;
  model?: { type?: string; unk_token?: string; continuing_subword_prefix?: string | null };
  added_tokens?: Array<{ content: string; special?: boolean }>;
}

/** Reads the token spelling from a parsed tokenizer.json. */
export function spellingOf(json: TokenizerJson): TokenSpelling {
  const normalizers = json.normalizer?.type === 'Sequence' ? (json.normalizer.normalizers ?? []) : [json.normalizer];
  let lowercase = false;
  let stripAccents = false;
  for (const n of normalizers) {
    if (!n) continue;
    if (n.type === 'BertNormalizer') {
      lowercase = n.lowercase ?? true;
      stripAccents = n.strip_accents ?? lowercase;
    }
    if (n.type === 'Lowercase') lowercase = true;
    if (n.type === 'StripAccents') stripAccents = true;
  }
  const decoders = json.decoder?.type === 'Sequence' ? (json.decoder.decoders ?? []) : [json.decoder ?? {}];
  const pre = json.pre_tokenizer?.type === 'Sequence' ? (json.pre_tokenizer.pretokenizers ?? []) : [json.pre_tokenizer ?? {}];
  const byteLevel = decoders.some((d) => d?.type === 'ByteLevel') || pre.some((p) => p?.type === 'ByteLevel');
  const metaspace = [...decoders, ...pre].find((d) => d?.type === 'Metaspace');
  const prefix = json.model?.type === 'WordPiece' ? (json.model.continuing_subword_prefix ?? '##') : undefined;
  return {
    ...(prefix ? { continuationPrefix: prefix } : {}),
    ...(metaspace ? { wordStartMarker: metaspace.replacement ?? '▁' } : {}),
    byteLevel,
    lowercase,
    stripAccents,
    specialTokens: new Set((json.added_tokens ?? []).filter((t) => t.special).map((t) => t.content)),
    ...(json.model?.unk_token ? { unknownToken: json.model.unk_token } : {}),
  };
}
