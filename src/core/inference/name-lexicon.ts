import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file beside a NER model's config that lists one-word person names (models/train/build-name-lexicon.ts). */
export const NAME_LEXICON_FILE = 'name-lexicon.txt';

/**
 * The shape of a name in the lexicon, and of a word the span rules look up: one capitalised word
 * of two letters or more, apostrophes and hyphens allowed ("Derek", "O'Brien", "Mayo-Walters").
 */
export const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’-]*\p{L}$/u;

/**
 * One-word given and family names. `isName` is any listed name ("John", "Derek"); `isOnlyName`
 * leaves out names that are also ordinary words, places, months or days ("John", "Will",
 * "June"), so a capital alone says a word in it is a person.
 */
export interface NameLexicon {
  isName(word: string): boolean;
  isOnlyName(word: string): boolean;
  /** An English word in lower case that is no one's name ("battery"). */
  isPlainWord(lowerCaseWord: string): boolean;
  /** A country, state or continent that is no one's name ("Norway"). */
  isRegion(text: string): boolean;
}

/** Parses the lexicon file's lines: `Name` (only a name), `Name<TAB>*` (also something else), `word<TAB>-`, `Region<TAB>@`. */
export function parseNameLexicon(text: string): NameLexicon {
  const only = new Set<string>();
  const all = new Set<string>();
  const words = new Set<string>();
  const regions = new Set<string>();
  for (const line of text.split('\n')) {
    const [entry, mark] = line.split('\t');
    if (!entry) continue;
    if (mark === '-') words.add(entry);
    else if (mark === '@') regions.add(entry);
    else {
      all.add(entry);
      if (mark !== '*') only.add(entry);
    }
  }
  return { isName: (w) => all.has(w), isOnlyName: (w) => only.has(w), isPlainWord: (w) => words.has(w), isRegion: (t) => regions.has(t) };
}

const loaded = new Map<string, NameLexicon | undefined>();

/** The lexicon shipped beside a model folder's files, read once per folder; undefined when there is none (a hub id, another model). */
export function nameLexiconOf(modelFolder: string): NameLexicon | undefined {
  if (!loaded.has(modelFolder)) {
    const file = join(modelFolder, NAME_LEXICON_FILE);
    loaded.set(modelFolder, existsSync(file) ? parseNameLexicon(readFileSync(file, 'utf8')) : undefined);
  }
  return loaded.get(modelFolder);
}
