/**
 * Writes the input CSVs of the fairness golden tests (test/fixtures/fairness/) from a fixed seed,
 * with the cases that stress the conventions: weights, blank (missing) groups, tied scores
 * (COMPAS-like deciles), tiny and one-class groups, three attributes with combinations that
 * never occur, multiclass labels. scripts/fairness-golden.py then computes the expected values
 * with pandas + scikit-learn into *.expected.json. A unit test checks the CSVs equal this output.
 *   npx tsx scripts/generate-fairness-fixtures.ts && /usr/bin/python3 scripts/fairness-golden.py
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createSeededRandom, type SeededRandom } from '../src/core/profile/seeded-random';

export const FIXTURE_DIR = resolve(__dirname, '..', 'test', 'fixtures', 'fairness');

/** One golden case: the CSV and how to read it. */
export interface GoldenCase {
  name: string;
  file: string;
  y_true: string;
  y_pred?: string;
  score?: string;
  threshold?: number;
  weight?: string;
  sensitive: string[];
  intersect: boolean;
  /** Bootstrap resamples for the interval check (0: none). */
  n_boot: number;
}

function pick<T>(rng: SeededRandom, options: Array<[T, number]>): T {
  let u = rng.next();
  for (const [v, p] of options) if ((u -= p) < 0) return v;
  return options[options.length - 1]![0];
}

const round6 = (x: number): string => (Math.round(x * 1e6) / 1e6).toString();

function weightedCsv(rng: SeededRandom): string {
  const lines = ['id,y_true,y_pred,score,weight,race,sex'];
  for (let i = 0; i < 600; i++) {
    const race = pick(rng, [['White', 0.5], ['Black', 0.25], ['Asian', 0.1], ['', 0.08], ['Pacific Islander', 0.07]]);
    const sex = pick(rng, [['F', 0.48], ['M', 0.5], ['', 0.02]]);
    const y = rng.next() < (race === 'Black' ? 0.45 : 0.35) ? 1 : 0;
    const score = Math.min(1, Math.max(0, 0.25 + 0.35 * y + 0.4 * (rng.next() - 0.5) + (race === 'Asian' ? 0.05 : 0)));
    const pred = score >= 0.5 ? 1 : 0;
    // Weights vary by group (as survey weights do) and are never 0.
    const weight = (0.5 + rng.next() * 2 + (sex === 'F' ? 0.3 : 0)).toFixed(3);
    lines.push(`${i},${y},${pred},${round6(score)},${weight},${race},${sex}`);
  }
  return `${lines.join('\n')}\n`;
}

function tiesCsv(rng: SeededRandom): string {
  const lines = ['id,y_true,decile,race,age_cat'];
  for (let i = 0; i < 500; i++) {
    const race = pick(rng, [['African-American', 0.5], ['Caucasian', 0.35], ['Hispanic', 0.1], ['Asian', 0.05]]);
    const age = pick(rng, [['Less than 25', 0.2], ['25 - 45', 0.55], ['Greater than 45', 0.25]]);
    let y = rng.next() < 0.45 ? 1 : 0;
    // Every Asian person re-offends here: a group with one class (AUC undefined, TNR 0 by convention).
    if (race === 'Asian') y = 1;
    const decile = Math.max(1, Math.min(10, Math.round(3 + 3 * y + 5 * (rng.next() - 0.5) + (race === 'African-American' ? 1 : 0))));
    lines.push(`${i},${y},${decile},${race},${age}`);
  }
  // Two people in a group of their own, one of each class, with the same score (a tie across classes).
  lines.push('500,1,7,Native American,25 - 45', '501,0,7,Native American,25 - 45');
  return `${lines.join('\n')}\n`;
}

function intersectionsCsv(rng: SeededRandom): string {
  const lines = ['id,label,prediction,prob,race,sex,age_group'];
  for (let i = 0; i < 800; i++) {
    const race = pick(rng, [['A', 0.45], ['B', 0.3], ['C', 0.2], ['D', 0.05]]);
    const sex = pick(rng, [['female', 0.5], ['male', 0.5]]);
    // Group D has no one over 60, and "60+" females in C are absent: combinations that never occur.
    let age = pick(rng, [['<30', 0.35], ['30-60', 0.45], ['60+', 0.2]]);
    if (age === '60+' && (race === 'D' || (race === 'C' && sex === 'female'))) age = '30-60';
    const y = rng.next() < (age === '60+' ? 0.2 : 0.4) ? 1 : 0;
    const prob = Math.min(0.99, Math.max(0.01, 0.3 + 0.3 * y + 0.5 * (rng.next() - 0.5)));
    // Predictions from a noisy rule rather than the score: the score is only for ROC AUC here.
    const prediction = rng.next() < 0.85 ? (prob >= 0.45 ? 1 : 0) : 1 - (prob >= 0.45 ? 1 : 0);
    // Blank age on a few rows: "(missing)" crossed with the other attributes.
    lines.push(`${i},${y},${prediction},${prob.toFixed(2)},${race},${sex},${rng.next() < 0.03 ? '' : age}`);
  }
  return `${lines.join('\n')}\n`;
}

function multiclassCsv(rng: SeededRandom): string {
  const lines = ['id,true_class,predicted_class,group'];
  const classes = ['cat', 'dog', 'bird'];
  for (let i = 0; i < 300; i++) {
    const group = pick(rng, [['g1', 0.6], ['g2', 0.35], ['g3', 0.05]]);
    const t = classes[Math.floor(rng.next() * 3)]!;
    const p = rng.next() < (group === 'g2' ? 0.55 : 0.75) ? t : classes[Math.floor(rng.next() * 3)]!;
    lines.push(`${i},${t},${p},${group}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The golden cases and their CSV contents, from the fixed seed. */
export function fairnessFixtures(seed = 20251122): { cases: GoldenCase[]; files: Record<string, string> } {
  const rng = createSeededRandom(seed);
  const files: Record<string, string> = {
    'weighted.csv': weightedCsv(rng),
    'ties.csv': tiesCsv(rng),
    'intersections.csv': intersectionsCsv(rng),
    'multiclass.csv': multiclassCsv(rng),
  };
  const cases: GoldenCase[] = [
    { name: 'weighted', file: 'weighted.csv', y_true: 'y_true', y_pred: 'y_pred', score: 'score', weight: 'weight', sensitive: ['race', 'sex'], intersect: true, n_boot: 0 },
    { name: 'weighted-threshold', file: 'weighted.csv', y_true: 'y_true', score: 'score', threshold: 0.6, weight: 'weight', sensitive: ['race'], intersect: false, n_boot: 0 },
    { name: 'ties', file: 'ties.csv', y_true: 'y_true', score: 'decile', threshold: 5, sensitive: ['race', 'age_cat'], intersect: true, n_boot: 0 },
    { name: 'intersections', file: 'intersections.csv', y_true: 'label', y_pred: 'prediction', score: 'prob', sensitive: ['race', 'sex', 'age_group'], intersect: true, n_boot: 2000 },
    { name: 'multiclass', file: 'multiclass.csv', y_true: 'true_class', y_pred: 'predicted_class', sensitive: ['group'], intersect: false, n_boot: 0 },
  ];
  return { cases, files };
}

if (require.main === module) {
  const { cases, files } = fairnessFixtures();
  mkdirSync(FIXTURE_DIR, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(FIXTURE_DIR, name), text);
  writeFileSync(join(FIXTURE_DIR, 'cases.json'), `${JSON.stringify(cases, null, 2)}\n`);
  process.stdout.write(`wrote ${Object.keys(files).length} CSVs and cases.json to ${FIXTURE_DIR}\n`);
}
