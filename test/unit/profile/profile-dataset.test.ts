// profileDataset end to end through DuckDB on small files written here, checked against counts
// made with plain loops over the same rows.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { profileDataset, ProfileInputError } from '../../../src/core/profile/profile-dataset';

interface Row {
  gender: string | null;
  age: string | null;
  label: 0 | 1 | null;
  text: string;
}

// 40 rows: genders with a leading space and blanks, ages on bin edges and one that is not a number.
const GENDERS = ['female', 'male', 'male', ' male', '', 'nonbinary', 'female', 'male'];
const AGES = ['17', '18', '29', '30', '64.5', '65', 'n/a', ''];
const ROWS: Row[] = Array.from({ length: 40 }, (_, i) => ({
  gender: GENDERS[i % 8] === '' ? null : GENDERS[i % 8]!,
  age: AGES[(i * 3) % 8] === '' ? null : AGES[(i * 3) % 8]!,
  label: i % 13 === 0 ? null : ((i % 3 === 0 ? 1 : 0) as 0 | 1),
  text: `row ${i}, says "hi"`,
}));

function expectedGender(r: Row): string {
  return r.gender === null || r.gender.trim() === '' ? '(missing)' : r.gender.trim();
}
function expectedAgeBin(r: Row): string {
  if (r.age === null) return '(missing)';
  const x = Number(r.age);
  if (Number.isNaN(x)) return '(not a number)';
  return x < 18 ? '<18' : x < 30 ? '18–29' : x < 65 ? '30–64' : '≥65';
}
function tally(key: (r: Row) => string): Map<string, { n: number; pos: number; labelled: number }> {
  const m = new Map<string, { n: number; pos: number; labelled: number }>();
  for (const r of ROWS) {
    const t = m.get(key(r)) ?? { n: 0, pos: 0, labelled: 0 };
    t.n++;
    if (r.label !== null) {
      t.labelled++;
      t.pos += r.label;
    }
    m.set(key(r), t);
  }
  return m;
}

let dir: string;
const csvQuote = (s: string | null): string => (s === null ? '' : /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rml-profile-'));
  writeFileSync(join(dir, 'people.csv'), ['text,gender,age,label', ...ROWS.map((r) => [r.text, r.gender, r.age, r.label === null ? '' : String(r.label)].map(csvQuote).join(','))].join('\n') + '\n');
  // JSONL: gender nested under meta (absent when missing), age a number where it is one, label a boolean.
  const jsonl = ROWS.map((r) => {
    const meta: Record<string, unknown> = {};
    if (r.gender !== null) meta.gender = r.gender;
    if (r.age !== null) meta.age = Number.isNaN(Number(r.age)) ? r.age : Number(r.age);
    return JSON.stringify({ text: r.text, meta, label: r.label === null ? null : r.label === 1 });
  });
  writeFileSync(join(dir, 'people.jsonl'), jsonl.join('\n') + '\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const SPEC = { files: '*', sensitive: ['gender', { column: 'age', bins: [18, 30, 65] }], labelField: 'label' };

function checkAgainstLoops(profile: Awaited<ReturnType<typeof profileDataset>>): void {
  assert.equal(profile.rows, 40);
  for (const [name, key] of [['gender', expectedGender], ['age', expectedAgeBin]] as const) {
    const want = tally(key);
    const groups = profile.attributes[name]!.groups;
    assert.deepEqual(new Map(groups.map((g) => [g.value, g.count])), new Map([...want].map(([k, t]) => [k, t.n])), name);
    for (const g of groups) {
      const t = want.get(g.value)!;
      assert.equal(g.share, t.n / 40);
      assert.equal(g.missing_rate, (t.n - t.labelled) / t.n);
      assert.equal(g.label_rate, t.pos / t.labelled, `${name}=${g.value} label rate`);
    }
  }
  const cells = tally((r) => `${expectedGender(r)} × ${expectedAgeBin(r)}`);
  const inter = profile.intersections['gender,age']!;
  assert.deepEqual(inter.attributes, ['gender', 'age']);
  assert.deepEqual(new Map(inter.groups.map((g) => [g.value, g.count])), new Map([...cells].map(([k, t]) => [k, t.n])));
  assert.deepEqual(inter.groups.find((g) => g.value === 'male × 18–29')?.parts, ['male', '18–29']);
}

describe('profileDataset', () => {
  it('CSV: counts, shares, bins, (missing), label rates and intersections', async () => {
    const p = await profileDataset(join(dir, 'people.csv'), SPEC);
    checkAgainstLoops(p);
    assert.equal(p.format, 'csv');
    assert.equal(p.positive_label, '1');
    // Literal checks of the generated data: " male" (5 rows) is trimmed into "male" (15 rows).
    assert.equal(p.attributes.gender!.groups[0]!.value, 'male');
    assert.equal(p.attributes.gender!.groups[0]!.count, 20);
    assert.equal(p.attributes.gender!.missing, 5);
    assert.deepEqual(p.attributes.age!.groups.map((g) => g.value), ['<18', '18–29', '30–64', '≥65', '(missing)', '(not a number)']);
    assert.deepEqual(p.attributes.age!.bins, [18, 30, 65]);
    assert.equal(p.label_missing, 4);
  });

  it('JSONL: nested paths (meta.gender), numbers and booleans read as values', async () => {
    const p = await profileDataset(join(dir, 'people.jsonl'), {
      ...SPEC,
      sensitive: [{ name: 'gender', column: 'meta.gender' }, { name: 'age', column: 'meta.age', bins: [18, 30, 65] }],
    });
    checkAgainstLoops(p);
    assert.equal(p.attributes.gender!.column, 'meta.gender');
    assert.equal(p.positive_label, 'true');
  });

  it('is reproducible: the same seed gives the same intervals, which contain the estimates', async () => {
    const a = await profileDataset(join(dir, 'people.csv'), SPEC, { bootstrap: { resamples: 300, seed: 9 } });
    const b = await profileDataset(join(dir, 'people.csv'), SPEC, { bootstrap: { resamples: 300, seed: 9 } });
    assert.deepEqual(a, b);
    for (const g of a.attributes.gender!.groups) {
      assert.ok(g.share_ci![0] <= g.share && g.share <= g.share_ci![1]);
      if (g.label_rate !== undefined) assert.ok(g.label_rate_ci![0] <= g.label_rate && g.label_rate <= g.label_rate_ci![1]);
    }
    assert.deepEqual(a.bootstrap, { resamples: 300, seed: 9, confidence: 0.95 });
  });

  it('compares with a reference and marks small groups', async () => {
    const p = await profileDataset(join(dir, 'people.csv'), SPEC, {
      overrides: { reference: { gender: { source: 'test', proportions: { female: 0.5, male: 0.45, nonbinary: 0.05 } } } },
    });
    const ref = p.attributes.gender!.reference!;
    // 35 rows with a gender: female 10, male 20, nonbinary 5.
    assert.equal(ref.compared_rows, 35);
    assert.ok(Math.abs(ref.tvd - (0.5 - 10 / 35)) < 1e-12);
    assert.equal(ref.under_represented[0]!.value, 'female');
    assert.ok(Math.abs(ref.under_represented[0]!.shortfall - (17.5 - 10)) < 1e-9);
    const female = p.attributes.gender!.groups.find((g) => g.value === 'female')!;
    assert.equal(female.expected_share, 0.5);
    assert.equal(female.expected_count, 17.5);
    assert.equal(female.small, true);
  });

  it('names the file and the missing column and lists the columns there are', async () => {
    await assert.rejects(profileDataset(join(dir, 'people.csv'), { files: '*', sensitive: ['race'] }), (err: Error) => {
      assert.ok(err instanceof ProfileInputError);
      assert.match(err.message, /people\.csv: no column 'race' \(sensitive attribute race\); the file has: text, gender, age, label/);
      return true;
    });
    await assert.rejects(profileDataset(join(dir, 'people.jsonl'), { files: '*', sensitive: ['meta.race'] }), /no column 'meta.race'.*meta\.gender, meta\.age/);
    await assert.rejects(profileDataset(join(dir, 'people.jsonl'), { files: '*', sensitive: ['meta'] }), /holds objects or lists/);
  });

  it('refuses a free-text column as a group attribute unless binned', async () => {
    const many = join(dir, 'many.csv');
    writeFileSync(many, 'id\n' + Array.from({ length: 1500 }, (_, i) => String(i)).join('\n') + '\n');
    await assert.rejects(profileDataset(many, { files: '*', sensitive: ['id'] }), /1,500 distinct values, too many for groups/);
    const p = await profileDataset(many, { files: '*', sensitive: [{ column: 'id', bins: [500, 1000] }] }, { bootstrap: { resamples: 0 } });
    assert.deepEqual(p.attributes.id!.groups.map((g) => g.count), [500, 500, 500]);
  });

  it('Parquet: typed columns (numbers stay numbers) give the same groups', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const csv = join(dir, 'people.csv').replace(/'/g, "''");
    const out = join(dir, 'people.parquet').replace(/'/g, "''");
    await con.run(
      `COPY (SELECT text, gender, TRY_CAST(age AS DOUBLE) AS age, CAST(label AS INTEGER) AS label FROM read_csv('${csv}', all_varchar = true)) TO '${out}' (FORMAT parquet)`,
    );
    con.closeSync();
    db.closeSync();
    const csvProfile = await profileDataset(join(dir, 'people.csv'), SPEC);
    const p = await profileDataset(join(dir, 'people.parquet'), SPEC);
    assert.equal(p.format, 'parquet');
    assert.deepEqual(p.attributes.gender, csvProfile.attributes.gender);
    // 'n/a' was cast to NULL on the way into Parquet, so it is missing there rather than not-a-number.
    const count = (prof: typeof p, v: string) => prof.attributes.age!.groups.find((g) => g.value === v)?.count ?? 0;
    assert.equal(count(p, '(missing)'), count(csvProfile, '(missing)') + count(csvProfile, '(not a number)'));
    assert.equal(count(p, '18–29'), count(csvProfile, '18–29'));
  });

  it('gives the same profile through the GROUPING SETS fallback as through the one-pass cube', async () => {
    const cube = await profileDataset(join(dir, 'people.csv'), SPEC);
    const sets = await profileDataset(join(dir, 'people.csv'), SPEC, { maxCubeCells: 1 });
    assert.deepEqual(sets, cube);
  });

  it('skips label rates for a label with more than 100 values, with a warning', async () => {
    const scores = join(dir, 'scores.csv');
    writeFileSync(scores, 'g,score\n' + Array.from({ length: 300 }, (_, i) => `${i % 2 ? 'a' : 'b'},${i}`).join('\n') + '\n');
    for (const maxCubeCells of [100_000, 1]) {
      const p = await profileDataset(scores, { files: '*', sensitive: ['g'], labelField: 'score' }, { maxCubeCells, bootstrap: { resamples: 0 } });
      assert.equal(p.label, undefined);
      assert.equal(p.attributes.g!.groups[0]!.label_counts, undefined);
      assert.match(p.warnings.join('\n'), /label 'score' has (300|more than 100) distinct values/);
    }
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(profileDataset(join(dir, 'people.csv'), SPEC, { signal: controller.signal }), /abort/i);
  });
});
