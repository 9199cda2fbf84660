import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectCard } from '../../../src/core/model-card/inspect-card';
import { looksLikeModelCard } from '../../../src/core/model-card/is-model-card';
import { fixtureText } from './card-test-helpers';

test('model card files: *.modelcard.md always, README.md by its front matter or its folder', () => {
  assert.equal(looksLikeModelCard('x/a.modelcard.md', ''), true);
  assert.equal(looksLikeModelCard('x/README.md', '# Project\n\nHello.\n'), false);
  assert.equal(looksLikeModelCard('x/README.md', '---\ntitle: docs\n---\n# Project\n'), false);
  assert.equal(looksLikeModelCard('x/README.md', '---\nlicense: mit\nbase_model: bert-base-uncased\n---\n# M\n'), true);
  assert.equal(looksLikeModelCard('x/readme.md', '# Model\n', ['config.json', 'tokenizer.json']), true);
  assert.equal(looksLikeModelCard('x/README.md', '# Model\n', ['weights.safetensors']), true);
  assert.equal(looksLikeModelCard('x/README.md', '# Model\n', ['package.json', 'src']), false);
  assert.equal(looksLikeModelCard('x/NOTES.md', '---\nbase_model: x\n---\n'), false);
});

test('inspection: fields with their values and whether a person is needed, placeholders, missing sections', () => {
  const r = inspectCard(fixtureText('hf-template-card.md'));
  const field = (id: string) => r.fields.find((f) => f.id === id)!;
  assert.equal(field('license').value, 'apache-2.0');
  assert.equal(field('license').needsHuman, false);
  assert.equal(field('language').value, 'en, fr');
  assert.equal(field('primary-uses').value, 'Sorting reviews   \nby sentiment.');
  assert.equal(field('out-of-scope').needsHuman, true, 'holds the placeholder');
  assert.equal(field('limitations').needsHuman, true, 'absent');
  assert.equal(field('contact').value, 'reviews@example.org', 'HF "Model Card Contact" heading');
  assert.equal(r.placeholders, 1);
  assert.equal(r.title, 'Model Card for review-sentiment');
  assert.deepEqual(r.missingSections, ['how-to-use']);
  assert.ok(r.findings.some((f) => f.ruleId === 'card-missing-section'));
});
