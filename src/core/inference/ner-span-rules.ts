/**
 * Linguistic checks on a NER model's PERSON / LOCATION / ORGANIZATION spans in English-style
 * cased text. A small model leans on capitals and position; these rules hold for any cased text
 * (they are not fitted to a data set) and remove what no reading of the text could call a name:
 * a span without a capitalised word, a lower-case word the model let run on after a name, a
 * function word, a lone capitalised word at the start of a sentence the model is unsure of.
 */

import { correctNonPersons, lexiconPersons, relabelWrittenOutNames } from './ner-lexicon-rules';
import type { NameLexicon } from './name-lexicon';

/** A span the rules work on: the model's entity (our name for it), place and score. */
export interface NerSpan {
  entity: 'PERSON' | 'LOCATION' | 'ORGANIZATION';
  start: number;
  end: number;
  score: number;
}

/**
 * Letters of the scripts that capitalise names (Latin, Greek, Cyrillic, Armenian). Georgian has
 * upper-case letters in Unicode but does not capitalise names; Chinese, Arabic, Hindi… have no
 * case. Only these letters are read for casing.
 */
const CASED_UPPER = /[\p{Lu}\p{Lt}](?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}])/gu;
const CASED_LOWER = /\p{Ll}(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}])/gu;
const CASED_LETTER = /[\p{Lu}\p{Lt}\p{Ll}](?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}])/u;

/**
 * Whether the text is written with ordinary casing: it has lower-case letters and some capitals,
 * and most of its cased letters are lower case. All-lower-case text ("my name is anna") and
 * all-capitals text give no evidence from casing, so the rules that read capitals skip them.
 */
export function isCasedText(text: string): boolean {
  const upper = text.match(CASED_UPPER)?.length ?? 0;
  const lower = text.match(CASED_LOWER)?.length ?? 0;
  return upper > 0 && lower > upper;
}

/** A word whose first letter is a capital and that has two letters or more ("Anna", "O'Brien", "NASA"; not "Q1", "p95"). */
function isCapitalisedWord(word: string): boolean {
  const letters = word.match(/\p{L}/gu);
  return letters !== null && letters.length >= 2 && /^[\p{Lu}\p{Lt}]$/u.test(letters[0]!);
}

/** Words of a span by whitespace, with their offsets in the text. */
function words(text: string, start: number, end: number): Array<{ start: number; end: number; word: string }> {
  const out: Array<{ start: number; end: number; word: string }> = [];
  const re = /\S+/gu;
  const slice = text.slice(start, end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) out.push({ start: start + m.index, end: start + m.index + m[0].length, word: m[0] });
  return out;
}

/**
 * Whether a span could be a name by its casing: it has a capitalised word, or it has no letters of
 * a script that capitalises names (Chinese, Arabic, Hindi, Georgian… names are not capitalised).
 * A span without letters (a number) is never a name.
 */
export function hasNameCasing(span: string): boolean {
  if (!/\p{L}/u.test(span)) return false;
  if (!CASED_LETTER.test(span)) return true;
  return span.split(/\s+/u).some(isCapitalisedWord);
}

/** Whether a word starts with a lower-case letter of a script that capitalises names (after any opening punctuation). */
function startsLowerCase(word: string): boolean {
  const first = word.match(/[\p{L}\p{N}]/u)?.[0];
  return first !== undefined && /\p{Ll}/u.test(first) && CASED_LETTER.test(first);
}

/**
 * The span without the lower-case words at its end: in cased text a name's words are capitalised,
 * and a model that tags the word after a name ("Kevin had", "Berlin yesterday") has run past it.
 * Particles inside a name ("Ludwig van Beethoven") stay: only trailing words go, and never the last
 * capitalised or numbered one ("Puruntie 82").
 */
export function trimTrailingLowerCase(text: string, start: number, end: number): { start: number; end: number } {
  const ws = words(text, start, end);
  let keep = ws.length;
  while (keep > 1 && startsLowerCase(ws[keep - 1]!.word)) keep--;
  if (keep === ws.length || keep === 0) return { start, end };
  return { start, end: ws[keep - 1]!.end };
}

/**
 * English function words (pronouns, determiners, prepositions, conjunctions, auxiliaries, a few
 * adverbs). A span made only of these is never a name, capitalised or not ("It", "Here", "About",
 * "Between"). Closed classes: the list does not depend on any data set.
 */
const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those some any each every all both either neither no none ' +
    'i me my mine we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'myself yourself himself herself itself ourselves themselves who whom whose which what whatever whoever ' +
    'about above across after against along among around at before behind below beneath beside besides between beyond by ' +
    'down during except for from in inside into like near of off on onto out outside over past per since through throughout ' +
    'till to toward towards under underneath until up upon via with within without ' +
    'and or but nor so yet if then than because although though unless while whereas whether once ' +
    'am is are was were be been being do does did done doing have has had having ' +
    'can could may might must shall should will would ' +
    'here there where when why how now not also just only very too again ever never always often ' +
    'yes no ok okay please thanks thank hi hello hey dear'
  ).split(' '),
);

/** Whether every word of the span is an English function word. */
export function isFunctionWords(span: string): boolean {
  const ws = span
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w !== '');
  return ws.length > 0 && ws.every((w) => FUNCTION_WORDS.has(w));
}

/**
 * Whether `at` starts a sentence: the text's start, a line's start (after a list bullet or number
 * too), or after . ! ? : ; and a space, with an opening quote or parenthesis allowed. A dot after a
 * short capitalised word ("Mr.", "Dr.", "J.") is an abbreviation, not a sentence's end.
 */
export function isSentenceStart(text: string, at: number): boolean {
  let i = at;
  if (i > 0 && /["'“‘(]/u.test(text[i - 1]!)) i--;
  let j = i;
  while (j > 0 && /\s/u.test(text[j - 1]!)) {
    if (text[j - 1] === '\n') return true;
    j--;
  }
  if (j === 0) return true;
  if (j === i) return false;
  const lineStart = text.lastIndexOf('\n', j - 1) + 1;
  if (j - lineStart <= 8 && /^\s*(?:[-*•>]|\d+[.)])$/u.test(text.slice(lineStart, j))) return true;
  if (!/[.!?:;]/u.test(text[j - 1]!)) return false;
  // Only the few characters before the dot matter; the line can be long.
  const tail = text.slice(Math.max(lineStart, j - 7), j);
  return !/(?:^|[\s.(])\p{Lu}\p{L}{0,3}\.$/u.test(tail);
}

/**
 * A span with no capitalised word in cased text stays only when the model is this sure of it:
 * people do type names in lower case in chats ("ask john"), and a small model that has seen
 * such names is confident on them, while its lower-case false spans ("sure", "errors", "kg")
 * mostly score lower. On the project's generated held-out split the exception recovers most
 * lower-case names; on a name-free support-chat corpus it lets about 5% of those spans back.
 */
export const LOWER_CASE_MIN_SCORE = 0.95;

/**
 * A lone word at the start of a sentence is capitalised whatever it is, so its capital says
 * nothing and the model's score must carry it. The model's scores run low even on real names
 * (0.6–0.8 for a first name opening a sentence), so the bar is moderate: 0.9 lost those names.
 */
export const SENTENCE_START_MIN_SCORE = 0.7;

/**
 * Joins PERSON spans that only a space separates: a model that gives a surname its own B-PER
 * ("Liisa" "Lepistö") splits one name in two. The joined span's score is the mean of the parts'
 * weighted by their length.
 */
export function mergeAdjacentPersons<T extends NerSpan>(spans: readonly T[], text: string): T[] {
  const out: T[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.entity === 'PERSON' && s.entity === 'PERSON' && s.start > last.end && /^ +$/u.test(text.slice(last.end, s.start)) && s.start - last.end <= 1) {
      const a = last.end - last.start;
      const b = s.end - s.start;
      out[out.length - 1] = { ...last, end: s.end, score: (last.score * a + s.score * b) / (a + b) };
    } else out.push(s);
  }
  return out;
}

/** A capitalised name word ("Lepistö", "O'Brien", "Ramsey-Johnson") or an initial ("H."). */
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’-]*\p{L}|\p{Lu}\.)/u;

/**
 * Extends a PERSON span over the capitalised words right after it (a single space between, up to
 * two words): in cased text a capitalised word that follows a first name in the same phrase is its
 * surname ("Liisa Lepistö", "Ella H. Snider"), which a small model often leaves out. Function words
 * ("Anna I …") and words that another span already covers do not join; an initial only joins when
 * a name word follows it.
 */
export function extendPersonOverSurname(text: string, span: { start: number; end: number }, limit: number): { start: number; end: number } {
  let end = span.end;
  let last = span.end;
  for (let n = 0; n < 2; n++) {
    if (text[end] !== ' ') break;
    const m = NAME_WORD.exec(text.slice(end + 1, Math.min(limit, end + 41)));
    if (!m) break;
    const after = end + 1 + m[0].length;
    // The word must end there: at a space, punctuation or the text's end, not inside a longer token.
    if (after < text.length && /[\p{L}\p{N}_@/]/u.test(text[after]!)) break;
    if (after > limit || isFunctionWords(m[0])) break;
    end = after;
    if (!m[0].endsWith('.')) last = end;
  }
  return { start: span.start, end: last };
}

/** Whether a lower-case PERSON span has a word the lexicon knows as a name ("ask john" yes, "ergonomic" no). */
function hasLexiconName(value: string, lexicon: NameLexicon): boolean {
  return value.split(/\s+/u).some((w) => lexicon.isName(w.charAt(0).toUpperCase() + w.slice(1)));
}

/**
 * Applies the rules to spans in text order; returns the spans kept, trimmed and joined. Spans
 * must already be trimmed of edge punctuation. With the model's name lexicon (name-lexicon.ts),
 * a lower-case PERSON span must also hold a known name, and the lexicon rules of
 * ner-lexicon-rules.ts correct and complete the spans of cased text.
 */
export function applySpanRules<T extends NerSpan>(spans: readonly T[], text: string, lexicon?: NameLexicon): T[] {
  const cased = isCasedText(text);
  const kept: T[] = [];
  for (const s of spans) {
    let { start, end } = s;
    if (cased) ({ start, end } = trimTrailingLowerCase(text, start, end));
    const value = text.slice(start, end);
    if (cased && !hasNameCasing(value)) {
      const sure = /\p{L}/u.test(value) && s.score >= LOWER_CASE_MIN_SCORE;
      if (!sure || (lexicon && s.entity === 'PERSON' && !hasLexiconName(value, lexicon))) continue;
    }
    if (isFunctionWords(value)) continue;
    if (cased && !/\s/u.test(value) && isSentenceStart(text, start) && s.score < SENTENCE_START_MIN_SCORE) continue;
    kept.push({ ...s, start, end });
  }
  let merged = mergeAdjacentPersons(kept, text);
  if (!cased) return merged;
  if (lexicon) {
    merged = relabelWrittenOutNames(correctNonPersons(merged, text, lexicon), text, lexicon);
    merged = [...merged, ...(lexiconPersons(text, merged, lexicon) as T[])].sort((a, b) => a.start - b.start);
  }
  return merged.map((s, i) => (s.entity === 'PERSON' ? { ...s, ...extendPersonOverSurname(text, s, merged[i + 1]?.start ?? text.length) } : s));
}
