import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { finestGroups } from '../../../src/core/fairness/group-cube';
import { encodeSensitive, type PredictionTable } from '../../../src/core/fairness/prediction-table';
import { createSeededRandom } from '../../../src/core/profile/seeded-random';

/** The finest groups the plain way: distinct value tuples, sorted attribute by attribute by value code. */
function naive(table: PredictionTable): { keys: number[][]; rowGroup: number[] } {
  const tuples = Array.from({ length: table.rows }, (_, r) => table.sensitive.map((s) => s.codes[r]!));
  const distinct = [...new Map(tuples.map((t) => [t.join(','), t])).values()].sort((x, y) => {
    for (let a = 0; a < x.length; a++) if (x[a] !== y[a]) return x[a]! - y[a]!;
    return 0;
  });
  const index = new Map(distinct.map((t, i) => [t.join(','), i]));
  return { keys: distinct, rowGroup: tuples.map((t) => index.get(t.join(','))!) };
}

function table(valueCounts: number[], rows: number, seed: number): PredictionTable {
  const rng = createSeededRandom(seed);
  const sensitive = valueCounts.map((k, a) => encodeSensitive(`a${a}`, Array.from({ length: rows }, () => (rng.next() < 0.05 ? null : `v${rng.nextUint32() % k}`))));
  return { rows, yTrue: new Uint8Array(rows), sensitive, classes: ['0', '1'], binary: true, mapping: { yTrue: 'y', sensitive: sensitive.map((s) => s.name) }, warnings: [], droppedRows: 0 };
}

describe('finestGroups', () => {
  // 7·4·5 keys: the dense table; 300³ keys (> 2^22): the Map.
  for (const [name, counts] of [['small key space', [6, 3, 4]], ['large key space', [299, 299, 299]]] as const) {
    it(`${name}: the combinations that occur, sorted by their codes, and each row's group`, () => {
      const t = table([...counts], 4000, counts[0]);
      const fine = finestGroups(t, [0, 1, 2]);
      const expected = naive(t);
      assert.equal(fine.groups, expected.keys.length);
      assert.deepEqual(Array.from(fine.keys), expected.keys.flat());
      assert.deepEqual(Array.from(fine.rowGroup), expected.rowGroup);
    });
  }

  it('follows the attribute order asked for', () => {
    const t = table([3, 5], 500, 3);
    const fine = finestGroups(t, [1, 0]);
    const swapped = { ...t, sensitive: [t.sensitive[1]!, t.sensitive[0]!] };
    const expected = naive(swapped);
    assert.deepEqual(Array.from(fine.keys), expected.keys.flat());
    assert.deepEqual(Array.from(fine.rowGroup), expected.rowGroup);
    assert.deepEqual(fine.attributes, ['a1', 'a0']);
  });
});
