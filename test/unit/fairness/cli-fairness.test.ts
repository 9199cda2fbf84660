import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';
import type { FairnessReport } from '../../../src/core/fairness/fairness-types';

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/**
 * 64 rows: race A (40 rows), B (22), C (2 — a small group); sex F/M alternating. Labels and
 * predictions follow a fixed pattern so the counts below can be checked by hand.
 */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rml-fairness-cli-'));
  const rows: string[] = [];
  for (let i = 0; i < 64; i++) {
    const race = i < 40 ? 'A' : i < 62 ? 'B' : 'C';
    const sex = i % 2 === 0 ? 'F' : 'M';
    const y = i % 4 < 2 ? 1 : 0;
    const score = ((i * 37) % 100) / 100;
    const pred = score >= 0.5 ? 1 : 0;
    rows.push(`${i},${y},${pred},${score},${race},${sex}`);
  }
  writeFileSync(join(dir, 'preds.csv'), ['id,label,pred,score,race,sex', ...rows].join('\n') + '\n');
  return dir;
}

describe('rml fairness', () => {
  it('--format json prints one FairnessReport with an analysis per attribute and the intersection', async () => {
    const dir = workspace();
    const r = await run(['fairness', 'preds.csv', '--y-true', 'label', '--y-pred', 'pred', '--score', 'score', '--sensitive', 'race', '--sensitive', 'sex', '--intersect', '--bootstrap', '100', '--seed', '7'], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as FairnessReport;
    assert.equal(report.rows, 64);
    assert.deepEqual(Object.keys(report.analyses), ['race', 'sex', 'race,sex']);
    const race = report.analyses.race!;
    assert.deepEqual(race.by_group.map((g) => [g.group.race, g.count]), [['A', 40], ['B', 22], ['C', 2]]);
    const a = race.by_group[0]!;
    // Rows 0–39: label 1 where i % 4 < 2 (20 rows); prediction where (37i mod 100) ≥ 50.
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < 40; i++) {
      const pred = (i * 37) % 100 >= 50;
      if (pred && i % 4 < 2) tp++;
      if (pred && i % 4 >= 2) fp++;
    }
    assert.equal(a.tp, tp);
    assert.equal(a.fp, fp);
    assert.equal(a.true_positive_rate, tp / 20);
    assert.equal(race.ci?.n_boot, 100);
    assert.equal(race.ci?.seed, 7);
    assert.ok(race.ci?.by_group.A?.selection_rate, 'interval for group A');
    assert.equal(race.by_group[2]!.small, true);
    assert.match(r.stderr, /warning: race: 2 groups have fewer than 30 rows: B \(n=22\); C \(n=2\)/);
    assert.deepEqual(report.source?.sensitive, ['race', 'sex']);
  });

  it('--format md marks small groups and gives intervals; --score with --threshold replaces --y-pred', async () => {
    const dir = workspace();
    const r = await run(['fairness', 'preds.csv', '--y-true', 'label', '--score', 'score', '--threshold', '0.5', '--sensitive', 'race', '--format', 'md', '--bootstrap', '50'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Fairness report: preds\.csv/);
    assert.match(r.stdout, /predictions: score ≥ 0\.5/);
    assert.match(r.stdout, /\| C \| n=2 \(small\) \|/);
    assert.match(r.stdout, /\| demographic_parity_difference \| \d\.\d{3} \(\d\.\d{3}–\d\.\d{3}\) \|/);
    // The same predictions as the y_pred column (pred = score ≥ 0.5).
    const viaPred = JSON.parse((await run(['fairness', 'preds.csv', '--y-true', 'label', '--y-pred', 'pred', '--sensitive', 'race', '--score', 'score'], dir)).stdout) as FairnessReport;
    const viaScore = JSON.parse((await run(['fairness', 'preds.csv', '--y-true', 'label', '--score', 'score', '--threshold', '0.5', '--sensitive', 'race'], dir)).stdout) as FairnessReport;
    assert.deepEqual(viaScore.analyses.race!.by_group, viaPred.analyses.race!.by_group);
  });

  it('--format html --out writes one self-contained page', async () => {
    const dir = workspace();
    const r = await run(['fairness', 'preds.csv', '--y-true', 'label', '--y-pred', 'pred', '--sensitive', 'race', '--format', 'html', '--out', 'report.html'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<tr class="small"><th scope="row">C<\/th><td class="n">n=2 \(small\)<\/td>/);
    assert.doesNotMatch(html, /<script|<link|src=|https?:\/\//);
  });

  it('usage and input errors exit 2 with one clear line', async () => {
    const dir = workspace();
    const cases: Array<[string[], RegExp]> = [
      [['fairness', 'preds.csv', '--y-pred', 'pred', '--sensitive', 'race'], /--y-true <column> is required/],
      [['fairness', 'preds.csv', '--y-true', 'label', '--sensitive', 'race'], /--y-pred <column> is required/],
      [['fairness', 'preds.csv', '--y-true', 'label', '--y-pred', 'pred', '--threshold', '0.5', '--sensitive', 'race'], /--threshold needs --score/],
      [['fairness', 'preds.csv', '--y-true', 'label', '--y-pred', 'pred'], /at least one --sensitive/],
      [['fairness', 'preds.csv', '--y-true', 'label', '--y-pred', 'pred', '--sensitive', 'gender'], /preds\.csv: no column 'gender' \(sensitive\); the file has: id, label, pred, score, race, sex/],
      [['fairness', 'missing.csv', '--y-true', 'label', '--y-pred', 'pred', '--sensitive', 'race'], /missing\.csv: no such file/],
      [['fairness', 'preds.csv', '--y-true', 'label', '--y-pred', 'pred', '--sensitive', 'race', '--format', 'pdf'], /--format must be one of json, md, html/],
      [['fairness', 'preds.csv', '--y-true', 'label', '--y-pred', 'score', '--sensitive', 'race'], /labels have \d+ distinct values/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.split('\n').length, 1, r.stderr);
    }
  });

  it('--help lists the options', async () => {
    const r = await run(['fairness', '--help'], process.cwd());
    assert.equal(r.code, 0);
    for (const flag of ['--y-true', '--y-pred', '--score', '--threshold', '--sensitive', '--intersect', '--positive-label', '--weight', '--bootstrap', '--seed', '--format', '--out']) assert.ok(r.stdout.includes(flag), flag);
  });
});
