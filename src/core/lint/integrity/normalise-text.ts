/**
 * Normalisation for near-duplicate detection: Unicode NFKC, case folding, punctuation removed,
 * runs of whitespace collapsed to one space, ends trimmed. "Hello,  WORLD!" and "hello world"
 * normalise alike. Punctuation is Unicode category P plus the ASCII symbols `$+<=>^`|~` (what
 * Python's string.punctuation holds), so "$5" and "5" match but "€5" and "5" do not.
 */
const PUNCTUATION = /[\p{P}$+<=>^`|~]+/gu;
const WHITESPACE = /\s+/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/** The normalised form of `text` (see the file comment); '' when nothing but punctuation and space is left. */
export function normaliseText(text: string): string {
  let t = text;
  if (NON_ASCII.test(t)) {
    // Upper then lower approximates full case folding (ß → SS → ss) without a folding table.
    t = t.normalize('NFKC').toUpperCase().toLowerCase();
  } else {
    t = t.toLowerCase();
  }
  return t.replace(PUNCTUATION, '').replace(WHITESPACE, ' ').trim();
}

/** True when `text` holds a character outside ASCII (the hashes then take the slow path). */
export function hasNonAscii(text: string): boolean {
  return NON_ASCII.test(text);
}
