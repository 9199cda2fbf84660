// Fairness numbers by plain counting over a predictions CSV, written for the tests without the
// engine: per group, how many rows were selected, and among actual positives and negatives how
// many were predicted positive. The headline metrics are then Fairlearn's definitions
// (between groups): max − min and min / max of the rates.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';

export interface CountedGroup {
  n: number;
  selected: number;
  positives: number;
  truePositives: number;
  negatives: number;
  falsePositives: number;
}

export interface CountedMetrics {
  groups: Map<string, CountedGroup>;
  demographic_parity_difference: number;
  demographic_parity_ratio: number;
  equal_opportunity_difference: number;
  equalized_odds_difference: number;
  smallest: number;
}

/** The CSV's rows as objects (the sample has no quoted fields, which the test checks). */
export function readCsv(file: string): Array<Record<string, string>> {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  assert.ok(!lines.some((l) => l.includes('"')), 'no quoted fields, so splitting at commas is exact');
  const header = lines[0]!.split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
}

/** Counts per value of `attribute` (values joined with ", " for several), predicting with y_pred or score ≥ threshold. */
export function countFairness(rows: Array<Record<string, string>>, attributes: string[], threshold?: number): CountedMetrics {
  const groups = new Map<string, CountedGroup>();
  for (const r of rows) {
    const key = attributes.map((a) => r[a]!).join(', ');
    const g = groups.get(key) ?? { n: 0, selected: 0, positives: 0, truePositives: 0, negatives: 0, falsePositives: 0 };
    const actual = r.y_true === '1';
    const predicted = threshold === undefined ? r.y_pred === '1' : Number(r.score) >= threshold;
    g.n++;
    if (predicted) g.selected++;
    if (actual) {
      g.positives++;
      if (predicted) g.truePositives++;
    } else {
      g.negatives++;
      if (predicted) g.falsePositives++;
    }
    groups.set(key, g);
  }
  const all = [...groups.values()];
  const spread = (rate: (g: CountedGroup) => number) => {
    const rates = all.map(rate);
    return { max: Math.max(...rates), min: Math.min(...rates) };
  };
  const sel = spread((g) => g.selected / g.n);
  const tpr = spread((g) => g.truePositives / g.positives);
  const fpr = spread((g) => g.falsePositives / g.negatives);
  return {
    groups,
    demographic_parity_difference: sel.max - sel.min,
    demographic_parity_ratio: sel.min / sel.max,
    equal_opportunity_difference: tpr.max - tpr.min,
    equalized_odds_difference: Math.max(tpr.max - tpr.min, fpr.max - fpr.min),
    smallest: Math.min(...all.map((g) => g.n)),
  };
}
