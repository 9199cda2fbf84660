// Case changes, typos and spacing noise, applied per piece so entity spans stay exact.
import type { Faker } from '@faker-js/faker';
import type { Piece } from './render';

/** One keyboard slip in a random word: swap, drop, double or replace a letter. */
export function typo(text: string, rng: Faker): string {
  const words = [...text.matchAll(/\p{L}{4,}/gu)];
  if (words.length === 0) return text;
  const w = rng.helpers.arrayElement(words);
  const chars = [...w[0]];
  const i = rng.number.int({ min: 1, max: chars.length - 2 });
  const op = rng.number.int({ min: 0, max: 3 });
  if (op === 0) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  else if (op === 1) chars.splice(i, 1);
  else if (op === 2) chars.splice(i, 0, chars[i]!);
  else chars[i] = rng.string.alpha({ length: 1, casing: 'lower' });
  return text.slice(0, w.index) + chars.join('') + text.slice(w.index + w[0].length);
}

// Symbols, emoji and mojibake (UTF-8 read as another code page) that real exports are full of.
const SYMBOLS = [' :)', ' :-(', ' 😀', ' 👍', ' 🙏', ' ❤️', ' !!', ' ?!', ' %', ' #', ' *', ' =', ' ->', ' >>', ' ~', ' ^^', ' (sic)', ' [1]', ' ...', ' •', ' ©', ' ®', ' ™', ' °C', ' €', ' ±', ' ×', ' ¶'];
const MOJIBAKE: Array<[RegExp, string]> = [[/'/g, 'â€™'], [/ - /g, ' â€“ '], [/"/g, 'â€œ']];

function symbols(text: string, rng: Faker): string {
  if (rng.datatype.boolean()) {
    const [pattern, replacement] = rng.helpers.arrayElement(MOJIBAKE);
    const swapped = text.replace(pattern, replacement);
    if (swapped !== text) return swapped;
  }
  const spaces = [...text.matchAll(/ /g)];
  if (spaces.length === 0) return text;
  const at = rng.helpers.arrayElement(spaces).index;
  return text.slice(0, at) + rng.helpers.arrayElement(SYMBOLS) + text.slice(at);
}

/** Record-wide and per-piece noise; probabilities are small so clean text still dominates. */
export function addNoise(pieces: Piece[], rng: Faker): Piece[] {
  const roll = rng.number.float();
  const recordCase = roll < 0.07 ? 'lower' : roll < 0.11 ? 'upper' : 'keep';
  const out = pieces.map((p) => {
    let text = p.text;
    if (p.label === null) {
      if (rng.number.float() < 0.035) text = typo(text, rng);
      if (rng.number.float() < 0.02) text = text.replace(/ /g, () => (rng.number.float() < 0.1 ? '  ' : ' '));
      if (rng.number.float() < 0.04) text = symbols(text, rng);
    } else {
      const r = rng.number.float();
      // Rarely lower-cased alone: a lower-case word inside a cased sentence is seldom a name.
      if (r < 0.015) text = typo(text, rng);
      else if (r < 0.03) text = text.toLowerCase();
      else if (r < 0.06) text = text.toUpperCase();
    }
    if (recordCase === 'lower') text = text.toLowerCase();
    else if (recordCase === 'upper') text = text.toUpperCase();
    return { text, label: p.label };
  });
  // People often skip the capital at the start of a message.
  const first = out[0];
  if (first && first.label === null && rng.number.float() < 0.08) first.text = first.text.charAt(0).toLowerCase() + first.text.slice(1);
  return out;
}
