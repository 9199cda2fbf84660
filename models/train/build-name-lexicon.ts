// Writes models/pii-ner/name-lexicon.txt: one-word given and family names, each marked whether it
// is only a name.
// The model misses lone names it has no context for ("They had 6: Hannah, Derek, Anna…") and
// reads unknown one-word names as places; span rules use this list to find and correct them.
// Sources: every faker locale's first, middle and last names. Marked `*` (a name, but not only
// one): words faker also uses for places (cities, countries, states, counties), words an English
// dictionary has in lower case ("Will", "Mark", "Reed", "John": names that are also ordinary
// words), months and days. Line format: `Name` or `Name<TAB>*`, sorted.
// Two more kinds of line follow, for spans the model calls PERSON that no reading makes a person:
// `word<TAB>-`, an English word that is no one's name ("adventure", "battery"), and
// `Place<TAB>@`, a country, state or continent that is no one's name ("Norway", "New Zealand").
// Needs Debian's `wamerican` (/usr/share/dict/american-english). Run: npx tsx models/train/build-name-lexicon.ts
import { allLocales, type LocaleDefinition } from '@faker-js/faker';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAME_WORD } from '../../src/core/inference/name-lexicon';

const DICTIONARY = '/usr/share/dict/american-english';
const OUT = join(__dirname, '..', 'pii-ner', 'name-lexicon.txt');

/** Month and day names: capitalised like names, and some are given names too ("June", "April"). */
const CALENDAR = 'January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' ');

/** Every string under a definition entry (faker nests them by sex or by weighted pattern). */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

export function buildNameLexicon(locales: Record<string, LocaleDefinition>, dictionary: readonly string[]): string[] {
  const names = new Set<string>();
  const places = new Set<string>();
  const regions = new Set<string>();
  for (const def of Object.values(locales)) {
    const person = (def.person ?? {}) as Record<string, unknown>;
    for (const key of ['first_name', 'middle_name', 'last_name']) for (const n of strings(person[key])) if (NAME_WORD.test(n)) names.add(n);
    const location = (def.location ?? {}) as Record<string, unknown>;
    for (const key of ['city_name', 'country', 'state', 'county', 'continent']) for (const p of strings(location[key])) for (const w of p.split(/[\s,]+/u)) places.add(w);
    for (const key of ['country', 'state', 'continent']) for (const p of strings(location[key])) if (/^\p{Lu}/u.test(p) && !p.includes('\t')) regions.add(p);
  }
  const lowerWords = new Set(dictionary.filter((w) => /^\p{Ll}/u.test(w)).map((w) => w.replace(/'s$/u, '')));
  const calendar = new Set(CALENDAR);
  const onlyName = (n: string): boolean => !places.has(n) && !calendar.has(n) && !lowerWords.has(n.toLowerCase());
  const lowerNames = new Set([...names].map((n) => n.toLowerCase()));
  return [
    ...[...names].sort().map((n) => (onlyName(n) ? n : `${n}\t*`)),
    ...[...lowerWords].filter((w) => !lowerNames.has(w)).sort().map((w) => `${w}\t-`),
    ...[...regions].filter((r) => !names.has(r)).sort().map((r) => `${r}\t@`),
  ];
}

if (require.main === module) {
  const dictionary = readFileSync(DICTIONARY, 'utf8').split('\n');
  const lexicon = buildNameLexicon(allLocales as Record<string, LocaleDefinition>, dictionary);
  writeFileSync(OUT, `${lexicon.join('\n')}\n`);
  const count = (mark: string): number => lexicon.filter((l) => l.endsWith(mark)).length;
  process.stdout.write(`${OUT}: ${lexicon.length} lines: ${lexicon.length - count('\t*') - count('\t-') - count('\t@')} only names, ${count('\t*')} other names, ${count('\t-')} words, ${count('\t@')} regions\n`);
}
