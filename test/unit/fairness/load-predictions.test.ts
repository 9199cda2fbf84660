import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FairnessInputError, loadPredictions } from '../../../src/core/fairness/load-predictions';

const dir = mkdtempSync(join(tmpdir(), 'rml-fairness-load-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const CSV = [
  'id,y,pred,score,race,sex,w',
  '1,1,1,0.9,A,F,1',
  '2,0,1,0.7,B,M,2',
  '3,abc,0,0.2,A,F,1', // line 4: unreadable label among numbers
  '4,1,0,0.4,,M,1', // blank race → (missing)
  '5,0,0,"high",B,F,1', // line 6: score not a number
  '6,1,1,0.8,"B",M,-1', // line 7: negative weight
  '7,0,0,0.1," A ",F,1', // trimmed to A
  '"8\nstill 8",1,1,0.95,B,F,1', // a quoted field over two lines (lines 9–10)
  '9,,1,0.5,A,M,1', // line 11: missing label
  '',
].join('\n');

describe('loadPredictions', () => {
  it('reads CSV into codes, drops bad rows with file:line warnings, groups blanks as (missing)', async () => {
    const file = write('preds.csv', CSV);
    const t = await loadPredictions(file, { yTrue: 'y', yPred: 'pred', score: 'score', weight: 'w', sensitive: ['race', 'sex'] }, { displayName: 'preds.csv' });
    assert.equal(t.rows, 5);
    assert.equal(t.droppedRows, 4);
    assert.deepEqual(t.classes, ['0', '1']);
    assert.equal(t.binary, true);
    assert.deepEqual([...t.yTrue], [1, 0, 1, 0, 1]);
    assert.deepEqual([...t.yPred!], [1, 1, 0, 0, 1]);
    assert.deepEqual([...t.scores!], [0.9, 0.7, 0.4, 0.1, 0.95]);
    assert.deepEqual([...t.weights!], [1, 2, 1, 1, 1]);
    const race = t.sensitive[0]!;
    assert.deepEqual(race.values, ['A', 'B', '(missing)']);
    assert.deepEqual([...race.codes].map((c) => race.values[c]), ['A', 'B', '(missing)', 'A', 'B']);
    const w = t.warnings.join('\n');
    assert.match(w, /preds\.csv:4: y "abc" is not a label/);
    assert.match(w, /preds\.csv:6: score "high" is not a finite number/);
    assert.match(w, /preds\.csv:7: w "-1" is not a finite number ≥ 0/);
    assert.match(w, /preds\.csv:11: y is missing; row dropped/);
    assert.match(w, /the value "abc" \(1\) cannot be read/);
  });

  it('names the available columns when one is missing', async () => {
    const file = write('preds2.csv', CSV);
    await assert.rejects(
      loadPredictions(file, { yTrue: 'label', yPred: 'pred', sensitive: ['race'] }, { displayName: 'preds2.csv' }),
      (err: Error) => err instanceof FairnessInputError && /preds2\.csv: no column 'label' \(y_true\); the file has: id, y, pred, score, race, sex, w/.test(err.message),
    );
  });

  it('reads JSONL (numbers, booleans and nested fields) and text labels with a positive label', async () => {
    const lines = [
      { y: 'yes', p: 'no', meta: { group: 'x' } },
      { y: 'no', p: 'no', meta: { group: 'y' } },
      { y: 'yes', p: 'yes', meta: { group: null } },
      { y: 'maybe', p: 'yes', meta: { group: 'x' } },
    ];
    const file = write('preds.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const t = await loadPredictions(file, { yTrue: 'y', yPred: 'p', sensitive: ['meta.group'], positiveLabel: 'yes' });
    assert.equal(t.binary, true);
    assert.deepEqual(t.classes, ['not yes', 'yes']);
    assert.deepEqual([...t.yTrue], [1, 0, 1, 0]);
    assert.deepEqual(t.sensitive[0]!.values, ['x', 'y', '(missing)']);
    assert.equal(t.mapping.positiveLabel, 'yes');
  });

  it('takes three or more label values as classes for one-vs-rest', async () => {
    const file = write('multi.csv', 'y,p,g\ncat,cat,a\ndog,cat,b\nbird,bird,a\ndog,dog,b\n');
    const t = await loadPredictions(file, { yTrue: 'y', yPred: 'p', sensitive: ['g'] });
    assert.equal(t.binary, false);
    assert.deepEqual(t.classes, ['bird', 'cat', 'dog']);
    assert.deepEqual([...t.yTrue], [1, 2, 0, 2]);
  });

  it('reads Parquet with typed columns', async () => {
    const csv = write('typed.csv', 'y,score,sex\n1,0.25,F\n0,0.75,M\ntrue,0.5,F\n');
    const parquet = join(dir, 'typed.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`COPY (SELECT CAST(y AS BOOLEAN) AS y, CAST(score AS DOUBLE) AS score, sex FROM read_csv('${csv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    con.closeSync();
    db.closeSync();
    const t = await loadPredictions(parquet, { yTrue: 'y', score: 'score', sensitive: ['sex'] });
    assert.deepEqual([...t.yTrue], [1, 0, 1]);
    assert.deepEqual([...t.scores!], [0.25, 0.75, 0.5]);
    assert.deepEqual(t.classes, ['false', 'true']);
  });

  it('refuses a sensitive column with too many values, naming it', async () => {
    const file = write('ids.csv', ['y,p,person', ...Array.from({ length: 12 }, (_, i) => `${i % 2},${i % 2},p${i}`)].join('\n') + '\n');
    await assert.rejects(loadPredictions(file, { yTrue: 'y', yPred: 'p', sensitive: ['person'] }, { displayName: 'ids.csv', maxGroups: 5 }), /ids\.csv: 'person' has 12 distinct values, more than 5: too many for groups/);
  });

  it('names JSONL lines of bad rows, blank lines included in the count', async () => {
    const file = write('bad.jsonl', ['{"y": 1, "g": "a"}', '', '{"y": "oops", "g": "b"}', '{"y": 0, "g": "b"}', '{"y": null, "g": "a"}', ''].join('\n'));
    const t = await loadPredictions(file, { yTrue: 'y', yPred: 'y', sensitive: ['g'] }, { displayName: 'bad.jsonl' });
    assert.equal(t.rows, 2);
    assert.match(t.warnings.join('\n'), /bad\.jsonl:3: y "oops" is not a label; row dropped/);
    assert.match(t.warnings.join('\n'), /bad\.jsonl:5: y is missing; row dropped/);
  });
  it('reads a plain header without the sniff exactly as a sniffed file (quoted header), and falls back on odd dialects', async () => {
    const mapping = { yTrue: 'y', yPred: 'pred', score: 'score', weight: 'w', sensitive: ['race', 'sex'] };
    const snapshot = (t: Awaited<ReturnType<typeof loadPredictions>>): unknown => ({ ...t, file: '', warnings: t.warnings.map((w) => w.replace(/^[^:]+:/, '')) });
    const plain = await loadPredictions(write('plain.csv', CSV.replace(/\n/g, '\r\n')), mapping, { displayName: 'plain.csv' });
    const quotedHeader = CSV.replace(/^[^\n]+/, (h) => h.split(',').map((x) => `"${x}"`).join(','));
    const sniffed = await loadPredictions(write('sniffed.csv', quotedHeader.replace(/\n/g, '\r\n')), mapping, { displayName: 'sniffed.csv' });
    assert.deepEqual(snapshot(plain), snapshot(sniffed));
    assert.match(plain.warnings.join('\n'), /plain\.csv:6: score "high" is not a finite number/);
    // Backslash-escaped quotes: the fixed RFC 4180 reading fails in DuckDB, the sniff reads them.
    const escaped = 'y,pred,race\n1,1,"A \\"x\\" B"\n0,1,C\n';
    const t = await loadPredictions(write('escaped.csv', escaped), { yTrue: 'y', yPred: 'pred', sensitive: ['race'] });
    assert.equal(t.rows, 2);
    assert.deepEqual(t.sensitive[0]!.values, ['A "x" B', 'C']);
  });
});
