import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FAIRNESS_THRESHOLDS } from '../../../src/core/config/project-config';
import { computeFairnessReport, tableFromColumns } from '../../../src/core/fairness/browser';
import { fairnessCards, gradeMax, gradeMin } from '../../../src/extension/fairness/fairness-headline';
import { fairnessHtml } from '../../../src/extension/fairness/fairness-html-export';
import { fairnessMarkdown } from '../../../src/extension/fairness/fairness-markdown';
import { impliedThreshold } from '../../../src/extension/fairness/implied-threshold';
import type { FairnessContext } from '../../../src/protocol/fairness-report-protocol';

test('grades: beyond the limit fails, an interval across it warns, near it without an interval warns', () => {
  assert.equal(gradeMax(0.12, 0.1), 'fail');
  assert.equal(gradeMax(0.1, 0.1), 'warn', 'at the limit passes the test but is within 20% of it');
  assert.equal(gradeMax(0.05, 0.1), 'ok');
  assert.equal(gradeMax(0.05, 0.1, [0.01, 0.11]), 'warn');
  assert.equal(gradeMax(0.09, 0.1, [0.05, 0.099]), 'ok');
  assert.equal(gradeMin(0.7, 0.8), 'fail');
  assert.equal(gradeMin(0.83, 0.8), 'warn');
  assert.equal(gradeMin(0.9, 0.8), 'ok');
  assert.equal(gradeMin(0.9, 0.8, [0.78, 0.95]), 'warn');
});

// Ten people in two groups, counted by hand:
//   a (6 rows): y_true 1 1 1 0 0 0, y_pred 1 1 0 1 0 0 → selected 3/6, TPR 2/3, FPR 1/3
//   b (4 rows): y_true 1 1 0 0,     y_pred 1 0 0 0     → selected 1/4, TPR 1/2, FPR 0/2
const table = tableFromColumns({
  yTrue: [1, 1, 1, 0, 0, 0, 1, 1, 0, 0],
  yPred: [1, 1, 0, 1, 0, 0, 1, 0, 0, 0],
  scores: [0.9, 0.8, 0.4, 0.7, 0.2, 0.1, 0.95, 0.3, 0.25, 0.05],
  sensitive: { g: ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'] },
});
const context: FairnessContext = {
  file: 'preds.csv',
  mapping: { y_true: 'y', y_pred: 'p', score: 's', sensitive: ['g'] },
  thresholds: DEFAULT_FAIRNESS_THRESHOLDS,
  smallGroup: 5,
  generatedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
  modelCardPath: '.responsible-ml/fairness/preds.json',
};

test('the headline cards carry the Fairlearn metrics counted by hand, graded, and the smallest group', () => {
  const report = computeFairnessReport(table, { smallGroupN: 5 });
  const cards = fairnessCards(report.analyses.g!, DEFAULT_FAIRNESS_THRESHOLDS, 5);
  const value = (k: string) => cards.find((c) => c.key === k)!.value!;
  assert.ok(Math.abs(value('demographic_parity_difference') - (3 / 6 - 1 / 4)) < 1e-12);
  assert.ok(Math.abs(value('demographic_parity_ratio') - 1 / 4 / (3 / 6)) < 1e-12);
  assert.ok(Math.abs(value('equal_opportunity_difference') - (2 / 3 - 1 / 2)) < 1e-12);
  assert.ok(Math.abs(value('equalized_odds_difference') - Math.max(2 / 3 - 1 / 2, 1 / 3 - 0)) < 1e-12);
  assert.deepEqual(
    cards.map((c) => c.status),
    ['fail', 'fail', 'fail', 'fail', 'warn'],
  );
  // b (n = 4 < 5) has the lowest selection rate and the lowest TPR and FPR: the cards say it sets them.
  assert.match(cards.find((c) => c.key === 'demographic_parity_difference')!.detail, /set by small group: b \(n = 4\)$/);
  assert.match(cards.find((c) => c.key === 'equalized_odds_difference')!.detail, /set by small group: b \(n = 4\)$/);
  assert.doesNotMatch(fairnessCards(computeFairnessReport(table, { smallGroupN: 3 }).analyses.g!, DEFAULT_FAIRNESS_THRESHOLDS, 3)[0]!.detail, /small group/, 'not with a limit of 3');
  const smallest = cards.find((c) => c.key === 'smallest_group')!;
  assert.equal(smallest.value, 4);
  assert.match(smallest.detail, /^b · 1 of 2 groups have n < 5/);
});

test('y_pred that is score ≥ t on every row gives that t; otherwise none', () => {
  assert.equal(impliedThreshold(table), 0.7, 'predicted rows score 0.7 and up, the others 0.4 and below');
  assert.equal(impliedThreshold({ rows: 3, yPred: Uint8Array.from([1, 0, 1]), scores: Float64Array.from([0.6, 0.65, 0.9]) }), undefined, '0.65 is not predicted, 0.6 is');
  const yPred = Uint8Array.from([0.9, 0.8, 0.4, 0.7].map((s) => (s >= 0.7 ? 1 : 0)));
  assert.equal(impliedThreshold({ rows: 4, yPred, scores: Float64Array.from([0.9, 0.8, 0.4, 0.7]) }), 0.7);
  assert.equal(impliedThreshold({ rows: 2, yPred: Uint8Array.from([0, 0]), scores: Float64Array.from([0.1, 0.2]) }), undefined);
  assert.equal(impliedThreshold({ rows: 2, yPred: Uint8Array.from([1, 0]) }), undefined);
});

test('the Markdown and HTML exports start with the graded headline and mark small groups', () => {
  const report = computeFairnessReport(table, { bootstrap: { n_boot: 50, seed: 1 }, smallGroupN: 5 });
  const md = fairnessMarkdown(report, context);
  assert.match(md, /^# Fairness Report: preds\.csv$/m);
  assert.match(md, /^\| g \| 0\.250 \[[\d.]+, [\d.]+\] \(fail\) \| 0\.500 \[/m);
  assert.match(md, /n=4 \(small\)/, "the engine's by-group table marks the small group");
  assert.equal((md.match(/^# /gm) ?? []).length, 1, 'one title');
  const html = fairnessHtml(report, context);
  assert.ok(!/<script/i.test(html));
  assert.match(html, /<td class="num fail">0\.250 \[/);
  assert.match(html, /<tr class="small"><th scope="row">b<\/th>/);
  assert.match(html, /1 of 2 groups have fewer than 5 rows/);
  // Group values are text, never markup.
  const tricky = computeFairnessReport(tableFromColumns({ yTrue: [1, 0], yPred: [1, 0], sensitive: { g: ['<img src=x>', 'b'] } }), {});
  assert.ok(!fairnessHtml(tricky, context).includes('<img'));
});
