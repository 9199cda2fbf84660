/**
 * Writes the synthetic NER training data for models/pii-ner: JSONL records
 * `{"id","text","spans":[{"start","end","start_cp","end_cp","label"}]}` with labels PER, LOC, ORG.
 * `start`/`end` are UTF-16 offsets (JavaScript), `start_cp`/`end_cp` code points (Python).
 *   npx tsx models/train/generate-ner-data.ts [--out models/train/data] [--train 60000] [--dev 3000] [--seed 6]
 * Deterministic: the same arguments give byte-identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Faker, base, en, type LocaleDefinition } from '@faker-js/faker';
import { COMMON_ADJECTIVES, COMMON_ADVERBS, COMMON_NOUNS, COMMON_VERBS } from './ner-data/common-words';
import { makeLocaleFakers, type LocaleFaker } from './ner-data/locales';
import { addNoise } from './ner-data/noise';
import { renderTemplate, type Piece, type RenderContext } from './ner-data/render';
import { CHAT, FORMS, NO_ENTITY, PROSE, SIGNATURES, TABLES } from './ner-data/templates-en';
import { CASUAL_FIRST, CASUAL_NO_NAME } from './ner-data/templates-casual';
import { HOWTO } from './ner-data/templates-howto';
import { INTL, LANGUAGE_LOCALES } from './ner-data/templates-intl';
import { CLOSERS, FRAMES, MORE_ENTITIES, OPENERS, PLAIN, SUBJECTS } from './ner-data/templates-prose';
import { LETTERS, LETTERS_NO_ENTITY } from './ner-data/templates-letters';
import { RECORDS, RECORDS_NO_ENTITY } from './ner-data/templates-records';
import { STORIES, STORIES_NO_ENTITY } from './ner-data/templates-stories';
import { WEB, WEB_NO_ENTITY } from './ner-data/templates-web';
import { SERVICE, SERVICE_NO_ENTITY } from './ner-data/templates-service';
import { MENTIONS, MENTIONS_NO_ENTITY } from './ner-data/templates-mentions';

interface Args { out: string; train: number; dev: number; seed: number }

function parseArgs(argv: string[]): Args {
  const args: Args = { out: join(__dirname, 'data'), train: 60000, dev: 3000, seed: 6 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1];
    if (value === undefined || !(key === 'out' || key === 'train' || key === 'dev' || key === 'seed')) throw new Error(`usage: --out DIR --train N --dev N --seed N (got ${argv[i]})`);
    if (key === 'out') args.out = value;
    else args[key] = Number(value);
  }
  return args;
}

const ENGLISH: ReadonlyArray<{ weight: number; value: readonly string[] }> = [
  { weight: 24, value: CHAT }, { weight: 10, value: FORMS }, { weight: 16, value: PROSE },
  { weight: 5, value: SIGNATURES }, { weight: 7, value: TABLES }, { weight: 8, value: NO_ENTITY },
  { weight: 8, value: PLAIN }, { weight: 10, value: FRAMES }, { weight: 12, value: MORE_ENTITIES }, { weight: 10, value: SUBJECTS },
  { weight: 10, value: HOWTO }, { weight: 10, value: CASUAL_FIRST }, { weight: 10, value: CASUAL_NO_NAME },
  // v5: letters, records, stories, web text, service chats and varied short mentions, written to widen
  // the genres (108 of 248, about two fifths of the English mix; a ninth of the v5 weight has no entity).
  { weight: 18, value: LETTERS }, { weight: 15, value: RECORDS }, { weight: 18, value: STORIES }, { weight: 16, value: WEB }, { weight: 12, value: SERVICE }, { weight: 12, value: MENTIONS },
  { weight: 4, value: LETTERS_NO_ENTITY }, { weight: 3, value: RECORDS_NO_ENTITY }, { weight: 3, value: STORIES_NO_ENTITY }, { weight: 4, value: WEB_NO_ENTITY }, { weight: 1, value: SERVICE_NO_ENTITY }, { weight: 2, value: MENTIONS_NO_ENTITY },
];

export interface NerRecord {
  id: string;
  text: string;
  spans: Array<{ start: number; end: number; start_cp: number; end_cp: number; label: string }>;
}

/** Joins pieces into text and entity spans (whitespace at a piece's edges is left outside its span). */
function assemble(id: string, pieces: Piece[]): NerRecord {
  let text = '';
  const spans: NerRecord['spans'] = [];
  for (const p of pieces) {
    if (p.label && p.text.trim() !== '') {
      const lead = p.text.length - p.text.trimStart().length;
      const start = text.length + lead;
      const end = start + p.text.trim().length;
      // "{first} {last}" is one person: a name piece one space after another joins its span.
      const previous = spans[spans.length - 1];
      if (p.label === 'PER' && previous?.label === 'PER' && /^ +$/.test(text.slice(previous.end, start))) previous.end = end;
      else spans.push({ start, end, start_cp: 0, end_cp: 0, label: p.label });
    }
    text += p.text;
  }
  for (const s of spans) {
    s.start_cp = [...text.slice(0, s.start)].length;
    s.end_cp = s.start_cp + [...text.slice(s.start, s.end)].length;
  }
  return { id, text, spans };
}

function generate(count: number, seed: number, prefix: string): string {
  const rng = new Faker({ locale: [en, base] });
  rng.seed(seed);
  const { fakers, weights } = makeLocaleFakers(seed);
  const weighted = fakers.map((value, i) => ({ weight: weights[i]!, value }));
  const byCode = new Map(fakers.map((f) => [f.code, f]));
  const otherLocale = (): LocaleFaker => rng.helpers.weightedArrayElement(weighted);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const snippets = rng.helpers.weightedArrayElement([{ weight: 6, value: 1 }, { weight: 3, value: 2 }, { weight: 1, value: 3 }]);
    const pieces: Piece[] = [];
    for (let s = 0; s < snippets; s++) {
      let template: string;
      let locale: LocaleFaker;
      if (rng.number.float() < 0.1) {
        const language = rng.helpers.objectKey(INTL);
        template = rng.helpers.arrayElement(INTL[language]!);
        locale = byCode.get(rng.helpers.arrayElement(LANGUAGE_LOCALES[language]!))!;
      } else {
        template = rng.helpers.arrayElement(rng.helpers.weightedArrayElement([...ENGLISH]));
        locale = otherLocale();
        // Ordinary clauses around a quarter of the English snippets.
        if (rng.number.float() < 0.15) template = `${rng.helpers.arrayElement(OPENERS)} ${template.charAt(0).toLowerCase()}${template.slice(1)}`;
        if (rng.number.float() < 0.12) template = `${template} ${rng.helpers.arrayElement(CLOSERS)}`;
      }
      const ctx: RenderContext = { rng, locale, otherLocale, persons: new Map() };
      if (s > 0) pieces.push({ text: rng.helpers.arrayElement([' ', ' ', '\n', '\n\n', ' | ']), label: null });
      pieces.push(...addNoise(renderTemplate(template, ctx), rng));
    }
    lines.push(JSON.stringify(assemble(`${prefix}-${i}`, pieces)));
  }
  return lines.join('\n') + '\n';
}

/**
 * English words for the vocabulary builder, so everyday words become whole tokens even when the
 * generated records (dominated by names from 57 locales) use them rarely: the hand-written common
 * words, faker's English word lists, and every word of the templates.
 */
function vocabularyWords(): string {
  const words = new Set<string>([...COMMON_NOUNS, ...COMMON_VERBS, ...COMMON_ADJECTIVES, ...COMMON_ADVERBS]);
  const lists = (en as LocaleDefinition).word ?? {};
  for (const list of Object.values(lists)) for (const w of list as string[]) words.add(w);
  const templates = [CHAT, FORMS, NO_ENTITY, PROSE, SIGNATURES, TABLES, PLAIN, FRAMES, MORE_ENTITIES, SUBJECTS, HOWTO, OPENERS, CLOSERS, CASUAL_FIRST, CASUAL_NO_NAME,
    LETTERS, LETTERS_NO_ENTITY, RECORDS, RECORDS_NO_ENTITY, STORIES, STORIES_NO_ENTITY, WEB, WEB_NO_ENTITY, SERVICE, SERVICE_NO_ENTITY, MENTIONS, MENTIONS_NO_ENTITY].flat();
  for (const t of templates) for (const w of t.replace(/\{[A-Za-z]+[23]?\}/g, ' ').match(/\p{L}+/gu) ?? []) words.add(w);
  for (const w of [...words]) if (/^\p{Ll}/u.test(w)) words.add(w.charAt(0).toUpperCase() + w.slice(1));
  return [...words].sort().join('\n') + '\n';
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'train.jsonl'), generate(args.train, args.seed, 'train'));
  writeFileSync(join(args.out, 'dev.jsonl'), generate(args.dev, args.seed + 7919, 'dev'));
  writeFileSync(join(args.out, 'vocab-words.txt'), vocabularyWords());
  console.log(`wrote ${args.train} train and ${args.dev} dev records to ${args.out}`);
}

main();
