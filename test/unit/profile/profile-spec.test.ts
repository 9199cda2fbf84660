import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { binIndex, binLabels, checkBinEdges } from '../../../src/core/profile/bin-labels';
import { choosePositiveLabel, matchesPositive } from '../../../src/core/profile/positive-label';
import { ProfileSpecError, resolveProfileSpec } from '../../../src/core/profile/profile-spec';
import { parseReferenceCsv, parseReferenceJson } from '../../../src/core/profile/reference-population';
import { resolveDatasetSpec } from '../../../src/core/profile/resolve-dataset-spec';

describe('bins', () => {
  it('labels integer bands inclusively and the ends open', () => {
    assert.deepEqual(binLabels([18, 30, 45, 65]), ['<18', '18–29', '30–44', '45–64', '≥65']);
    assert.deepEqual(binLabels([0.5, 1.5]), ['<0.5', '0.5–<1.5', '≥1.5']);
    assert.deepEqual(binLabels([18, 19]), ['<18', '18', '≥19']);
  });
  it('puts a value on an edge in the upper bin', () => {
    assert.equal(binIndex(17.9, [18, 30]), 0);
    assert.equal(binIndex(18, [18, 30]), 1);
    assert.equal(binIndex(30, [18, 30]), 2);
  });
  it('rejects edges that do not increase', () => {
    assert.match(checkBinEdges([30, 18])!, /increase/);
    assert.equal(checkBinEdges([1, 2]), undefined);
  });
});

describe('dataset spec resolution', () => {
  const config = {
    datasets: [
      { files: 'data/train/*.csv', labelField: 'y' },
      { files: ['*.jsonl'], labelField: 'label' },
    ],
  };
  it('finds the spec whose glob matches, relative to the config folder', () => {
    assert.equal(resolveDatasetSpec(config, '/p/data/train/a.csv', '/p')?.labelField, 'y');
    assert.equal(resolveDatasetSpec(config, '/p/data/test/a.csv', '/p'), undefined);
    // A glob without a slash matches the file name in any folder.
    assert.equal(resolveDatasetSpec(config, '/p/deep/x/b.jsonl', '/p')?.labelField, 'label');
    assert.equal(resolveDatasetSpec(undefined, '/p/a.csv', '/p'), undefined);
  });

  it('normalises attributes, lets overrides replace or extend them, and pairs them by default', () => {
    const spec = resolveProfileSpec({
      dataset: { files: '*', sensitive: ['race', { name: 'age', column: 'meta.age', bins: [18, 65] }], labelField: 'y', thresholds: { smallCell: 10 } },
      config: { bootstrap: { seed: 7 } },
      overrides: { sensitive: ['sex', { column: 'race' }], bootstrap: { resamples: 200 } },
    });
    assert.deepEqual(spec.attributes, [
      { name: 'race', column: 'race' },
      { name: 'age', column: 'meta.age', bins: [18, 65] },
      { name: 'sex', column: 'sex' },
    ]);
    assert.deepEqual(spec.intersections, [['race', 'age'], ['race', 'sex'], ['age', 'sex']]);
    assert.equal(spec.thresholds.smallCell, 10);
    assert.equal(spec.thresholds.pValue, 0.01);
    assert.deepEqual(spec.bootstrap, { resamples: 200, seed: 7, confidence: 0.95 });
  });

  it('a reference for an unlisted attribute adds it', () => {
    const spec = resolveProfileSpec({ overrides: { reference: { sex: { proportions: { f: 0.5, m: 0.5 } } } } });
    assert.deepEqual(spec.attributes, [{ name: 'sex', column: 'sex' }]);
    assert.ok(spec.reference.sex);
  });

  it('rejects an intersection naming an unknown attribute', () => {
    assert.throws(() => resolveProfileSpec({ dataset: { files: '*', sensitive: ['a'], intersections: [['a', 'b']] } }), ProfileSpecError);
  });
});

describe('reference files', () => {
  it('reads attribute → {value: share} and attribute → {source, proportions}', () => {
    const refs = parseReferenceJson('{"sex": {"f": 0.5, "m": 0.5}, "race": {"source": "Census", "proportions": {"a": 1}}}', '/tmp/ref.json');
    assert.deepEqual(refs.sex, { source: 'ref.json', proportions: { f: 0.5, m: 0.5 } });
    assert.deepEqual(refs.race, { source: 'Census', proportions: { a: 1 } });
  });
  it('names the file and the bad value', () => {
    assert.throws(() => parseReferenceJson('{"sex": {"f": "half"}}', 'ref.json'), /ref.json: sex: the proportion of 'f' must be a number/);
    assert.throws(() => parseReferenceJson('[1]', 'ref.json'), /expected an object/);
    assert.throws(() => parseReferenceJson('{', 'ref.json'), /not valid JSON/);
  });
  it('reads value,proportion CSVs (quoted values, percent columns)', () => {
    assert.deepEqual(parseReferenceCsv('value,proportion\n"Black, African American",0.124\nWhite,0.616\n', 'm.csv'), { 'Black, African American': 0.124, White: 0.616 });
    assert.deepEqual(parseReferenceCsv('value,percent\nf,50.8\n', 'm.csv'), { f: 0.508 });
    assert.throws(() => parseReferenceCsv('v,p\nf,1\n', 'm.csv'), /m.csv:1: expected a header/);
    assert.throws(() => parseReferenceCsv('value,proportion\nf,x\n', 'm.csv'), /m.csv:2: 'x' is not a number/);
  });
});

describe('positive label', () => {
  it('matches configured values leniently', () => {
    assert.ok(matchesPositive('1.0', 1));
    assert.ok(matchesPositive('True', true));
    assert.ok(matchesPositive('>50K', '>50K'));
    assert.ok(!matchesPositive('0', 1));
  });
  it('picks 1/true/yes, else the rarer of two values; none for more than two', () => {
    assert.equal(choosePositiveLabel(new Map([['0', 10], ['1', 90]])).positive, '1');
    assert.equal(choosePositiveLabel(new Map([['<=50K', 24720], ['>50K', 7841]])).positive, '>50K');
    assert.equal(choosePositiveLabel(new Map([['a', 1], ['b', 2], ['c', 3]])).positive, undefined);
    assert.match(choosePositiveLabel(new Map([['a', 1]]), 'z').warning!, /never occurs/);
  });
});
