import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';
import type { DatasetProfile } from '../../../src/core/profile/profile-types';

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rml-profile-cli-'));
  // 100 rows: 70 M / 30 F; income 1 for 40% of M and 10% of F; age spread over bins.
  const rows = Array.from({ length: 100 }, (_, i) => {
    const sex = i < 70 ? 'M' : 'F';
    const income = i < 70 ? (i % 10 < 4 ? 1 : 0) : i % 10 < 1 ? 1 : 0;
    return `${i},${sex},${20 + (i % 50)},${income}`;
  });
  writeFileSync(join(dir, 'adult.csv'), ['id,sex,age,income', ...rows].join('\n') + '\n');
  writeFileSync(join(dir, 'ref.json'), JSON.stringify({ sex: { source: 'Census', proportions: { F: 0.5, M: 0.5 } } }));
  return dir;
}

describe('rml profile', () => {
  it('--format json prints the DatasetProfile; profile findings are warnings, so exit 0', async () => {
    const dir = workspace();
    const r = await run(['profile', 'adult.csv', '--sensitive', 'sex', '--sensitive', 'age:30,50', '--label', 'income', '--reference', 'ref.json', '--bootstrap', '200'], dir);
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout) as DatasetProfile;
    assert.equal(p.file, 'adult.csv');
    assert.equal(p.rows, 100);
    assert.deepEqual(p.attributes.sex!.groups.map((g) => [g.value, g.count, g.label_rate]), [
      ['M', 70, 28 / 70],
      ['F', 30, 3 / 30],
    ]);
    assert.deepEqual(p.attributes.age!.groups.map((g) => g.value), ['<30', '30–49', '≥50']);
    assert.equal(p.attributes.sex!.reference!.source, 'Census');
    assert.equal(p.bootstrap!.resamples, 200);
    assert.ok(p.intersections['sex,age']);
    assert.match(r.stderr, /adult\.csv:1:4: warning reference-mismatch: sex: group shares differ/);
  });

  it('--fail-on warning turns the warnings into exit 1', async () => {
    const dir = workspace();
    const r = await run(['profile', 'adult.csv', '--sensitive', 'sex', '--label', 'income', '--reference', 'ref.json', '--fail-on', 'warning', '--bootstrap', '0'], dir);
    assert.equal(r.code, 1);
  });

  it('--format md prints tables, statistics and findings', async () => {
    const dir = workspace();
    const r = await run(['profile', 'adult.csv', '--label', 'income', '--reference', 'ref.json', '--format', 'md', '--bootstrap', '100'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Dataset profile: adult\.csv/);
    assert.match(r.stdout, /\| M \| 70 \| 70\.0% \|/);
    assert.match(r.stdout, /Reference \(Census\): χ² 16\.00 \(dof 1/); // (70−50)²/50 + (30−50)²/50 = 16
    assert.match(r.stdout, /`under-represented-group`: sex: F is 30\.0% of rows vs 50\.0%/);
  });

  it('exit 2 with the file, the column and the columns there are', async () => {
    const dir = workspace();
    const r = await run(['profile', 'adult.csv', '--sensitive', 'race'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /rml profile: adult\.csv: no column 'race' \(sensitive attribute race\); the file has: id, sex, age, income/);
  });

  it('exit 2 on usage errors: no attributes, no file, bad flags', async () => {
    const dir = workspace();
    assert.match((await run(['profile', 'adult.csv'], dir)).stderr, /no sensitive attributes to profile; pass --sensitive/);
    assert.equal((await run(['profile', 'missing.csv', '--sensitive', 'sex'], dir)).code, 2);
    assert.match((await run(['profile', 'adult.csv', '--sensitive', 'age:50,30'], dir)).stderr, /increase strictly/);
    assert.match((await run(['profile', 'adult.csv', '--sensitive', 'sex', '--format', 'xml'], dir)).stderr, /--format must be one of json, md/);
    assert.match((await run(['profile', 'notes.txt', '--sensitive', 'sex'], dir)).stderr, /cannot profile this file type/);
    assert.match((await run(['profile', 'adult.csv', '--reference', 'nope.json'], dir)).stderr, /cannot read reference file/);
  });

  it('takes attributes, label and reference from the config entry matching the file', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'responsible-ml.config.json'),
      JSON.stringify({
        datasets: [{ files: '*.csv', sensitive: ['sex'], labelField: 'income', reference: { sex: { source: 'cfg', proportions: { F: 0.3, M: 0.7 } } }, thresholds: { smallCell: 5 } }],
        bootstrap: { resamples: 50, seed: 3 },
      }),
    );
    const r = await run(['profile', 'adult.csv'], dir);
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout) as DatasetProfile;
    assert.equal(p.attributes.sex!.reference!.tvd, 0);
    assert.deepEqual(p.bootstrap, { resamples: 50, seed: 3, confidence: 0.95 });
    assert.equal(p.label, 'income');
  });
});
