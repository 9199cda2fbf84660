/**
 * Span rules that read the model's name lexicon (name-lexicon.ts). A small model finds a name by
 * its context: it misses a name that has little ("They had 6: Hannah, Derek and Anna"), calls a
 * written-out name a place ("change it to Tristan Dennis"), and takes capitalised ordinary words
 * or a country for a person ("Adventure, Comedy", "Norway"). Which words are only ever names, and
 * which are only ever words or countries, settles these without the context.
 */
import { NAME_WORD, type NameLexicon } from './name-lexicon';
import { isFunctionWords, type NerSpan } from './ner-span-rules';

/**
 * Score of a name found by the lexicon alone: above the default minimum score (0.5), below what
 * the model gives names it is sure of, so a stricter `minScore` drops these first.
 */
export const LEXICON_NAME_SCORE = 0.6;

/** An initial ("D."); a name word is NAME_WORD. */
const INITIAL = /^\p{Lu}\.$/u;
const OPENING = /^["'“‘(\[]+/u;
const CLOSING = /(?:['’]s)?["'”’)\],.;:!?]*$/u;
/** What joins the items of a list: "A, B and C", "A - B", "A & B". */
const LIST_BEFORE = /(?:,|\band|&|[-–])\s*$/u;
const LIST_AFTER = /^\s*(?:,|and\b|&|[-–])/u;

interface Word {
  start: number;
  end: number;
  core: string;
  /** Punctuation after the word ends a run of names. */
  closed: boolean;
  /** Punctuation before the word starts a new run. */
  opened: boolean;
}

/** Whitespace-separated tokens with the punctuation at their edges (and a possessive 's) taken off. */
function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/\S+/gu)) {
    const token = m[0];
    const lead = OPENING.exec(token)?.[0].length ?? 0;
    let rest = token.slice(lead);
    if (INITIAL.test(rest)) {
      out.push({ start: m.index + lead, end: m.index + token.length, core: rest, closed: false, opened: lead > 0 });
      continue;
    }
    const tail = CLOSING.exec(rest)?.[0] ?? '';
    rest = rest.slice(0, rest.length - tail.length);
    out.push({ start: m.index + lead, end: m.index + lead + rest.length, core: rest, closed: tail !== '', opened: lead > 0 });
  }
  return out;
}

const nameOrInitial = (w: Word): boolean => NAME_WORD.test(w.core) || INITIAL.test(w.core);

/**
 * PERSON spans for runs of capitalised words one space apart that are all names only ever used
 * for people ("Derek", "Hannah Becker"), where no span of the model's touches the run. Left alone:
 * a run with any other capitalised word (a title, a product, a company: "Hal Keyboard", "McDermott
 * Group"), and a run that is an item of a list ("Wisozk, Mohr and Tromp", "Weber - Haag"), since
 * companies are named after their founders that way and nothing but the context tells them apart.
 */
export function lexiconPersons(text: string, spans: readonly NerSpan[], lexicon: NameLexicon): NerSpan[] {
  const out: NerSpan[] = [];
  const words = wordsOf(text);
  const touched = (start: number, end: number): boolean => spans.some((s) => s.start < end && start < s.end);
  for (let i = 0; i < words.length; ) {
    if (!nameOrInitial(words[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < words.length && !words[j]!.closed && !words[j + 1]!.opened && text.slice(words[j]!.end, words[j + 1]!.start) === ' ' && nameOrInitial(words[j + 1]!)) j++;
    // A greeting or article before the name is not part of it ("Hi Hannah", "The Hal Keyboard").
    let first = i;
    while (first < j && isFunctionWords(words[first]!.core)) first++;
    const run = words.slice(first, j + 1);
    i = j + 1;
    const start = run[0]!.start;
    const end = run[run.length - 1]!.end;
    const names = run.filter((w) => !INITIAL.test(w.core));
    if (names.length === 0 || INITIAL.test(run[run.length - 1]!.core) || !names.every((w) => lexicon.isOnlyName(w.core))) continue;
    if (touched(start, end) || LIST_BEFORE.test(text.slice(Math.max(0, start - 6), start)) || LIST_AFTER.test(text.slice(end, end + 6))) continue;
    out.push({ entity: 'PERSON', start, end, score: LEXICON_NAME_SCORE });
  }
  return out;
}

/**
 * A LOCATION or ORGANIZATION span that is a person's name written out ("Tristan Dennis", "William
 * H. Hughes") becomes PERSON: two or three capitalised words or initials one space apart, the
 * first a given name only ever used for people, the others names too. Places and companies named
 * after people carry another word ("Lake Madeline", "Hughes Ltd") or a list ("Morrison, Rogers and
 * Torres") and stay as they are.
 */
export function relabelWrittenOutNames<T extends NerSpan>(spans: readonly T[], text: string, lexicon: NameLexicon): T[] {
  return spans.map((s) => {
    if (s.entity === 'PERSON') return s;
    const parts = text.slice(s.start, s.end).split(' ');
    if (parts.length < 2 || parts.length > 3 || !parts.every((p) => NAME_WORD.test(p) || INITIAL.test(p))) return s;
    const names = parts.filter((p) => NAME_WORD.test(p));
    return lexicon.isOnlyName(parts[0]!) && names.length >= 2 && names.every((p) => lexicon.isName(p)) ? { ...s, entity: 'PERSON' } : s;
  });
}

/** A word without the punctuation around it. */
const bare = (w: string): string => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/**
 * PERSON spans that no reading makes a person: a country, state or continent ("Norway", "New
 * Zealand") becomes LOCATION; a span whose every word is an ordinary English word and no one's
 * name ("Adventure", "Tube Snake Boogie", "Border Force") is dropped.
 */
export function correctNonPersons<T extends NerSpan>(spans: readonly T[], text: string, lexicon: NameLexicon): T[] {
  const out: T[] = [];
  for (const s of spans) {
    const value = text.slice(s.start, s.end);
    if (s.entity === 'PERSON' && lexicon.isRegion(value)) out.push({ ...s, entity: 'LOCATION' });
    else if (s.entity === 'PERSON' && value.split(/\s+/u).map(bare).every((w) => w !== '' && !lexicon.isName(w) && lexicon.isPlainWord(w.toLowerCase()))) continue;
    else out.push(s);
  }
  return out;
}
