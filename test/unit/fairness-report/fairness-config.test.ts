import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { upsertFairnessReportSpec } from '../../../src/core/config/edit-config';
import { ConfigError, parseConfig } from '../../../src/core/config/load-config';
import { needsPositiveLabel, proposePredictionMapping, type ColumnFacts } from '../../../src/core/config/prediction-columns';

const col = (name: string, values: string[], extra: Partial<ColumnFacts> = {}): ColumnFacts => {
  const numeric = values.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  return { name, numeric, distinct: values.length, values: values.map((value) => ({ value, count: 1 })), ...extra };
};

test('the mapping is proposed by name where the content fits the role', () => {
  // The sample predictions file and the COMPAS prediction table's columns.
  const loan = [col('id', ['0', '1', '2', '3'], { distinct: 1500 }), col('sex', ['female', 'male']), col('race', ['A', 'B', 'C']), col('y_true', ['0', '1']), col('score', ['0.1', '0.5', '0.9'], { distinct: 750 }), col('y_pred', ['0', '1'])];
  assert.deepEqual(proposePredictionMapping(loan), { y_true: 'y_true', y_pred: 'y_pred', score: 'score', sensitive: ['sex', 'race'] });
  const compas = [
    col('id', ['1'], { distinct: 6172 }),
    col('two_year_recid', ['0', '1']),
    col('decile_score', ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']),
    col('score_text', ['Low', 'Medium', 'High']),
    col('race', ['African-American', 'Caucasian']),
    col('sex', ['Male', 'Female']),
    col('age', ['24', '30'], { distinct: 59 }),
    col('age_cat', ['25 - 45', 'Less than 25', 'Greater than 45']),
  ];
  // No y_pred column: the user picks "score ≥ threshold"; age (59 values) is left to the user, age_cat proposed.
  assert.deepEqual(proposePredictionMapping(compas), { y_true: 'two_year_recid', score: 'decile_score', sensitive: ['race', 'sex', 'age_cat'] });
  // A column named like a label but holding free text (thousands of values) is not proposed.
  assert.equal(proposePredictionMapping([col('label', ['a'], { distinct: 5000 })]).y_true, undefined);
  // A "score" that is not numeric is not a score.
  assert.equal(proposePredictionMapping([col('y', ['0', '1']), col('score', ['low', 'mid', 'high'])]).score, undefined);
});

test('the positive label is asked for only when labels are not 0/1 or true/false', () => {
  const v = (...values: string[]) => values.map((value) => ({ value }));
  assert.equal(needsPositiveLabel(v('0', '1')), false);
  assert.equal(needsPositiveLabel(v('1.0', '0.0')), false);
  assert.equal(needsPositiveLabel(v('True', 'False')), false);
  assert.equal(needsPositiveLabel(v('1')), false);
  assert.equal(needsPositiveLabel(v('>50K', '<=50K')), true);
  assert.equal(needsPositiveLabel(v('yes', 'no')), true);
  assert.equal(needsPositiveLabel(v('0', '1', '2')), true);
});

test('a fairness entry is added, then replaced for the same file, with comments kept and the schema satisfied', () => {
  const original = '{\n  // team settings\n  "failOn": "warning"\n}\n';
  const entry = { file: 'predictions/loan.csv', y_true: 'y_true', y_pred: 'y_pred', score: 'score', sensitive: ['sex', 'race'], thresholds: { dp_ratio_min: 0.8, dp_difference_max: 0.1, eo_difference_max: 0.1, eopp_difference_max: 0.1 } };
  const once = upsertFairnessReportSpec(original, entry);
  assert.ok(once.includes('// team settings'));
  assert.deepEqual(parseConfig(once, 'c.json').fairness, { reports: [entry] });
  const other = upsertFairnessReportSpec(once, { file: 'b.parquet', y_true: 'label', score: 'p', threshold: 0.3, sensitive: ['gender'], positive_label: 'approved' });
  const replaced = upsertFairnessReportSpec(other, { ...entry, sensitive: ['sex'] });
  const reports = parse(replaced).fairness.reports;
  assert.equal(reports.length, 2);
  assert.deepEqual(reports[0].sensitive, ['sex']);
  assert.equal(reports[1].positive_label, 'approved');
  assert.deepEqual(parseConfig(replaced, 'c.json').fairness?.reports?.[1]?.threshold, 0.3);
  // An existing "fairness" object without reports gets them; an empty file gets the whole section.
  assert.deepEqual(parse(upsertFairnessReportSpec('{ "fairness": {} }', entry)).fairness.reports, [entry]);
  assert.deepEqual(parse(upsertFairnessReportSpec('', entry)).fairness.reports, [entry]);
});

test('the schema rejects a fairness entry without y_true or with an unknown limit', () => {
  assert.throws(() => parseConfig('{ "fairness": { "reports": [ { "file": "a.csv", "sensitive": ["sex"] } ] } }', 'c.json'), ConfigError);
  assert.throws(
    () => parseConfig('{ "fairness": { "reports": [ { "file": "a.csv", "y_true": "y", "sensitive": ["sex"], "thresholds": { "dp_ratio": 0.8 } } ] } }', 'c.json'),
    (e: unknown) => e instanceof ConfigError && /dp_ratio/.test(e.message),
  );
});
