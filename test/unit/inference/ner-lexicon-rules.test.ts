import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { correctNonPersons, LEXICON_NAME_SCORE, lexiconPersons, relabelWrittenOutNames } from '../../../src/core/inference/ner-lexicon-rules';
import { NAME_LEXICON_FILE, nameLexiconOf, parseNameLexicon } from '../../../src/core/inference/name-lexicon';
import { applySpanRules, type NerSpan } from '../../../src/core/inference/ner-span-rules';
import { shippedNerModel } from '../../../src/core/inference/model-locations';

// A hand-written lexicon in the file's format: names only names, names that are also words, plain words, regions.
const lexicon = parseNameLexicon(
  ['Derek', 'Hannah', 'Anna', 'Becker', 'Tristan', 'Dennis', 'Hughes', 'Madeline', 'Mohr', 'Tromp', 'Wisozk', 'Hal', 'John\t*', 'Will\t*', 'West\t*', 'Georgia\t*', 'adventure\t-', 'comedy\t-', 'border\t-', 'force\t-', 'keyboard\t-', 'ergonomic\t-', 'Norway\t@', 'New Zealand\t@'].join('\n'),
);

function span(text: string, value: string, entity: NerSpan['entity'] = 'PERSON', score = 0.9): NerSpan {
  const start = text.indexOf(value);
  assert.ok(start >= 0, `${value} in ${text}`);
  return { entity, start, end: start + value.length, score };
}
const values = (text: string, spans: readonly NerSpan[]): Array<[string, string]> => spans.map((s) => [s.entity, text.slice(s.start, s.end)]);

test('the lexicon file: kinds of line', () => {
  assert.ok(lexicon.isOnlyName('Derek') && lexicon.isName('Derek'));
  assert.ok(lexicon.isName('John') && !lexicon.isOnlyName('John'));
  assert.ok(!lexicon.isName('adventure') && lexicon.isPlainWord('adventure'));
  assert.ok(lexicon.isRegion('New Zealand') && !lexicon.isName('New Zealand'));
  assert.ok(!lexicon.isName('Derek\t*') && !lexicon.isName(''));
});

test('a lone name the model left out is found; words that are also ordinary words are not', () => {
  const text = 'They had 3 kids. Derek is the eldest, and Will is the youngest.';
  const found = lexiconPersons(text, [], lexicon);
  assert.deepEqual(values(text, found), [['PERSON', 'Derek']]);
  assert.equal(found[0]!.score, LEXICON_NAME_SCORE);
});

test('a run of names is one span; a run with another capitalised word, a list item, a covered name or an e-mail is not', () => {
  const text = 'Hi Hannah Becker. The Hal Keyboard ships. From Wisozk, Mohr and Tromp. Mail derek.x@y.com or Derek@x.org.';
  assert.deepEqual(values(text, lexiconPersons(text, [], lexicon)), [['PERSON', 'Hannah Becker']]);
  const covered = 'Ask Hannah Becker today.';
  assert.deepEqual(lexiconPersons(covered, [span(covered, 'Hannah', 'LOCATION')], lexicon), []);
  const possessive = "That is Derek's bike.";
  assert.deepEqual(values(possessive, lexiconPersons(possessive, [], lexicon)), [['PERSON', 'Derek']]);
});

test('a written-out name tagged as a place or company becomes PERSON; a place named after someone stays', () => {
  const text = 'Please change it to Tristan Dennis. We met at West Madeline and at Hughes.';
  const spans = [span(text, 'Tristan Dennis', 'LOCATION'), span(text, 'West Madeline', 'LOCATION'), span(text, 'Hughes', 'ORGANIZATION')];
  assert.deepEqual(values(text, relabelWrittenOutNames(spans, text, lexicon)), [
    ['PERSON', 'Tristan Dennis'],
    ['LOCATION', 'West Madeline'],
    ['ORGANIZATION', 'Hughes'],
  ]);
});

test('a country called a person becomes a place; ordinary words called a person go; names stay', () => {
  const text = 'Genres: Adventure, Comedy. Born in Norway, moved to New Zealand with Georgia and the Border Force.';
  const spans = ['Adventure', 'Comedy', 'Norway', 'New Zealand', 'Georgia', 'Border Force'].map((v) => span(text, v));
  assert.deepEqual(values(text, correctNonPersons(spans, text, lexicon)), [
    ['LOCATION', 'Norway'],
    ['LOCATION', 'New Zealand'],
    ['PERSON', 'Georgia'],
  ]);
  const org = [span(text, 'Border Force', 'ORGANIZATION')];
  assert.deepEqual(correctNonPersons(org, text, lexicon), org);
});

test('with a lexicon a lower-case PERSON span must hold a known name ("ask john" stays, "ergonomic" goes)', () => {
  const text = 'I will ask john about the ergonomic chair. Sure.';
  const spans = [span(text, 'john', 'PERSON', 0.97), span(text, 'ergonomic', 'PERSON', 0.97)];
  assert.deepEqual(values(text, applySpanRules(spans, text, lexicon)), [['PERSON', 'john']]);
  assert.deepEqual(values(text, applySpanRules(spans, text)), [['PERSON', 'john'], ['PERSON', 'ergonomic']]);
});

test('applySpanRules runs the lexicon rules on cased text only', () => {
  const cased = 'Derek is the eldest. He was born in Norway.';
  assert.deepEqual(values(cased, applySpanRules([span(cased, 'Norway')], cased, lexicon)), [['PERSON', 'Derek'], ['LOCATION', 'Norway']]);
  const list = 'They had 2 kids, Derek and Anna.';
  assert.deepEqual(applySpanRules([], list, lexicon), [], 'list items are left to the model');
  const shouting = 'DEREK IS HERE';
  assert.deepEqual(applySpanRules([], shouting, lexicon), []);
});

test('the lexicon is read from beside the model, once; a folder without one has none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-lex-'));
  try {
    assert.equal(nameLexiconOf(dir), undefined);
    const other = mkdtempSync(join(tmpdir(), 'rml-lex-'));
    writeFileSync(join(other, NAME_LEXICON_FILE), 'Derek\nadventure\t-\n');
    const read = nameLexiconOf(other);
    assert.ok(read?.isOnlyName('Derek') && read.isPlainWord('adventure'));
    rmSync(other, { recursive: true });
    assert.equal(nameLexiconOf(other), read, 'cached per folder');
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('the shipped model has a lexicon with common given names and without ordinary words as names', () => {
  const model = shippedNerModel();
  assert.ok(model && existsSync(join(model, NAME_LEXICON_FILE)));
  const shipped = nameLexiconOf(model)!;
  for (const n of ['Derek', 'Hannah', 'Kevin']) assert.ok(shipped.isOnlyName(n), n);
  for (const n of ['Will', 'Mark', 'June']) assert.ok(!shipped.isOnlyName(n), n);
  assert.ok(shipped.isPlainWord('battery') && shipped.isRegion('Norway'));
});
