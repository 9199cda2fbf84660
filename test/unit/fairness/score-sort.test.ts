import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { scoreOrder, sortByScore } from '../../../src/core/fairness/score-sort';
import { createSeededRandom } from '../../../src/core/profile/seeded-random';

describe('score sort (radix)', () => {
  it('orders any finite doubles like a comparison sort, stable on ties', () => {
    const rng = createSeededRandom(99);
    const specials = [0, -0, 1, -1, 0.5, 1e-300, -1e-300, 5e-324, -5e-324, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity];
    const scores = new Float64Array(5000);
    for (let i = 0; i < scores.length; i++) {
      const u = rng.next();
      scores[i] = u < 0.2 ? specials[rng.nextUint32() % specials.length]! : u < 0.5 ? Math.round(rng.next() * 10) : (rng.next() - 0.5) * 10 ** ((rng.nextUint32() % 40) - 20);
    }
    const expected = Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]! || a - b);
    const order = Array.from(scoreOrder(scores));
    // −0 and 0 compare equal, so only values (and stability among exact bit-equal keys) are checked.
    const value = (r: number): number => scores[r]! + 0; // −0 + 0 is 0
    assert.deepEqual(order.map(value), expected.map(value));
    for (let i = 1; i < order.length; i++) {
      if (Object.is(scores[order[i]!], scores[order[i - 1]!])) assert.ok(order[i]! > order[i - 1]!, 'ties keep row order');
    }
  });

  it('orders scores that differ only in their low 32 bits (long and short runs of equal high bits)', () => {
    const rng = createSeededRandom(7);
    const scores = new Float64Array(4000);
    for (let i = 0; i < scores.length; i++) {
      const u = rng.next();
      // One long run just above 0.5 (below 0.5 + 2^-21 every double shares the high word), short runs elsewhere, ties.
      scores[i] = u < 0.6 ? 0.5 + rng.nextUint32() * 2 ** -53 : u < 0.9 ? -0.25 - (rng.nextUint32() % 5) * 2 ** -54 : u < 0.905 ? 1 + (rng.nextUint32() % 10) * 2 ** -52 : Math.round(rng.next() * 100) / 100;
    }
    const expected = Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]! || a - b);
    assert.deepEqual(Array.from(scoreOrder(scores)), expected);
  });

  it('copies scores, labels and weights into score order', () => {
    const scores = new Float64Array([0.3, -2, 0.3, 7, 0.1]);
    const s = sortByScore(scores, new Uint8Array([1, 0, 0, 1, 1]), new Float64Array([1, 2, 3, 4, 5]));
    assert.deepEqual([...s.order], [1, 4, 0, 2, 3]);
    assert.deepEqual([...s.scores], [-2, 0.1, 0.3, 0.3, 7]);
    assert.deepEqual([...s.yTrue], [0, 1, 1, 0, 1]);
    assert.deepEqual([...s.weights!], [2, 5, 1, 3, 4]);
  });
});
