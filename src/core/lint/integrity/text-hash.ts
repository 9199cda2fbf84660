import { normaliseText } from './normalise-text';

/**
 * 64-bit fingerprints of texts, so duplicate and leakage checks keep 8 bytes per record instead
 * of the text. Two independent 32-bit lanes (FNV-1a, and a multiply–xorshift lane) each get a
 * final avalanche; with 10 million distinct texts the chance that any two share a fingerprint
 * is about 3 in a million. Crypto hashes were measured at 4× the cost of this loop per record.
 */
export interface TextHashes {
  exactHi: number;
  exactLo: number;
  normHi: number;
  normLo: number;
  /** True when the normalised text is empty (only punctuation and space). */
  normEmpty: boolean;
}

const SKIP = -1;
const SPACE = -2;
const NON_ASCII = -3;

// What normaliseText does to each ASCII character, as a table: lower case, dropped, or space.
const ASCII_MAP = new Int32Array(128);
for (let c = 0; c < 128; c++) {
  if (c >= 65 && c <= 90) ASCII_MAP[c] = c + 32;
  else if ((c >= 9 && c <= 13) || c === 32) ASCII_MAP[c] = SPACE;
  else if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) ASCII_MAP[c] = SKIP;
  else ASCII_MAP[c] = c;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const LANE_B_SEED = 0x2545f491 | 0;
const LANE_B_MUL = 0x5bd1e995 | 0;

/** Final avalanche of a 32-bit lane, so nearby inputs spread over all bits. */
function finish(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Returned by hashText; reused so hashing allocates nothing.
const out: TextHashes = { exactHi: 0, exactLo: 0, normHi: 0, normLo: 0, normEmpty: true };

// hashPlain's result; module state so it allocates nothing.
let plainHi = 0;
let plainLo = 0;

/** Sets plainHi/plainLo to the fingerprint of `text` as it is. */
function hashPlain(text: string): void {
  let a = FNV_OFFSET;
  let b = LANE_B_SEED;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, LANE_B_MUL);
    b ^= b >>> 15;
  }
  plainHi = finish(a, text.length);
  plainLo = finish(b, text.length);
}

/** The fingerprint of `text` as is, [hi, lo]: what hashText gives as exact and, for normalised text, as norm. */
export function hashString(text: string): [number, number] {
  hashPlain(text);
  return [plainHi, plainLo];
}

/**
 * Fingerprints of `text` and of normaliseText(text). ASCII text (the common case) is hashed in
 * one pass that normalises on the fly; other text is normalised first. Returns a shared object
 * that the next call overwrites.
 */
export function hashText(text: string): TextHashes {
  let a = FNV_OFFSET;
  let b = LANE_B_SEED;
  let p = FNV_OFFSET;
  let q = LANE_B_SEED;
  let normLength = 0;
  let pendingSpace = false;
  let i = 0;
  const n = text.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, LANE_B_MUL);
    b ^= b >>> 15;
    const m = c < 128 ? ASCII_MAP[c] : NON_ASCII;
    if (m >= 0) {
      if (pendingSpace) {
        p = Math.imul(p ^ 32, FNV_PRIME);
        q = Math.imul(q ^ 32, LANE_B_MUL);
        q ^= q >>> 15;
        normLength++;
        pendingSpace = false;
      }
      p = Math.imul(p ^ m, FNV_PRIME);
      q = Math.imul(q ^ m, LANE_B_MUL);
      q ^= q >>> 15;
      normLength++;
    } else if (m === SPACE) {
      // Leading space is trimmed; trailing space never gets a character to precede.
      pendingSpace = normLength > 0;
    } else if (m === NON_ASCII) {
      break;
    }
  }
  if (i < n) {
    const normalised = normaliseText(text);
    hashPlain(normalised);
    out.normHi = plainHi;
    out.normLo = plainLo;
    out.normEmpty = normalised.length === 0;
    hashPlain(text);
    out.exactHi = plainHi;
    out.exactLo = plainLo;
    return out;
  }
  out.exactHi = finish(a, n);
  out.exactLo = finish(b, n);
  out.normHi = finish(p, normLength);
  out.normLo = finish(q, normLength);
  out.normEmpty = normLength === 0;
  return out;
}
