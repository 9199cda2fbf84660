import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { decideLabels, LabelError, type LabelCount } from '../../../src/core/fairness/label-mapping';

const counts = (spec: Record<string, [number, number]>): LabelCount[] => Object.entries(spec).map(([value, [yTrue, yPred]]) => ({ value: value === 'NULL' ? null : value, yTrue, yPred }));
const codes = (d: ReturnType<typeof decideLabels>) => Object.fromEntries([...d.codeOf].sort());

describe('decideLabels', () => {
  it('reads 0/1 (any spelling of the numbers), −1/1 and true/false as binary with 1/true positive', () => {
    const d = decideLabels(counts({ '0': [5, 4], '1': [3, 4], '1.0': [1, 0], NULL: [1, 0] }), undefined);
    assert.equal(d.binary, true);
    assert.deepEqual(d.classes, ['0', '1']);
    assert.deepEqual(codes(d), { '0': 0, '1': 1, '1.0': 1 });
    assert.deepEqual(d.warnings, []);
    assert.deepEqual(codes(decideLabels(counts({ '-1': [2, 2], '1': [2, 2] }), undefined)), { '-1': 0, '1': 1 });
    const b = decideLabels(counts({ True: [2, 2], false: [2, 2] }), undefined);
    assert.deepEqual(b.classes, ['false', 'True']);
    assert.deepEqual(codes(b), { True: 1, false: 0 });
  });

  it('drops the minority kind (text among numbers) as unreadable, with a warning', () => {
    const d = decideLabels(counts({ '0': [50, 50], '1': [50, 50], abc: [1, 0], 'N/A': [2, 0] }), undefined);
    assert.equal(d.binary, true);
    assert.equal(d.codeOf.has('abc'), false);
    assert.equal(d.codeOf.has('N/A'), false); // a missing marker, not even counted as text
    assert.match(d.warnings.join(), /the value "abc" \(1\) cannot be read/);
  });

  it('a positive label makes every other value negative, and must occur', () => {
    const d = decideLabels(counts({ '>50K': [10, 8], '<=50K': [30, 32] }), '>50K');
    assert.deepEqual(d.classes, ['<=50K', '>50K']);
    assert.deepEqual(codes(d), { '<=50K': 0, '>50K': 1 });
    const multi = decideLabels(counts({ cat: [1, 1], dog: [1, 1], bird: [1, 1] }), 'dog');
    assert.deepEqual(multi.classes, ['not dog', 'dog']);
    assert.throws(() => decideLabels(counts({ a: [1, 1], b: [1, 1] }), 'c'), (e: Error) => e instanceof LabelError && /positive label "c" never occurs/.test(e.message));
    assert.equal(decideLabels(counts({ '0': [1, 1], '1.0': [1, 1] }), '1').positive, '1.0');
  });

  it('two other values: binary with a warning naming the value taken as positive', () => {
    const words = decideLabels(counts({ yes: [10, 10], no: [30, 30] }), undefined);
    assert.equal(words.positive, 'yes');
    assert.match(words.warnings[0]!, /taking "yes" as positive/);
    // No positive word: the rarer value in y_true.
    assert.equal(decideLabels(counts({ '<=50K': [30, 10], '>50K': [10, 30] }), undefined).positive, '>50K');
  });

  it('three or more values are classes; too many is an error that suggests --score', () => {
    const d = decideLabels(counts({ cat: [1, 1], dog: [1, 1], bird: [1, 1] }), undefined);
    assert.equal(d.binary, false);
    assert.deepEqual(d.classes, ['bird', 'cat', 'dog']);
    const n = decideLabels(counts({ '2': [1, 1], '0': [1, 1], '10': [1, 1] }), undefined);
    assert.deepEqual(n.classes, ['0', '2', '10']);
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`${i + 1}.5`, [1, 1] as [number, number]]));
    assert.throws(() => decideLabels(counts(many), undefined), /30 distinct values.*--score/);
  });
});
