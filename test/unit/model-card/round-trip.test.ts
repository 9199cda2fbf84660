import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { HUMAN_FIELDS, type HumanFieldId } from '../../../src/core/model-card/card-sections';
import { applyEdits, fieldValue, insertSectionsEdits, missingSections, setFieldEdit } from '../../../src/core/model-card/card-edits';
import { generateCard } from '../../../src/core/model-card/generate-card';
import { lintModelCard } from '../../../src/core/model-card/lint-card';
import { parseCard } from '../../../src/core/model-card/parse-card';
import { renderCard } from '../../../src/core/model-card/render-card';
import { fixtureText, frontMatterText, fullInputs } from './card-test-helpers';

/** Asserts `after` equals `before` except inside one replaced span, and returns that span's new text. */
function onlyChangedBetween(before: string, after: string, start: number, end: number): string {
  assert.equal(after.slice(0, start), before.slice(0, start), 'bytes before the edited field are unchanged');
  const tail = before.slice(end);
  assert.equal(after.slice(after.length - tail.length), tail, 'bytes after the edited field are unchanged');
  return after.slice(start, after.length - tail.length);
}

const VALUES: Record<HumanFieldId, string> = {
  license: 'mit',
  language: 'en, de',
  developers: 'The ML platform team.',
  contact: 'ml-team@example.org',
  'primary-uses': 'Routing support tickets\nto the right queue.',
  'primary-users': 'Support agents.',
  'out-of-scope': 'Decisions about people.',
  risks: 'Misrouted tickets delay help for some customers.',
  limitations: 'English only.',
  recommendations: 'Review a sample each week.',
};

test('setting a field of an existing HF-template card changes only that field', () => {
  const original = fixtureText('hf-template-card.md');
  for (const f of HUMAN_FIELDS) {
    const card = parseCard(original);
    const edit = setFieldEdit(card, f.id, VALUES[f.id]);
    const after = applyEdits(original, [edit]);
    const changed = onlyChangedBetween(original, after, edit.start, edit.end);
    assert.ok(changed.includes(VALUES[f.id].split(',')[0]!.split('\n')[0]!), `${f.id}: the new value is in the replaced span`);
    const reparsed = parseCard(after);
    const expected = f.id === 'language' ? 'en, de' : VALUES[f.id];
    assert.equal(fieldValue(reparsed, f.id), expected, f.id);
    // Every other field still reads as before.
    for (const other of HUMAN_FIELDS) if (other.id !== f.id) assert.equal(fieldValue(reparsed, other.id), fieldValue(card, other.id), `${f.id} left ${other.id} alone`);
  }
});

test('front matter edits keep comments, quoting and list styles of the other keys', () => {
  const original = fixtureText('hf-template-card.md');
  let text = applyEdits(original, [setFieldEdit(parseCard(original), 'license', 'mit')]);
  text = applyEdits(text, [setFieldEdit(parseCard(text), 'language', 'en, de, fr')]);
  assert.match(text, /^license: mit   # the model's license$/m, 'the comment after the value survives');
  assert.match(text, /^language:\n- en\n- de\n- fr\nlicense/m, 'a block list stays a block list at its indentation');
  assert.match(text, /^base_model: 'distilbert-base-uncased'$/m);
  assert.match(text, /^tags: \[text-classification, reviews\]$/m);
  assert.match(text, /^# Metadata kept exactly as written/m);
  const meta = parse(frontMatterText(text)) as Record<string, unknown>;
  assert.deepEqual(meta.language, ['en', 'de', 'fr']);
  assert.equal(meta.license, 'mit');
});

test('setting a field to its current value is a no-op, byte for byte', () => {
  const original = fixtureText('hf-template-card.md');
  const card = parseCard(original);
  for (const id of ['developers', 'primary-uses', 'out-of-scope', 'recommendations', 'contact', 'license'] as HumanFieldId[]) {
    const after = applyEdits(original, [setFieldEdit(card, id, fieldValue(card, id))]);
    assert.equal(after, original, id);
  }
});

test('unknown sections, comments and tables survive a series of edits untouched', () => {
  const original = fixtureText('hf-template-card.md');
  let text = original;
  for (const id of ['out-of-scope', 'limitations', 'risks', 'contact'] as HumanFieldId[]) text = applyEdits(text, [setFieldEdit(parseCard(text), id, VALUES[id])]);
  for (const keep of ['## Glossary\n\nA section this project does not know, kept untouched.\n', '<!-- Provide a quick summary of what the model is/does. -->', '| Group | Accuracy |\n|-------|---------:|\n| all   | 0.93     |', 'Sorting reviews   \nby sentiment.']) {
    assert.ok(text.includes(keep), keep);
  }
  // A field without a heading is added inside its section; one with a heading is edited in place.
  assert.match(text, /### Out-of-Scope Use\n\nDecisions about people\.\n\n## Bias/);
  assert.match(text, /Reviews written in dialects are classified less accurately\.\n\n### Recommendations\n\nCheck a sample by hand\.\n\n### Limitations\n\nEnglish only\.\n\n### Risks and mitigations\n\nMisrouted tickets/);
  assert.match(text, /## Model Card Contact\n\nml-team@example\.org\n$/);
});

test('a CRLF card stays CRLF through edits', () => {
  const original = fixtureText('hf-template-card.md').replace(/\n/g, '\r\n');
  const after = applyEdits(original, [setFieldEdit(parseCard(original), 'primary-uses', 'Line one\nline two')]);
  assert.ok(!/[^\r]\n/.test(after), 'no bare LF');
  assert.ok(after.includes('Line one\r\nline two'));
  assert.equal(fieldValue(parseCard(after), 'primary-uses'), 'Line one\nline two');
});

test('an emptied field gets the placeholder back, and a card without front matter gets one', () => {
  const generated = renderCard(generateCard(fullInputs()));
  const filled = applyEdits(generated, [setFieldEdit(parseCard(generated), 'contact', 'x@example.org')]);
  const emptied = applyEdits(filled, [setFieldEdit(parseCard(filled), 'contact', '   ')]);
  assert.equal(emptied, generated);
  const bare = '# Model Card for x\n\n## Model Details\n\nText.\n';
  const withLicense = applyEdits(bare, [setFieldEdit(parseCard(bare), 'license', 'apache-2.0')]);
  assert.equal(withLicense, `---\nlicense: apache-2.0\n---\n\n${bare}`);
});

test('inserting missing section skeletons puts them in catalogue order and leaves the rest alone', () => {
  const original = fixtureText('broken.modelcard.md');
  const card = parseCard(original);
  assert.deepEqual(missingSections(card), ['factors', 'environmental-impact']);
  const edits = insertSectionsEdits(card, missingSections(card));
  const after = applyEdits(original, edits);
  assert.deepEqual(missingSections(parseCard(after)), []);
  const headings = [...after.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, ['Model Details', 'Intended Use', 'Factors', 'Metrics', 'Evaluation Data', 'Training Data', 'Quantitative Analyses', 'Ethical Considerations', 'Caveats and Recommendations', 'Environmental Impact', 'How to Use']);
  // Removing the inserted text gives back the original exactly.
  let restored = after;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    const at = applyEdits(original, edits.filter((x) => x.start < e.start)).length - original.length + e.start;
    restored = restored.slice(0, at) + restored.slice(at + e.text.length);
  }
  assert.equal(restored, original);
  assert.equal(lintModelCard(after).filter((f) => f.ruleId === 'card-missing-section').length, 0);
  assert.match(after, /## Environmental Impact\n\n<!-- Hardware type, hours used, and the estimated emissions of training\. -->\n\n\[More Information Needed\]\n\n## How to Use/);
});

test('a section field whose whole section is missing is inserted with the section skeleton', () => {
  const bare = '# Model Card for x\n\n## Model Details\n\nText.\n\n## Factors\n\nAge.\n';
  const after = applyEdits(bare, [setFieldEdit(parseCard(bare), 'out-of-scope', 'Medical use.')]);
  assert.match(after, /## Model Details\n\nText\.\n\n## Intended Use\n\n<!--[^>]*-->\n\n### Primary intended uses\n\n\[More Information Needed\]\n\n### Primary intended users\n\n\[More Information Needed\]\n\n### Out-of-scope uses\n\nMedical use\.\n\n## Factors/);
});
