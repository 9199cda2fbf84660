import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { upsertDatasetSpec } from '../../../src/core/config/edit-config';
import { parseConfig } from '../../../src/core/config/load-config';
import { guessLabelColumn, proposeSensitiveColumns } from '../../../src/core/config/sensitive-columns';

test('sensitive columns are proposed by name, with the attribute they name', () => {
  const columns = ['id', 'name', 'sex', 'age', 'age_cat', 'race', 'juv_fel_count', 'Ethnicity', 'maritalStatus', 'page_views', 'user.gender', 'storage', 'c_charge_desc'];
  assert.deepEqual(
    proposeSensitiveColumns(columns).map((p) => [p.column, p.reason]),
    [['sex', 'sex'], ['age', 'age'], ['age_cat', 'age'], ['race', 'race'], ['Ethnicity', 'ethnicity'], ['maritalStatus', 'marital status'], ['user.gender', 'gender']],
  );
  assert.equal(guessLabelColumn(['id', 'text', 'label']), 'label');
  assert.equal(guessLabelColumn(['id', 'two_year_recid']), 'two_year_recid');
  assert.equal(guessLabelColumn(['a', 'b']), undefined);
});

test('upserting a dataset entry keeps comments and replaces an entry for the same files', () => {
  const original = '{\n  // our team settings\n  "failOn": "warning"\n}\n';
  const once = upsertDatasetSpec(original, { files: 'data/train.csv', labelField: 'y', sensitive: ['sex'] });
  assert.ok(once.includes('// our team settings'));
  assert.deepEqual(parseConfig(once, 'c.json').datasets, [{ files: 'data/train.csv', labelField: 'y', sensitive: ['sex'] }]);
  const twice = upsertDatasetSpec(once, { files: 'data/train.csv', sensitive: ['sex', { column: 'age', bins: [30, 60] }] });
  const other = upsertDatasetSpec(twice, { files: 'data/test.csv', sensitive: ['race'] });
  const datasets = parse(other).datasets;
  assert.equal(datasets.length, 2);
  assert.deepEqual(datasets[0].sensitive, ['sex', { column: 'age', bins: [30, 60] }]);
  assert.equal(datasets[1].files, 'data/test.csv');
  assert.equal(parse(other).failOn, 'warning');
  assert.deepEqual(parse(upsertDatasetSpec('', { files: 'x.jsonl' })).datasets, [{ files: 'x.jsonl' }]);
});
