import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { parse } from 'yaml';
import schema from '../../../schemas/hf-model-index.schema.json';
import type { FairnessReport } from '../../../src/core/fairness/fairness-types';
import { generateCard } from '../../../src/core/model-card/generate-card';
import { renderCard } from '../../../src/core/model-card/render-card';
import { lintModelCard } from '../../../src/core/model-card/lint-card';
import type { ModelIndexEntry } from '../../../src/core/model-card/card-types';
import { fixtureJson, frontMatterText, fullInputs, pyYaml } from './card-test-helpers';

const SECTION_TITLES = [
  'Model Details',
  'Intended Use',
  'Factors',
  'Metrics',
  'Evaluation Data',
  'Training Data',
  'Quantitative Analyses',
  'Ethical Considerations',
  'Caveats and Recommendations',
  'Environmental Impact',
  'How to Use',
];

const round4 = (x: number) => Math.round(x * 10000) / 10000;

function generated(): { text: string; meta: Record<string, unknown>; index: ModelIndexEntry[] } {
  const text = renderCard(generateCard(fullInputs()));
  const meta = parse(frontMatterText(text)) as Record<string, unknown>;
  return { text, meta, index: meta['model-index'] as ModelIndexEntry[] };
}

test('a generated card parses with a YAML library, and PyYAML reads the same metadata', () => {
  const { text, meta } = generated();
  assert.equal(meta.base_model, 'distilbert-base-uncased');
  assert.equal(meta.pipeline_tag, 'text-classification');
  assert.equal(meta.library_name, 'transformers');
  assert.deepEqual(meta.datasets, ['train', 'test', 'loan-predictions']);
  for (const key of ['language', 'license', 'library_name', 'tags', 'datasets', 'base_model', 'pipeline_tag', 'metrics', 'model-index']) assert.ok(key in meta, key);
  const other = pyYaml(frontMatterText(text));
  if (other !== undefined) assert.deepEqual(other, meta);
});

test('its model-index validates against the HF model-index schema; every result names its dataset and split', () => {
  const { index } = generated();
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  assert.equal(validate(index), true, JSON.stringify(validate.errors));
  assert.equal(index.length, 1);
  assert.equal(index[0]!.name, 'ticket-classifier');
  for (const r of index[0]!.results) {
    assert.ok(r.dataset.name && r.dataset.type, 'dataset named');
    assert.ok(r.dataset.split, 'split named');
    assert.equal(r.task.type, 'text-classification');
  }
});

test('model-index holds the run metrics, the overall metrics, every group and every fairness metric', () => {
  const { index } = generated();
  const results = index[0]!.results;
  const report = fixtureJson<FairnessReport>('fairness-report.json');

  // The run's validation metrics: eval_ prefix dropped, runtime and epoch left out.
  const validation = results.find((r) => r.dataset.split === 'validation')!;
  assert.deepEqual(
    validation.metrics.map((m) => [m.type, m.value]),
    [['accuracy', 0.9123], ['f1', 0.9011], ['loss', 0.2671]],
  );
  assert.equal(validation.dataset.revision, '0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0');

  const onTest = results.filter((r) => r.dataset.type === 'predictions/loan-predictions.csv');
  assert.ok(onTest.every((r) => r.dataset.split === 'test'));
  const overall = onTest[0]!;
  assert.ok(overall.metrics.every((m) => m.config === undefined));
  assert.equal(overall.metrics.find((m) => m.type === 'accuracy')!.value, round4(report.analyses.sex!.overall.accuracy!));
  assert.equal(overall.metrics.find((m) => m.type === 'precision')!.value, round4(report.analyses.sex!.overall.precision!));

  const all = onTest.flatMap((r) => r.metrics);
  for (const [key, analysis] of Object.entries(report.analyses)) {
    for (const row of analysis.by_group) {
      const slice = analysis.sensitive_features.map((f) => `${f}=${row.group[f]}`).join(',');
      for (const m of ['accuracy', 'selection_rate', 'true_positive_rate', 'false_positive_rate'] as const) {
        const found = all.find((x) => x.type === m && x.config === slice);
        assert.ok(found, `${m} for ${slice}`);
        assert.equal(found.value, round4(row[m]!));
      }
    }
    for (const [metric, value] of Object.entries(analysis.fairness_metrics.between_groups)) {
      const found = all.find((x) => x.type === metric && x.config === key);
      assert.ok(found, `${metric} for ${key}`);
      assert.equal(found.value, round4(value!));
    }
  }
});

test('the body has the Mitchell/HF sections in order, prefilled from every input', () => {
  const { text } = generated();
  const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, SECTION_TITLES);
  const profile = fullInputs().profile!;
  const female = profile.attributes.gender!.groups.find((g) => g.value === 'female')!;
  const shortfall = Math.round(female.expected_count! - female.count);
  assert.match(text, new RegExp(`\\| female \\| ${female.count} \\| [\\d.]+% \\| 50\\.0% \\| under-represented \\(${shortfall} rows short\\) \\|`));
  assert.match(text, /found 3 values that look like personal data or secrets \(EMAIL 2, PHONE 1\)/);
  assert.doesNotMatch(text, /\*\*\*@/, 'no masked PII values copied into the card');
  assert.match(text, /> The two leaked records are template sentences without personal data\.\n> Removing them changes nothing measurable\./);
  assert.match(text, /- \*\*Hardware type:\*\* NVIDIA H100 80GB HBM3 \(cuda\)/);
  assert.match(text, /\| `learning_rate` \| 0\.00005 \|/);
  assert.match(text, /\| female × C \(small\) \| 28 \|/);
  assert.match(text, /pipeline\("text-classification", model="models\/ticket-classifier"\)/);
});

test('fields that need a person hold the HF placeholder and are counted by the lint', () => {
  const { text } = generated();
  const placeholders = text.split('[More Information Needed]').length - 1;
  // language + license, 8 human sub-headings, and one line per attribute with a fairness gap (sex, sex×race).
  assert.equal(placeholders, 2 + 8 + 2);
  const findings = lintModelCard(text);
  const byRule = (id: string) => findings.filter((f) => f.ruleId === id);
  assert.equal(byRule('card-placeholder').length, placeholders);
  for (const id of ['card-invalid-yaml', 'card-model-index-schema', 'card-missing-section', 'card-aggregate-only', 'card-unknown-license']) {
    assert.deepEqual(byRule(id), [], id);
  }
  // 8 fairness metrics beyond threshold for sex and 8 for sex×race; race is within every threshold.
  assert.equal(byRule('card-fairness-undiscussed').length, 16);
});

test('a card generated from nothing still has every section, valid YAML and no model-index', () => {
  const text = renderCard(generateCard({}));
  const meta = parse(frontMatterText(text)) as Record<string, unknown>;
  assert.equal(meta['model-index'], undefined);
  assert.deepEqual([...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]), SECTION_TITLES);
  const rules = new Set(lintModelCard(text).map((f) => f.ruleId));
  assert.deepEqual([...rules], ['card-placeholder']);
});

test('generation is deterministic and respects configured thresholds and given license/language', () => {
  assert.equal(renderCard(generateCard(fullInputs())), renderCard(generateCard(fullInputs())));
  const lenient = renderCard(generateCard({ ...fullInputs(), thresholds: { demographic_parity_difference: 0.5 }, license: 'mit', language: ['en'] }));
  const meta = parse(frontMatterText(lenient)) as Record<string, unknown>;
  assert.equal(meta.license, 'mit');
  assert.deepEqual(meta.language, ['en']);
  assert.match(lenient, /\| `sex` \| Demographic parity difference \| 0\.215 \| within \|/);
  assert.equal(lintModelCard(lenient, { thresholds: { demographic_parity_difference: 0.5 } }).filter((f) => f.ruleId === 'card-fairness-undiscussed').length, 14);
});
