import { scanValue } from './value-scan';

/**
 * What one cheap look at a value says about it, so recognizers can skip values that cannot hold
 * their entity, and look only at the few places that can, without each running its own regex
 * over the whole string. Most values in a dataset hold no PII, so this look is most of the cost
 * of a scan. Where WebAssembly SIMD runs (Node 20, VS Code), one pass of value-scan.wat finds the
 * clusters, long tokens, marks and letter-digit pairs. Elsewhere, and as the reference its tests
 * compare it with, digit clusters of four digits or more are found by one native regex scan (prose
 * is skipped at native speed; only the clusters are walked in JavaScript), long tokens by probing
 * every fifteenth character, the marks by indexOf scans. No list is allocated unless something is
 * found.
 */
export interface ValueHints {
  /**
   * Most digits in one cluster: digits joined by at most two of ` .-()+/` between them (the
   * number of digits when there are fewer than four). Worked out on first use below seven.
   */
  readonly digitRun: number;
  /**
   * Longest run of token characters `[A-Za-z0-9_+/-]` that holds a digit or one of `_+/-`
   * (identifiers, keys, base64). Runs of letters alone are words and are not measured. Worked
   * out on first use: scans only need `longTokens`.
   */
  readonly tokenRun: number;
  /** Start and end offsets of such runs of at least LONG_TOKEN characters, as flat pairs. */
  readonly longTokens: readonly number[];
  /** Most single-`.` gaps in one listed cluster: three or more when some cluster has three (an IPv4 address has). */
  readonly dotRun: number;
  /**
   * Digit clusters that may hold a phone, card, SSN, IBAN body or IPv4 address (at least
   * CLUSTER_DIGITS digits, or three single-`.` gaps), as flat [start, end, digits, dots]
   * quadruples in order; `end` is just after the last digit.
   */
  readonly clusters: readonly number[];
  /**
   * Most digits in one listed cluster: digitRun when that is CLUSTER_DIGITS or more, so the gates
   * that ask for seven digits or more need not work digitRun out.
   */
  readonly longRun: number;
  /** True when some cluster has four digits or more (every date has one). */
  readonly fourDigits: boolean;
  /** Offsets of two ASCII letters followed by two digits (`DE89`): where an IBAN may begin. Worked out on first use. */
  readonly letterDigitPairs: readonly number[];
  /** Which MARK_* characters and strings the value holds. */
  readonly marks: number;
}

/** Token runs at least this long are listed: every credential shape the scan knows is longer. */
export const LONG_TOKEN = 15;
/** Clusters with at least this many digits are listed: the shortest phone number has seven. */
export const CLUSTER_DIGITS = 7;

export const MARK_AT = 1;
export const MARK_COLON = 2;
export const MARK_EQUALS = 4;
/** `://` */
export const MARK_SCHEME = 8;
/** `www.` or `WWW.` */
export const MARK_WWW = 16;
/** `-----BEGIN` */
export const MARK_PEM = 32;
/** `AKIA` or `ASIA`, the usual AWS key id prefixes. */
export const MARK_AWS = 64;
/**
 * A birth word, in any case: `birth`, `born`, `bday`, `b-day`, `dob`, `d.o.b`, `geb`, `née`,
 * `né le` (the date-of-birth recognizer's quick look). Looked for only in values with a cluster of
 * four digits (`fourDigits`): no date can be found in others.
 */
export const MARK_BIRTH = 128;

const TOKEN = new Uint8Array(65536);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/-') TOKEN[c.charCodeAt(0)] = 1;
const JOINER = new Uint8Array(65536);
for (const c of ' .()+/-') JOINER[c.charCodeAt(0)] = 1;

/** Digit clusters of four digits or more: each match is one whole cluster. */
const CLUSTER4 = /\d(?:[ .()+/-]{0,2}\d){3,}/g;
/** Any digit cluster, for values without a cluster of four. */
const CLUSTER = /\d(?:[ .()+/-]{0,2}\d)*/g;
const DIGIT = /\d/g;
const LETTER_DIGIT_PAIR = /[A-Za-z]{2}\d\d/g;

/** Shared by every value that has nothing to list; never written to. */
const NONE: readonly number[] = Object.freeze([]);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The code unit at `i`, 0 outside the value. The bounds are checked here, not left to charCodeAt:
 * once a call site has read past the end (NaN), V8 stops inlining it and calls the builtin for
 * every read (a million calls per 20 MB in findClusters alone).
 */
function codeAt(value: string, i: number): number {
  return i >= 0 && i < value.length ? value.charCodeAt(i) : 0;
}

/** Hints for one value. */
export function valueHints(value: string): ValueHints {
  return new Hints(value, true);
}

/** Hints worked out by the JavaScript passes alone, as where WebAssembly is missing (tests compare the two). */
export function valueHintsWithoutWasm(value: string): ValueHints {
  return new Hints(value, false);
}

class Hints implements ValueHints {
  dotRun = 0;
  clusters: readonly number[] = NONE;
  longTokens: readonly number[] = NONE;
  marks = 0;
  longRun = 0;
  fourDigits = false;
  private exactRun = -1;
  private pairs: readonly number[] | undefined;
  private longestToken = -1;

  constructor(
    private readonly value: string,
    wasm: boolean,
  ) {
    if (!wasm || !this.readScan()) {
      this.findClusters();
      this.findLongTokens();
      this.findMarks();
    }
  }

  /**
   * Clusters, long tokens, marks and (when an IBAN may be asked for) letter-digit pairs from
   * value-scan.wat's one SIMD pass over the value; false where WebAssembly SIMD is missing.
   */
  private readScan(): boolean {
    const scan = scanValue(this.value);
    if (scan === undefined) return false;
    const { header, ints } = scan;
    this.marks = header[0];
    this.fourDigits = header[1] !== 0;
    this.longRun = header[2];
    this.dotRun = header[3];
    const clusterInts = header[4];
    if (clusterInts > 0) {
      const at = header[5] >> 2;
      this.clusters = copyInts(ints, at, clusterInts);
    }
    const tokenInts = header[8];
    if (tokenInts > 0) {
      const at = header[9] >> 2;
      const found = copyInts(ints, at, tokenInts);
      for (let i = 0; i < found.length; i += 2) this.longestToken = Math.max(this.longestToken, found[i + 1] - found[i]);
      this.longTokens = found;
    }
    // Only the IBAN recognizer asks for pairs, and only with a cluster of seven: others work them out if asked.
    if (this.longRun >= CLUSTER_DIGITS) {
      const pairs = header[6];
      this.pairs = pairs > 0 ? copyInts(ints, header[7] >> 2, pairs) : NONE;
    }
    return true;
  }

  get digitRun(): number {
    if (this.longRun >= CLUSTER_DIGITS) return this.longRun;
    if (this.exactRun < 0) this.exactRun = shortDigitRun(this.value);
    return this.exactRun;
  }

  get tokenRun(): number {
    if (this.longestToken < 0) this.longestToken = longestAnchoredToken(this.value);
    return this.longestToken;
  }

  get letterDigitPairs(): readonly number[] {
    if (this.pairs === undefined) {
      let pairs: number[] | undefined;
      LETTER_DIGIT_PAIR.lastIndex = 0;
      while (LETTER_DIGIT_PAIR.test(this.value)) (pairs ??= []).push(LETTER_DIGIT_PAIR.lastIndex - 4);
      this.pairs = pairs ?? NONE;
    }
    return this.pairs;
  }

  /**
   * Clusters of four digits or more, each found whole by CLUSTER4 and walked back from its end to
   * count its digits and single-`.` gaps; those with CLUSTER_DIGITS digits or three such gaps are
   * listed (an IPv4 address has four digits and three dots). Both need seven characters, so a
   * cluster that cannot span them (a year, a price) is not walked.
   */
  private findClusters(): void {
    const value = this.value;
    let clusters: number[] | undefined;
    CLUSTER4.lastIndex = 0;
    while (CLUSTER4.test(value)) {
      this.fourDigits = true;
      const end = CLUSTER4.lastIndex;
      const seventh = codeAt(value, end - CLUSTER_DIGITS);
      if (!isDigit(seventh) && JOINER[seventh] !== 1) continue;
      let start = end - 1;
      let digits = 1;
      let dots = 0;
      for (;;) {
        const c1 = codeAt(value, start - 1);
        if (isDigit(c1)) {
          start--;
        } else if (JOINER[c1] === 1 && isDigit(codeAt(value, start - 2))) {
          if (c1 === 46) dots++;
          start -= 2;
        } else if (JOINER[c1] === 1 && JOINER[codeAt(value, start - 2)] === 1 && isDigit(codeAt(value, start - 3))) {
          start -= 3;
        } else {
          break;
        }
        digits++;
      }
      if (digits >= CLUSTER_DIGITS || dots >= 3) {
        (clusters ??= []).push(start, end, digits, dots);
        if (digits > this.longRun) this.longRun = digits;
        if (dots > this.dotRun) this.dotRun = dots;
      }
    }
    if (clusters) this.clusters = clusters;
  }

  /**
   * Runs of at least LONG_TOKEN token characters that hold a digit or `_+/-`. Reading the last
   * character a run starting at `from` would need, and back from it to the run's start, tells
   * whether one can start there: prose words are shorter, so most reads skip a dozen characters.
   */
  private findLongTokens(): void {
    const value = this.value;
    const n = value.length;
    let found: number[] | undefined;
    // `from` is 0 or just after a non-token character.
    let from = 0;
    while (from + LONG_TOKEN <= n) {
      let start = from + LONG_TOKEN - 1;
      while (start >= from && TOKEN[value.charCodeAt(start)] === 1) start--;
      if (start >= from) {
        // A non-token character inside the window: no run of LONG_TOKEN starts before it.
        from = start + 1;
        continue;
      }
      let end = from + LONG_TOKEN;
      while (end < n && TOKEN[value.charCodeAt(end)] === 1) end++;
      if (anchored(value, from, end)) {
        (found ??= []).push(from, end);
        if (end - from > this.longestToken) this.longestToken = end - from;
      }
      from = end + 1;
    }
    // With nothing as long as LONG_TOKEN, tokenRun is worked out if someone asks.
    if (found) this.longTokens = found;
  }

  /**
   * Each mark by its own native `indexOf` (a memchr-speed scan that stops at the first hit):
   * together cheaper than one regex alternation whose first characters (`w`, `A`, `b`, `d`…)
   * stop it at every other letter of prose.
   */
  private findMarks(): void {
    const value = this.value;
    let marks = 0;
    if (value.indexOf('@') >= 0) marks |= MARK_AT;
    const colon = value.indexOf(':');
    if (colon >= 0) marks |= value.indexOf('://', colon) >= 0 ? MARK_COLON | MARK_SCHEME : MARK_COLON;
    if (value.indexOf('=') >= 0) marks |= MARK_EQUALS;
    if (value.indexOf('www.') >= 0 || value.indexOf('WWW.') >= 0) marks |= MARK_WWW;
    if (value.indexOf('-----BEGIN') >= 0) marks |= MARK_PEM;
    if (value.indexOf('AKIA') >= 0 || value.indexOf('ASIA') >= 0) marks |= MARK_AWS;
    if (this.fourDigits && hasBirthWord(value)) marks |= MARK_BIRTH;
    this.marks = marks;
  }
}

/** `count` ints from `at` as an array (a loop: subarray + Array.from costs more than the scan of a short value). */
function copyInts(ints: Int32Array, at: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(ints[at + i]);
  return out;
}

/** The code unit at `i` with ASCII letters lower-cased (other characters may change too, and outside the value it is 32: compare with letters only). */
function lowerAt(value: string, i: number): number {
  return codeAt(value, i) | 32;
}

/**
 * True when a birth word (MARK_BIRTH) occurs anywhere in `value`, in any ASCII case. Every word
 * but `née`/`né le` holds a `b`, so only the places of `b`, `B`, `é` and `É` are looked at.
 */
function hasBirthWord(value: string): boolean {
  for (let at = value.indexOf('b'); at >= 0; at = value.indexOf('b', at + 1)) if (birthWordAtB(value, at)) return true;
  for (let at = value.indexOf('B'); at >= 0; at = value.indexOf('B', at + 1)) if (birthWordAtB(value, at)) return true;
  for (let at = value.indexOf('é'); at >= 0; at = value.indexOf('é', at + 1)) if (neeAt(value, at)) return true;
  for (let at = value.indexOf('É'); at >= 0; at = value.indexOf('É', at + 1)) if (neeAt(value, at)) return true;
  return false;
}

/** `birth`, `born`, `bday`, `b-day` starting at the `b` at `at`, or `dob`, `d.o.b`, `geb` ending there. */
function birthWordAtB(value: string, at: number): boolean {
  const next = lowerAt(value, at + 1);
  if (next === 105 /* i */) return lowerAt(value, at + 2) === 114 && lowerAt(value, at + 3) === 116 && lowerAt(value, at + 4) === 104;
  if (next === 111 /* o */ && lowerAt(value, at + 2) === 114 && lowerAt(value, at + 3) === 110) return true;
  if (next === 100 /* d */ && lowerAt(value, at + 2) === 97 && lowerAt(value, at + 3) === 121) return true;
  if (codeAt(value, at + 1) === 45 /* - */ && lowerAt(value, at + 2) === 100 && lowerAt(value, at + 3) === 97 && lowerAt(value, at + 4) === 121) return true;
  const before = lowerAt(value, at - 1);
  if (before === 111 /* o */ && lowerAt(value, at - 2) === 100) return true;
  if (before === 101 /* e */ && lowerAt(value, at - 2) === 103) return true;
  return codeAt(value, at - 1) === 46 && lowerAt(value, at - 2) === 111 && codeAt(value, at - 3) === 46 && lowerAt(value, at - 4) === 100;
}

/** `née` or `né le` around the `é`/`É` at `at`. */
function neeAt(value: string, at: number): boolean {
  if (lowerAt(value, at - 1) !== 110 /* n */) return false;
  if (lowerAt(value, at + 1) === 101 /* e */) return true;
  return codeAt(value, at + 1) === 32 && lowerAt(value, at + 2) === 108 && lowerAt(value, at + 3) === 101;
}

/** True when value[start, end) holds a digit or one of `_+/-`. */
function anchored(value: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (isDigit(c) || c === 95 || c === 43 || c === 47 || c === 45) return true;
  }
  return false;
}

/** digitRun of a value without a cluster of seven: its longest cluster, or its number of digits when under four. */
function shortDigitRun(value: string): number {
  let count = 0;
  DIGIT.lastIndex = 0;
  while (count < 4 && DIGIT.test(value)) count++;
  if (count < 4) return count;
  let longest = 0;
  CLUSTER.lastIndex = 0;
  for (let m = CLUSTER.exec(value); m !== null; m = CLUSTER.exec(value)) {
    let digits = 0;
    for (let i = 0; i < m[0].length; i++) if (isDigit(m[0].charCodeAt(i))) digits++;
    if (digits > longest) longest = digits;
  }
  return longest;
}

/** Length of the longest run of token characters holding a digit or `_+/-` (0 when none). */
function longestAnchoredToken(value: string): number {
  let longest = 0;
  let start = -1;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && TOKEN[value.charCodeAt(i)] === 1) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start > longest && anchored(value, start, i)) longest = i - start;
    start = -1;
  }
  return longest;
}
