import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/lint/finding';
import { lintModelCard } from '../../../src/core/model-card/lint-card';
import { isSpdxLicense } from '../../../src/core/model-card/spdx';
import { fixtureText, locate } from './card-test-helpers';

const broken = () => fixtureText('broken.modelcard.md');

function at(findings: Finding[], ruleId: string): Array<{ line: number; column: number; message: string }> {
  return findings.filter((f) => f.ruleId === ruleId).map((f) => ({ line: f.line, column: f.column, message: f.message }));
}

test('the broken card: each defect is found at its exact place', () => {
  const text = broken();
  const findings = lintModelCard(text);

  const license = at(findings, 'card-unknown-license');
  assert.equal(license.length, 1);
  assert.deepEqual({ line: license[0]!.line, column: license[0]!.column }, locate(text, 'Apache 2'));
  assert.match(license[0]!.message, /'apache-2\.0'/);

  const schema = at(findings, 'card-model-index-schema');
  assert.equal(schema.length, 2);
  assert.deepEqual({ line: schema[0]!.line, column: schema[0]!.column }, locate(text, 'name: Loans'), 'missing dataset.type: on the dataset');
  assert.match(schema[0]!.message, /'type' is required/);
  assert.deepEqual({ line: schema[1]!.line, column: schema[1]!.column }, locate(text, 'spilt'), 'unknown key: on the key');

  const fairness = at(findings, 'card-fairness-undiscussed');
  assert.equal(fairness.length, 1);
  assert.deepEqual({ line: fairness[0]!.line, column: fairness[0]!.column }, locate(text, '0.31'));

  const aggregate = at(findings, 'card-aggregate-only');
  assert.equal(aggregate.length, 1, 'only the model whose metrics are all aggregate');
  assert.deepEqual({ line: aggregate[0]!.line, column: aggregate[0]!.column }, locate(text, 'broken-model-small'));

  const missing = findings.filter((f) => f.ruleId === 'card-missing-section');
  assert.deepEqual(missing.map((f) => f.field), ['factors', 'environmental-impact']);
  assert.ok(missing.every((f) => f.line === locate(text, '# Model Card for broken-model').line));

  const placeholders = at(findings, 'card-placeholder');
  assert.deepEqual(
    placeholders.map((p) => ({ line: p.line, column: p.column })),
    [locate(text, 'TODO'), locate(text, '[More Information Needed]')],
  );
  assert.equal(findings.find((f) => f.ruleId === 'card-placeholder' && f.line === locate(text, 'TODO').line)!.endColumn, locate(text, 'TODO').column + 4);

  assert.equal(at(findings, 'card-invalid-yaml').length, 0);
});

test('invalid YAML is reported at the line the parser names, and blocks the metadata checks', () => {
  const text = broken().replace('language: en', 'language: [en');
  const findings = lintModelCard(text);
  const yaml = findings.filter((f) => f.ruleId === 'card-invalid-yaml');
  assert.ok(yaml.length >= 1);
  assert.equal(yaml[0]!.severity, 'error');
  assert.ok(yaml[0]!.line >= 3 && yaml[0]!.line <= 4, `line ${yaml[0]!.line}`);
  assert.deepEqual(at(findings, 'card-unknown-license'), [], 'no metadata checks on unreadable metadata');

  const tab = broken().replace('license: Apache 2', 'license:\tmit\n\tbad: [1');
  assert.ok(lintModelCard(tab).some((f) => f.ruleId === 'card-invalid-yaml'));
  const unclosed = '---\nlicense: mit\n\n# Model Card\n';
  assert.deepEqual(at(lintModelCard(unclosed), 'card-invalid-yaml').map((f) => [f.line, f.column]), [[1, 1]]);
  const list = '---\n- a\n- b\n---\n# Card\n';
  assert.match(at(lintModelCard(list), 'card-invalid-yaml')[0]!.message, /mapping/);
});

test('a gap counts as discussed by a paragraph naming the metric family and the attribute, without placeholder', () => {
  const base = broken();
  const discuss = (p: string) =>
    lintModelCard(base.replace('The model was reviewed by the risk team.', p)).filter((f) => f.ruleId === 'card-fairness-undiscussed').length;
  assert.equal(discuss('Demographic parity between sex groups differs by 0.31: women are approved less often; we recalibrate per group.'), 0);
  assert.equal(discuss('- demographic_parity gap for `sex` comes from historical approvals.'), 0);
  assert.equal(discuss('Demographic parity differs by 0.31.'), 1, 'the attribute is not named');
  assert.equal(discuss('The sex groups are approved at different rates.'), 1, 'the metric is not named');
  assert.equal(discuss('Demographic parity for sex: [More Information Needed]'), 1, 'placeholder text does not count');
  assert.equal(discuss('Sexton reviewed demographic parity.'), 1, 'the attribute must be a whole word');
  assert.equal(lintModelCard(base, { thresholds: { demographic_parity_difference: 0.4 } }).filter((f) => f.ruleId === 'card-fairness-undiscussed').length, 0);
});

test('placeholder words inside code are not placeholders; [More Information Needed] always is', () => {
  const text = '# Card\n\n```python\n# TODO: tune\nx = "{{slot}}"\n```\n\nUse `TODO` as a marker. TBD.\n\n```\n[More Information Needed]\n```\n';
  const found = lintModelCard(text).filter((f) => f.ruleId === 'card-placeholder');
  assert.deepEqual(found.map((f) => [f.line, f.column]), [[8, 25], [11, 1]]);
});

test('licenses: SPDX ids without case, simple expressions, other with a name', () => {
  for (const ok of ['mit', 'MIT', 'apache-2.0', 'Apache-2.0', 'cc-by-4.0', 'MIT OR Apache-2.0', 'GPL-2.0-or-later', 'GPL-2.0-only WITH Classpath-exception-2.0']) assert.equal(isSpdxLicense(ok), true, ok);
  for (const bad of ['Apache 2', 'apache2', 'openrail', 'proprietary', '', 'MIT OR nope']) assert.equal(isSpdxLicense(bad), false, bad);
  const card = (fm: string) => lintModelCard(`---\n${fm}\n---\n# Card\n`).filter((f) => f.ruleId === 'card-unknown-license').length;
  assert.equal(card('license: other\nlicense_name: my-license'), 0);
  assert.equal(card('license: other'), 1);
  assert.equal(card('license: "[More Information Needed]"'), 0, 'a placeholder license is a placeholder finding only');
});

test('rule severities from the config apply, and off drops a rule', () => {
  const findings = lintModelCard(broken(), { rules: { 'card-placeholder': 'off', 'card-missing-section': 'error' } });
  assert.equal(findings.filter((f) => f.ruleId === 'card-placeholder').length, 0);
  assert.ok(findings.filter((f) => f.ruleId === 'card-missing-section').every((f) => f.severity === 'error'));
});

test('HF template headings count as the Mitchell sections', () => {
  const findings = lintModelCard(fixtureText('hf-template-card.md'));
  assert.deepEqual(findings.filter((f) => f.ruleId === 'card-missing-section').map((f) => f.field), ['how-to-use']);
  assert.deepEqual(findings.filter((f) => f.ruleId === 'card-aggregate-only'), [], 'a metric with config reviewer_gender=female is disaggregated');
});
