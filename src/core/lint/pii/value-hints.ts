/**
 * What one cheap look at a value says about it, so recognizers can skip values that cannot hold
 * their entity without each running its own regex over the whole string. Most values in a
 * dataset hold no PII, so this look is most of the cost of a scan; it only visits the
 * neighbourhood of digits and of `_ + / -`, which are rare in prose.
 */
export interface ValueHints {
  /** Most digits in one cluster: digits joined by at most two of ` .-()+/` between them. */
  digitRun: number;
  /**
   * Longest run of token characters `[A-Za-z0-9_+/-]` that holds a digit or one of `_+/-`
   * (identifiers, keys, base64). Runs of letters alone are words and are not measured.
   */
  tokenRun: number;
  /** Start and end offsets of such runs of at least LONG_TOKEN characters, as flat pairs. */
  longTokens: number[];
}

/** Token runs at least this long are listed: every credential shape the scan knows is longer. */
export const LONG_TOKEN = 15;

const TOKEN_CHAR = new Uint8Array(65536);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/-') TOKEN_CHAR[c.charCodeAt(0)] = 1;

/** Characters a token is found from: they start the regex search, which skips everything else fast. */
const ANCHOR = /[\d_+/-]/g;
const DIGIT_CLUSTER = /\d(?:[ .()+/-]{0,2}\d)*/g;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Hints for one value. */
export function valueHints(value: string): ValueHints {
  const n = value.length;
  let tokenRun = 0;
  let digitCount = 0;
  const longTokens: number[] = [];
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(value); m !== null; m = ANCHOR.exec(value)) {
    let start = m.index;
    while (start > 0 && TOKEN_CHAR[value.charCodeAt(start - 1)] === 1) {
      start--;
      if (isDigit(value.charCodeAt(start))) digitCount++;
    }
    let end = m.index;
    while (end < n && TOKEN_CHAR[value.charCodeAt(end)] === 1) {
      if (isDigit(value.charCodeAt(end))) digitCount++;
      end++;
    }
    if (end === m.index) end++; // an anchor that is no token character cannot happen, but never loop
    if (end - start > tokenRun) tokenRun = end - start;
    if (end - start >= LONG_TOKEN) longTokens.push(start, end);
    ANCHOR.lastIndex = end;
  }
  // Few digits in all cannot make a cluster worth measuring; every gate asks for 4 or more.
  let digitRun = digitCount;
  if (digitCount >= 4) {
    digitRun = 0;
    DIGIT_CLUSTER.lastIndex = 0;
    for (let m = DIGIT_CLUSTER.exec(value); m !== null; m = DIGIT_CLUSTER.exec(value)) {
      const cluster = m[0];
      let digits = 0;
      for (let i = 0; i < cluster.length; i++) if (isDigit(cluster.charCodeAt(i))) digits++;
      if (digits > digitRun) digitRun = digits;
    }
  }
  return { digitRun, tokenRun, longTokens };
}
