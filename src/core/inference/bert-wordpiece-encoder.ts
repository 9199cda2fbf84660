/**
 * A project-owned fast path for BERT WordPiece tokenizers (BertNormalizer, BertPreTokenizer,
 * WordPiece, a [CLS] A [SEP] template): the tokenizer the shipped pii-ner uses. transformers.js
 * builds arrays of characters and strings for every word and returns no offsets, which the
 * engine then recovers by searching the text again (token-offsets.ts); here one pass gives the
 * tokens and their exact places. It reads its vocabulary and settings from the library's loaded
 * tokenizer, so both share one configuration.
 *
 * Exactness: texts this path does not model (control or format characters, combining marks,
 * CJK characters, an added token's text, lower-casing of non-ASCII) return undefined and the
 * library tokenizes them. Offsets are exactly what `alignTokens` finds for the same tokens; where
 * its search would not find the true place (an [UNK] token, a gap over its limit) none are given
 * and the engine aligns as before. test/unit/inference/bert-wordpiece-encoder.test.ts compares
 * both token for token and offset for offset.
 */
import { MAX_GAP, type TokenSpans, type TokenSpelling } from './token-offsets';

/** Tokens of one text with their places: `start[i]` is -1 for tokens that stand for no text. */
export interface FastEncoding {
  ids: number[];
  tokens: string[];
  /** Offsets as `alignTokens` gives them, or undefined where the engine must align itself. */
  spans?: TokenSpans;
}

interface LibraryTokenizer {
  /** The tokenizer.json it was built from. */
  tokenizer?: { pre_tokenizer?: { type?: string } | null };
  normalizer?: { config?: { type?: string; clean_text?: boolean; handle_chinese_chars?: boolean; lowercase?: boolean; strip_accents?: boolean | null } } | null;
  model?: { config?: { type?: string; continuing_subword_prefix?: string | null; fuse_unk?: boolean }; tokens_to_ids?: Map<string, number>; unk_token?: string; unk_token_id?: number; max_input_chars_per_word?: number };
  post_processor?: { config?: { type?: string; single?: Array<{ SpecialToken?: { id: string }; Sequence?: { id: string } }> } } | null;
  added_tokens?: Array<{ content: string }>;
  added_tokens_map?: Map<string, { id: number }>;
  remove_space?: boolean;
  do_lowercase_and_remove_accent?: boolean;
}

// Character classes after normalisation, as BertPreTokenizer splits: words, whitespace, punctuation.
const WORD = 0;
const SPACE = 1;
const PUNCT = 2;
/** BertPreTokenizer's punctuation: \p{P} and every ASCII symbol. */
const PUNCTUATION = /^[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]$/u;
const WHITESPACE = /^\s$/u;
/** Code points whose normalisation this path does not model (clean_text drops them, marks combine, CJK gets spaces). */
const UNMODELLED = /^[\uFFFD\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{M}\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]$/u;
/** clean_text drops ASCII control characters other than tab, line feed and carriage return. */
const DROPPED = 3;

const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = (c < 32 || c === 127) && c !== 9 && c !== 10 && c !== 13 ? DROPPED : WHITESPACE.test(ch) ? SPACE : PUNCTUATION.test(ch) ? PUNCT : WORD;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
/** Trie roots: pieces that start a word, and ## pieces (without their prefix) that continue one. */
const WORD_ROOT = 0;
const CONTINUATION_ROOT = 1;

/** Class of each normalised non-ASCII code point (depends on nothing but the code point). */
const classes = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 128) return ASCII_CLASS[cp]!;
  let c = classes.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = WHITESPACE.test(ch) ? SPACE : PUNCTUATION.test(ch) ? PUNCT : WORD;
    classes.set(cp, c);
  }
  return c;
}

export class BertWordPieceEncoder {
  /** Normalisation of each non-ASCII code point met so far (undefined: not modelled). */
  private readonly normalised = new Map<number, string | undefined>();
  /** The vocabulary as a trie over UTF-16 units: (node * 65536 + unit) -> child node. */
  private readonly trie = new Map<number, number>();
  /** The vocabulary piece (with its ## prefix) that ends at each trie node. */
  private readonly pieces: Array<string | undefined> = [undefined, undefined];
  /** Its id, looked up once as the library looks it up per token. */
  private readonly pieceIds: number[] = [-1, -1];

  private constructor(
    private readonly vocab: Map<string, number>,
    private readonly addedIds: Map<string, { id: number }>,
    private readonly addedContents: readonly string[],
    private readonly unkToken: string,
    private readonly unkId: number,
    private readonly prefix: string,
    private readonly maxChars: number,
    private readonly stripAccents: boolean,
    private readonly lowercase: boolean,
    private readonly head: readonly string[],
    private readonly tail: readonly string[],
  ) {
    for (const piece of vocab.keys()) {
      // A word's first piece is looked up as it is spelled (even one that starts with ##), the
      // others with the prefix, which the continuation trie leaves out.
      this.insert(WORD_ROOT, piece, 0);
      if (piece.startsWith(prefix) && piece.length > prefix.length) this.insert(CONTINUATION_ROOT, piece, prefix.length);
    }
  }

  private insert(root: number, piece: string, from: number): void {
    let node = root;
    for (let k = from; k < piece.length; k++) {
      const key = node * 65536 + piece.charCodeAt(k);
      let next = this.trie.get(key);
      if (next === undefined) {
        next = this.pieces.length;
        this.pieces.push(undefined);
        this.trie.set(key, next);
      }
      node = next;
    }
    this.pieces[node] = piece;
    this.pieceIds[node] = this.idOf(piece);
  }

  /** A token's id as transformers.js's Tokenizer.encode maps it. */
  private idOf(token: string): number {
    return this.addedIds.get(token)?.id ?? this.vocab.get(token) ?? this.unkId;
  }

  /**
   * The fast path for a loaded transformers.js tokenizer, or undefined when it is another kind or
   * when `spelling` (what alignTokens reads from tokenizer.json) would normalise otherwise.
   */
  static from(tokenizer: unknown, spelling: TokenSpelling): BertWordPieceEncoder | undefined {
    const t = (tokenizer as { _tokenizer?: LibraryTokenizer } | undefined)?._tokenizer;
    const norm = t?.normalizer?.config;
    const model = t?.model;
    const template = t?.post_processor?.config;
    if (!t || norm?.type !== 'BertNormalizer' || !norm.clean_text || t.tokenizer?.pre_tokenizer?.type !== 'BertPreTokenizer') return undefined;
    if (model?.config?.type !== 'WordPiece' || model.config.fuse_unk || !(model.tokens_to_ids instanceof Map) || model.unk_token === undefined || model.unk_token_id === undefined) return undefined;
    if (!(t.added_tokens_map instanceof Map) || t.remove_space === true || t.do_lowercase_and_remove_accent) return undefined;
    if (template?.type !== 'TemplateProcessing' || !template.single) return undefined;
    const a = template.single.findIndex((x) => x.Sequence?.id === 'A');
    if (a < 0 || template.single.some((x, i) => i !== a && !x.SpecialToken)) return undefined;
    const special = (items: typeof template.single): string[] => items.map((x) => x.SpecialToken!.id);
    const lowercase = norm.lowercase ?? false;
    // As BertNormalizer.normalize: accents go with lower-casing unless turned off, else when asked.
    const stripAccents = lowercase ? norm.strip_accents !== false : Boolean(norm.strip_accents);
    const prefix = model.config.continuing_subword_prefix ?? '##';
    const head = special(template.single.slice(0, a));
    const tail = special(template.single.slice(a + 1));
    const agrees =
      spelling.lowercase === lowercase &&
      spelling.stripAccents === stripAccents &&
      spelling.continuationPrefix === prefix &&
      spelling.unknownToken === model.unk_token &&
      !spelling.byteLevel &&
      spelling.wordStartMarker === undefined &&
      [...head, ...tail].every((x) => spelling.specialTokens.has(x) && x !== model.unk_token);
    if (!agrees) return undefined;
    return new BertWordPieceEncoder(
      model.tokens_to_ids,
      t.added_tokens_map,
      (t.added_tokens ?? []).map((x) => x.content).filter((c) => c.length > 0),
      model.unk_token,
      model.unk_token_id,
      prefix,
      model.max_input_chars_per_word ?? 100,
      stripAccents,
      lowercase,
      head,
      tail,
    );
  }

  /** Tokens, ids and offsets of one text with the special tokens; undefined for a text the library must tokenize. */
  encode(text: string): FastEncoding | undefined {
    for (const added of this.addedContents) if (text.includes(added)) return undefined;
    // The normalised text and, per normalised UTF-16 unit, the UTF-16 offset it came from (as alignTokens builds it).
    let norm = text;
    let origin: Int32Array | undefined;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && ASCII_CLASS[c] !== DROPPED) continue;
      if (c < 128) return undefined;
      const built = this.normaliseNonAscii(text);
      if (!built) return undefined;
      ({ norm, origin } = built);
      break;
    }
    // ASCII text: lower-casing keeps every offset (non-ASCII text with lowercase is the library's).
    if (!origin && this.lowercase) norm = text.toLowerCase();
    const tokens: string[] = [...this.head];
    const ids: number[] = this.head.map((t) => this.idOf(t));
    const starts: number[] = this.head.map(() => -1);
    const ends: number[] = this.head.map(() => -1);
    let exact = true;
    let i = 0;
    const n = norm.length;
    while (i < n) {
      const cp = norm.codePointAt(i)!;
      const cls = classOf(cp);
      const width = cp > 0xffff ? 2 : 1;
      if (cls === SPACE) {
        i += width;
        continue;
      }
      let j = i + width;
      if (cls === WORD) {
        while (j < n) {
          const d = norm.codePointAt(j)!;
          if (classOf(d) !== WORD) break;
          j += d > 0xffff ? 2 : 1;
        }
      }
      if (!this.wordPiece(norm, i, j, tokens, ids, starts, ends)) exact = false;
      i = j;
    }
    for (const s of this.tail) {
      tokens.push(s);
      ids.push(this.idOf(s));
      starts.push(-1);
      ends.push(-1);
    }
    if (!exact) return { ids, tokens };
    // alignTokens searches each token at most MAX_GAP units after the previous one: beyond that it
    // gives no place, and then the engine's own alignment must run to stay identical.
    const start = new Int32Array(tokens.length);
    const end = new Int32Array(tokens.length);
    const continuation = new Uint8Array(tokens.length);
    let cursor = 0;
    for (let k = 0; k < tokens.length; k++) {
      const s = starts[k]!;
      if (s < 0) {
        start[k] = end[k] = -1;
        continue;
      }
      if (s - cursor > MAX_GAP) return { ids, tokens };
      const e = ends[k]!;
      start[k] = origin ? origin[s]! : s;
      end[k] = origin ? origin[e]! : e;
      continuation[k] = s === cursor && tokens[k]!.startsWith(this.prefix) ? 1 : 0;
      cursor = e;
    }
    return { ids, tokens, spans: { start, end, continuation } };
  }

  /**
   * WordPiece of the word norm[from, to): greedy longest match from the left, as the library
   * does it (by code points, at most maxChars of them, else one [UNK]), walked along a trie of the
   * vocabulary instead of looking up every shorter substring. Pushes tokens and their normalised
   * offsets; returns false when the word became [UNK] (its place is then alignTokens's guess).
   */
  private wordPiece(norm: string, from: number, to: number, tokens: string[], ids: number[], starts: number[], ends: number[]): boolean {
    let points = to - from;
    for (let k = from; k < to; k++) if (isHighSurrogate(norm.charCodeAt(k)) && isLowSurrogate(norm.charCodeAt(k + 1))) points--;
    if (points > this.maxChars) return this.unknown(from, to, tokens, ids, starts, ends);
    const mark = tokens.length;
    let s = from;
    while (s < to) {
      // Longest vocabulary piece from s that ends on a code point boundary.
      let node = s === from ? WORD_ROOT : CONTINUATION_ROOT;
      let found = -1;
      let end = s;
      for (let k = s; k < to; k++) {
        const next = this.trie.get(node * 65536 + norm.charCodeAt(k));
        if (next === undefined) break;
        node = next;
        if (this.pieces[node] !== undefined && !(k + 1 < to && isLowSurrogate(norm.charCodeAt(k + 1)) && isHighSurrogate(norm.charCodeAt(k)))) {
          found = node;
          end = k + 1;
        }
      }
      if (found < 0) {
        tokens.length = ids.length = starts.length = ends.length = mark;
        return this.unknown(from, to, tokens, ids, starts, ends);
      }
      tokens.push(this.pieces[found]!);
      ids.push(this.pieceIds[found]!);
      starts.push(s);
      ends.push(end);
      s = end;
    }
    return true;
  }

  private unknown(from: number, to: number, tokens: string[], ids: number[], starts: number[], ends: number[]): false {
    tokens.push(this.unkToken);
    ids.push(this.idOf(this.unkToken));
    starts.push(from);
    ends.push(to);
    return false;
  }

  /** The normalised text of a text with non-ASCII characters, or undefined when one is not modelled. */
  private normaliseNonAscii(text: string): { norm: string; origin: Int32Array } | undefined {
    if (this.lowercase) return undefined; // toLowerCase of non-ASCII text depends on context (final sigma)
    let norm = '';
    const origin: number[] = [];
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      let out: string | undefined;
      if (cp < 128) {
        if (ASCII_CLASS[cp] === DROPPED) return undefined;
        out = text[i]!;
      } else {
        if (!this.normalised.has(cp)) this.normalised.set(cp, this.normaliseCodePoint(cp));
        out = this.normalised.get(cp);
        if (out === undefined) return undefined;
      }
      norm += out;
      for (let k = 0; k < out.length; k++) origin.push(i);
      i += width;
    }
    origin.push(text.length);
    return { norm, origin: Int32Array.from(origin) };
  }

  /**
   * One code point as BertNormalizer leaves it, when that does not depend on its neighbours:
   * whitespace becomes a space (clean_text), accents go (NFD, then nonspacing marks removed).
   * NFD of a text without marks is the NFD of each code point, so the whole text's normalisation
   * is the concatenation.
   */
  private normaliseCodePoint(cp: number): string | undefined {
    const ch = String.fromCodePoint(cp);
    if (UNMODELLED.test(ch)) return undefined;
    if (WHITESPACE.test(ch)) return ' ';
    const out = this.stripAccents ? ch.normalize('NFD').replace(/\p{Mn}/gu, '') : ch;
    return out.length > 0 ? out : undefined;
  }
}
