import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../../src/core/config/project-config';
import { ruleById } from '../../../src/core/lint/rules';
import { buildProfile } from '../../../src/core/profile/build-profile';
import type { GroupTally } from '../../../src/core/profile/group-tally';
import { profileFindings } from '../../../src/core/profile/profile-findings';
import type { ProfileSpec } from '../../../src/core/profile/profile-spec';

function tallies(rows: Array<[string, number, number]>, parts = false): Map<string, GroupTally> {
  // [value, rows, positives]; every row labelled.
  return new Map(
    rows.map(([value, count, pos]) => [
      value,
      { value, count, labels: new Map([['1', pos], ['0', count - pos]].filter(([, n]) => (n as number) > 0) as Array<[string, number]>), missingLabel: 0, ...(parts ? { parts: value.split(' × ') } : {}) },
    ]),
  );
}

const SPEC: ProfileSpec = {
  attributes: [
    { name: 'gender', column: 'gender' },
    { name: 'region', column: 'region' },
  ],
  intersections: [['gender', 'region']],
  label: 'y',
  reference: { gender: { source: 'US Census 2020', proportions: { female: 0.505, male: 0.495 } } },
  thresholds: { ...DEFAULT_CONFIG.thresholds },
  bootstrap: { resamples: 200, seed: 1, confidence: 0.95 },
};

// 3,000 rows: 2,397 male, 603 female; regions very uneven; label rates 30% vs 15%.
const profile = buildProfile(
  {
    file: 'people.csv',
    rows: 3000,
    attributes: [
      tallies([
        ['male', 2397, 719],
        ['female', 603, 90],
      ]),
      tallies([
        ['north', 2900, 780],
        ['south', 80, 24],
        ['islands', 20, 5],
      ]),
    ],
    intersections: [
      tallies(
        [
          ['male × north', 2320, 700],
          ['female × north', 580, 80],
          ['male × south', 60, 15],
          ['female × south', 20, 9],
          ['male × islands', 17, 4],
          ['female × islands', 3, 1],
        ],
        true,
      ),
    ],
    labels: { labels: new Map([['1', 809], ['0', 2191]]), missing: 0 },
  },
  SPEC,
);

const anchor = (column: string) => ({ line: 1, column: column === 'gender' ? 1 : 8, endLine: 1, endColumn: column === 'gender' ? 7 : 14 });

describe('profileFindings', () => {
  const findings = profileFindings(profile, undefined, anchor);
  const byRule = (id: string) => findings.filter((f) => f.ruleId === id);

  it('every profile rule is in the catalogue with a docs page', () => {
    for (const id of ['reference-mismatch', 'under-represented-group', 'small-group', 'group-imbalance', 'label-rate-gap']) {
      assert.ok(ruleById(id), id);
      assert.ok(existsSync(join(__dirname, '../../../docs/rules', `${id}.md`)), `docs/rules/${id}.md`);
    }
  });

  it('every rule it emits is in the catalogue', () => {
    for (const f of findings) assert.ok(ruleById(f.ruleId), f.ruleId);
    for (const f of findings) assert.equal(f.scope, 'dataset');
  });

  it('reference-mismatch: significant and at least the TVD threshold', () => {
    const [f] = byRule('reference-mismatch');
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.equal(f.field, 'gender');
    assert.deepEqual([f.line, f.column, f.endColumn], [1, 1, 7]);
    // male 79.9% vs 49.5%: TVD = 0.799 − 0.495 = 0.304.
    assert.match(f.message, /^gender: group shares differ from the reference \(US Census 2020\): TVD 0\.304/);
  });

  it('under-represented-group names the group, both shares and the shortfall in rows', () => {
    const [f] = byRule('under-represented-group');
    // expected 0.505 × 3000 = 1515; observed 603 → 912 short.
    assert.equal(f!.message, 'gender: female is 20.1% of rows vs 50.5% in the reference (US Census 2020) — 912 rows short (603 of 1,515 expected)');
    assert.equal(f!.count, 603);
  });

  it('group-imbalance: warning without a reference, info with one', () => {
    const [f] = byRule('group-imbalance');
    assert.equal(f!.field, 'region');
    assert.equal(f!.severity, 'warning');
    assert.match(f!.message, /north, 2,900 rows\) has 145\.0× the rows of the smallest \(islands, 20\)/);
    const withRef = profileFindings(profile, { thresholds: { imbalanceRatio: 3 } }, anchor).filter((x) => x.ruleId === 'group-imbalance');
    assert.equal(withRef.find((x) => x.field === 'gender')!.severity, 'info');
  });

  it('small-group lists groups and intersection cells under the threshold', () => {
    const msgs = byRule('small-group').map((f) => f.message);
    assert.deepEqual(msgs, [
      'region: 1 group has fewer than 30 rows: islands (20) — their shares and label rates are unreliable',
      'gender × region: 3 of 6 cells have fewer than 30 rows: female × south (20), male × islands (17), female × islands (3)',
    ]);
    assert.ok(byRule('small-group').every((f) => f.severity === 'info'));
  });

  it('label-rate-gap names both groups and the gap in points', () => {
    const gender = byRule('label-rate-gap').find((f) => f.field === 'gender')!;
    // 719/2397 = 30.0%, 90/603 = 14.9%.
    assert.equal(gender.message, 'gender: the rate of y = 1 is 30.0% for male vs 14.9% for female — a 15.1-point gap (demographic parity difference)');
  });

  it('thresholds from the spec silence findings', () => {
    const quiet = profileFindings(profile, { thresholds: { tvd: 0.5, labelRateGap: 0.5, imbalanceRatio: 1000, smallCell: 30 } }, anchor);
    assert.deepEqual([...new Set(quiet.map((f) => f.ruleId))].sort(), ['small-group', 'under-represented-group']);
  });
});

describe('buildProfile', () => {
  it('sorts groups largest first, with intervals and the reference columns', () => {
    const g = profile.attributes.gender!.groups;
    assert.deepEqual(g.map((x) => x.value), ['male', 'female']);
    assert.equal(g[1]!.expected_count, 1515);
    assert.equal(g[1]!.share, 603 / 3000);
    assert.ok(g[1]!.share_ci![0] < g[1]!.share && g[1]!.share < g[1]!.share_ci![1]);
    assert.equal(profile.positive_label, '1');
    assert.ok(Math.abs(profile.attributes.gender!.label_rate_gap! - (719 / 2397 - 90 / 603)) < 1e-12);
    assert.equal(profile.attributes.region!.imbalance_ratio, 145);
  });
});
