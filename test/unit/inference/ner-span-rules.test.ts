import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applySpanRules,
  extendPersonOverSurname,
  hasNameCasing,
  isCasedText,
  isFunctionWords,
  isSentenceStart,
  LOWER_CASE_MIN_SCORE,
  mergeAdjacentPersons,
  SENTENCE_START_MIN_SCORE,
  trimTrailingLowerCase,
  type NerSpan,
} from '../../../src/core/inference/ner-span-rules';

/** A span on the first occurrence of `value` in `text`. */
function span(text: string, value: string, entity: NerSpan['entity'] = 'PERSON', score = 0.95): NerSpan {
  const start = text.indexOf(value);
  assert.ok(start >= 0, `${value} in ${text}`);
  return { entity, start, end: start + value.length, score };
}

/** The rules' output as [entity, value] pairs. */
function ruled(text: string, spans: NerSpan[]): Array<[string, string]> {
  return applySpanRules(spans, text).map((s) => [s.entity, text.slice(s.start, s.end)]);
}

test('cased text: some capitals, mostly lower case', () => {
  assert.ok(isCasedText('Make sure the batch runs.'));
  assert.ok(!isCasedText('make sure the batch runs'));
  assert.ok(!isCasedText('MAKE SURE THE BATCH RUNS'));
  assert.ok(!isCasedText('12 34'));
  // Georgian letters have case in Unicode, but names are not capitalised in it.
  assert.ok(!isCasedText('ნენე ელიზბარაშვილი'));
});

test('name casing: a capitalised word of two letters or more, or a script without case', () => {
  for (const v of ['Anna', 'make Berlin', "O'Brien", 'NASA', '张伟', 'Ελένη', 'Арсений', 'ნენე ელიზბარაშვილი']) assert.ok(hasNameCasing(v), v);
  for (const v of ['sure', 'kg', 'errors rows', 'Q1', 'p95', '13', '2026-11-22']) assert.ok(!hasNameCasing(v), v);
});

test('in cased text a span with no capitalised word is dropped; in lower-case text it stays', () => {
  const t = 'Make sure the rows are sorted, then send it to Anna in Berlin.';
  assert.deepEqual(
    ruled(t, [span(t, 'sure', 'LOCATION', 0.9), span(t, 'rows', 'PERSON', 0.9), span(t, 'Anna'), span(t, 'Berlin', 'LOCATION')]),
    [['PERSON', 'Anna'], ['LOCATION', 'Berlin']],
  );
  // Unless the model is very sure of it: a name typed in lower case in a chat.
  const sure = 'Thanks, I will ask john about it.';
  assert.deepEqual(ruled(sure, [span(sure, 'john', 'PERSON', LOWER_CASE_MIN_SCORE)]), [['PERSON', 'john']]);
  assert.deepEqual(ruled(sure, [span(sure, 'john', 'PERSON', LOWER_CASE_MIN_SCORE - 0.01)]), []);
  // Numbers are no places: "13" tagged LOCATION goes, "Puruntie 82" stays.
  const n = 'Ship 13 boxes to Puruntie 82 today.';
  assert.deepEqual(ruled(n, [span(n, '13', 'LOCATION', 0.99), span(n, 'Puruntie 82', 'LOCATION')]), [['LOCATION', 'Puruntie 82']]);
  // No casing to read: the model's span stays as it is.
  const lower = 'please forward this to anna smith in berlin';
  assert.deepEqual(ruled(lower, [span(lower, 'anna smith'), span(lower, 'berlin', 'LOCATION')]), [['PERSON', 'anna smith'], ['LOCATION', 'berlin']]);
});

test('trailing lower-case words leave a name; particles inside it stay', () => {
  const cut = (text: string, value: string): string => {
    const s = span(text, value);
    const r = trimTrailingLowerCase(text, s.start, s.end);
    return text.slice(r.start, r.end);
  };
  assert.equal(cut('Kevin had a long day.', 'Kevin had'), 'Kevin');
  assert.equal(cut('Enrico shouted at him', 'Enrico shouted at'), 'Enrico');
  assert.equal(cut('by Ludwig van Beethoven today', 'Ludwig van Beethoven'), 'Ludwig van Beethoven');
  assert.equal(cut('at Hansinegata 120 street', 'Hansinegata 120 street'), 'Hansinegata 120');
  // A span that is only lower-case words is left to the casing rule, not emptied here.
  assert.equal(cut('the errors', 'errors'), 'errors');
  const t = 'Yesterday Kevin had lunch.';
  assert.deepEqual(ruled(t, [span(t, 'Kevin had')]), [['PERSON', 'Kevin']]);
});

test('a span of English function words only is no name', () => {
  for (const v of ['It', 'Here', 'About', 'Between', 'and the']) assert.ok(isFunctionWords(v), v);
  for (const v of ['Anna', 'Will Smith', 'Paris', 'Berlin']) assert.ok(!isFunctionWords(v), v);
  const t = 'We moved it. Here the logs are smaller.';
  assert.deepEqual(ruled(t, [span(t, 'Here', 'LOCATION', 0.99)]), []);
});

test('sentence starts: text start, after . ! ? : ; a line break, a bullet; not after an abbreviation', () => {
  const at = (text: string, word: string): boolean => isSentenceStart(text, text.indexOf(word));
  assert.ok(at('Flight was late.', 'Flight'));
  assert.ok(at('It broke. Batch two is fine.', 'Batch'));
  assert.ok(at('Done!\n  Commit it', 'Commit'));
  assert.ok(at('Steps:\n- Run the job', 'Run'));
  assert.ok(at('He said: "Try again"', 'Try'));
  assert.ok(!at('I talked to Anna today', 'Anna'));
  assert.ok(!at('Ask Dr. Smith first', 'Smith'));
  assert.ok(!at('Ask Mr. Smith first', 'Smith'));
});

test('a lone word opening a sentence needs a confident score', () => {
  const t = 'Flight 42 is late. Booking is closed for Anna.';
  const low = SENTENCE_START_MIN_SCORE - 0.05;
  const high = SENTENCE_START_MIN_SCORE + 0.05;
  assert.deepEqual(ruled(t, [span(t, 'Flight', 'PERSON', low), span(t, 'Booking', 'LOCATION', low), span(t, 'Anna', 'PERSON', low)]), [['PERSON', 'Anna']]);
  assert.deepEqual(ruled(t, [span(t, 'Flight', 'PERSON', high)]), [['PERSON', 'Flight']]);
  // Two words at a sentence start are not lone: "Anna Smith called." keeps its name at any score.
  const two = 'Anna Smith called.';
  assert.deepEqual(ruled(two, [span(two, 'Anna Smith', 'PERSON', low)]), [['PERSON', 'Anna Smith']]);
});

test('PERSON spans that only a space separates become one name, score weighted by length', () => {
  const t = 'I spoke with Liisa Lepistö yesterday.';
  const merged = mergeAdjacentPersons([span(t, 'Liisa', 'PERSON', 0.6), span(t, 'Lepistö', 'PERSON', 0.9)], t);
  assert.equal(merged.length, 1);
  assert.equal(t.slice(merged[0]!.start, merged[0]!.end), 'Liisa Lepistö');
  assert.ok(Math.abs(merged[0]!.score - (0.6 * 5 + 0.9 * 7) / 12) < 1e-12);
  // A comma, two spaces or another entity keep them apart.
  for (const text of ['Liisa, Lepistö', 'Liisa  Lepistö']) {
    const parts = [span(text, 'Liisa'), span(text, 'Lepistö')];
    assert.equal(mergeAdjacentPersons(parts, text).length, 2, text);
  }
  const mixed = 'Anna Berlin';
  assert.equal(mergeAdjacentPersons([span(mixed, 'Anna'), span(mixed, 'Berlin', 'LOCATION')], mixed).length, 2);
});

test('a PERSON span takes the capitalised surname the model left out', () => {
  const ext = (text: string, value: string): string => {
    const s = span(text, value);
    const r = extendPersonOverSurname(text, s, text.length);
    return text.slice(r.start, r.end);
  };
  assert.equal(ext('I spoke with Liisa Lepistö yesterday.', 'Liisa'), 'Liisa Lepistö');
  assert.equal(ext('Zoe Young from Acme is speaking', 'Zoe'), 'Zoe Young');
  assert.equal(ext('Thanks to Ella H. Snider, all done', 'Ella'), 'Ella H. Snider');
  assert.equal(ext("met Sean O'Brien.", 'Sean'), "Sean O'Brien");
  // Not over a lower-case word, a function word, a lone initial at the end, or past punctuation.
  assert.equal(ext('Sandra lives here', 'Sandra'), 'Sandra');
  assert.equal(ext('Anna I think is right', 'Anna'), 'Anna');
  assert.equal(ext('signed by Anna K.', 'Anna'), 'Anna');
  assert.equal(ext('Anna, Berlin office', 'Anna'), 'Anna');
  // Nor into the next span.
  const t = 'Anna Berlin';
  assert.deepEqual(ruled(t, [span(t, 'Anna', 'PERSON', 0.95), span(t, 'Berlin', 'LOCATION', 0.95)]), [['PERSON', 'Anna'], ['LOCATION', 'Berlin']]);
});
