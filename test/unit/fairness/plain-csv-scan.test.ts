import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadPredictions } from '../../../src/core/fairness/load-predictions';
import { scanPlainCsv } from '../../../src/core/fairness/plain-csv-scan';
import type { PredictionMapping, PredictionTable } from '../../../src/core/fairness/prediction-table';
import { createSeededRandom } from '../../../src/core/profile/seeded-random';

const dir = mkdtempSync(join(tmpdir(), 'rml-plain-csv-'));
const write = (name: string, text: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const MAPPING: PredictionMapping = { yTrue: 'y', yPred: 'pred', score: 'score', weight: 'w', sensitive: ['race', 'sex'] };

/** Every field of the table as plain values, typed arrays as number lists (NaN and -0 kept apart by Object.is below). */
function plain(t: PredictionTable): unknown {
  return JSON.parse(
    JSON.stringify(t, (_, v: unknown) => {
      if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>).map((x) => (Object.is(x, -0) ? '-0' : Number.isNaN(x) ? 'NaN' : x));
      return v;
    }),
  );
}

async function bothReadings(file: string, mapping: PredictionMapping = MAPPING): Promise<[PredictionTable, PredictionTable]> {
  const viaDuckDb = await loadPredictions(file, mapping, { displayName: 'p.csv', reader: 'duckdb' });
  const viaScan = await loadPredictions(file, mapping, { displayName: 'p.csv' });
  return [viaDuckDb, viaScan];
}

// Score and weight texts the plain reader parses itself: plain decimals (≤ 15 digits from the
// bytes, longer ones and exponents through Number()), blanks, nan/inf spellings, negatives.
function scoreText(r: () => number): string {
  const u = r();
  if (u < 0.5) return (Math.round(r() * 1e6) / 1e6).toString();
  if (u < 0.6) return r().toFixed(1 + Math.floor(r() * 19));
  if (u < 0.7) return `${(r() * 10).toFixed(3)}e${r() < 0.5 ? '-' : ''}${Math.floor(r() * 12)}`;
  if (u < 0.75) return `-${r().toFixed(4)}`;
  if (u < 0.8) return ['0', '-0', '1', '007', '0.0', '1E2', '2e+1', '123456789012345678'][Math.floor(r() * 8)]!;
  if (u < 0.85) return ['', 'nan', 'NaN', 'inf', '-inf', 'Infinity', '-Infinity', '1e999'][Math.floor(r() * 8)]!;
  return String(r());
}

function generated(rows: number, seed: number, newline = '\n', delim = ','): string {
  const rng = createSeededRandom(seed);
  const r = (): number => rng.next();
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const lines = [['id', 'y', 'pred', 'score', 'race', 'sex', 'w'].join(delim)];
  for (let i = 0; i < rows; i++) {
    const y = pick(['0', '1', '1', '0', ' 1', 'NA', '', '0']);
    const pred = pick(['0', '1', '1', '0', 'x', '1.0', '0.0']);
    const race = pick(['A', 'B', ' A ', '', 'Éa', '日本', 'b b', '(missing)']);
    const sex = pick(['F', 'M', '', 'f']);
    const w = pick(['1', '0.5', '-1', '', '2e0', '-0', '3', 'nan']);
    lines.push([String(i), y, pred, scoreText(r), race, sex, w].join(delim));
  }
  return lines.join(newline) + newline;
}

describe('plain CSV reader (no DuckDB)', () => {
  it('gives the table DuckDB gives on a file full of odd values (labels, blanks, unicode, scores and weights of every spelling)', async () => {
    const file = write('odd.csv', generated(3000, 7));
    const [a, b] = await bothReadings(file);
    assert.ok(a.droppedRows > 100, 'the file has bad rows of every kind');
    assert.ok(a.warnings.length > 5);
    assert.deepEqual(plain(b), plain(a));
    // It did read this file itself (it is plain), so the equality above compares two readers.
    assert.ok(await scanPlainCsv(file, 'id,y,pred,score,race,sex,w\n'.length, { delim: ',', fields: 7, keyed: [1, 2, 4, 5], score: 3, weight: 6 }, 1000));
  });

  it('reads CRLF line ends, TSV, no final line end and files without y_pred, score or weight alike', async () => {
    const crlf = write('crlf.csv', generated(500, 8, '\r\n'));
    const tsv = write('tab.tsv', generated(500, 9, '\n', '\t'));
    const noEnd = write('noend.csv', generated(500, 10).replace(/\n$/, ''));
    for (const file of [crlf, tsv, noEnd]) {
      const [a, b] = await bothReadings(file);
      assert.deepEqual(plain(b), plain(a), file);
    }
    const [a, b] = await bothReadings(crlf, { yTrue: 'y', sensitive: ['race'] });
    assert.deepEqual(plain(b), plain(a));
    const [c, d] = await bothReadings(tsv, { yTrue: 'y', score: 'score', sensitive: ['sex', 'race'], positiveLabel: '1' });
    assert.deepEqual(plain(d), plain(c));
  });

  it('reads a file bigger than its 4 MB buffer with lines across the buffer ends', async () => {
    const file = write('big.csv', generated(120_000, 11));
    const [a, b] = await bothReadings(file);
    assert.equal(a.rows + a.droppedRows, 120_000);
    assert.deepEqual(plain(b), plain(a));
  });

  it('hands anything it cannot read exactly as DuckDB back to DuckDB', async () => {
    const head = 'id,y,pred,score,race,sex,w\n';
    const cases: Record<string, string | Buffer> = {
      quoted: `${head}1,1,1,0.5,"A",F,1\n2,0,0,0.2,B,M,1\n`,
      blankLine: `${head}1,1,1,0.5,A,F,1\n\n2,0,0,0.2,B,M,1\n`,
      shortLine: `${head}1,1,1,0.5,A,F\n2,0,0,0.2,B,M,1\n`,
      longLine: `${head}1,1,1,0.5,A,F,1,9\n2,0,0,0.2,B,M,1\n`,
      loneCr: `${head}1,1,1,0.5,A\rX,F,1\n2,0,0,0.2,B,M,1\n`,
      spacedScore: `${head}1,1,1, 0.5,A,F,1\n2,0,0,0.2,B,M,1\n`,
      plusScore: `${head}1,1,1,+0.5,A,F,1\n2,0,0,0.2,B,M,1\n`,
      wordScore: `${head}1,1,1,high,A,F,1\n2,0,0,0.2,B,M,1\n`,
      badUtf8: Buffer.concat([Buffer.from(`${head}1,1,1,0.5,A`), Buffer.from([0xff, 0xfe]), Buffer.from(',F,1\n2,0,0,0.2,B,M,1\n')]),
    };
    for (const [name, text] of Object.entries(cases)) {
      const file = write(`${name}.csv`, text);
      const scan = await scanPlainCsv(file, head.length, { delim: ',', fields: 7, keyed: [1, 2, 4, 5], score: 3, weight: 6 }, 1000);
      assert.equal(scan, undefined, name);
    }
    // Through loadPredictions such files read as before (DuckDB), e.g. the word score is a bad row.
    const t = await loadPredictions(join(dir, 'wordScore.csv'), MAPPING, { displayName: 'p.csv' });
    assert.equal(t.rows, 1);
    assert.match(t.warnings.join('\n'), /p\.csv:2: score "high" is not a finite number/);
  });

  it('lets an abort that comes after the call through (the extension cancels by a message to its worker)', async () => {
    const file = write('abort.csv', generated(200, 12));
    const controller = new AbortController();
    const reading = loadPredictions(file, MAPPING, { signal: controller.signal });
    controller.abort(new Error('cancelled by the test'));
    await assert.rejects(reading, /cancelled by the test/);
  });

  it('gives DuckDB the file when the label and group combinations pass the cap, for the same error', async () => {
    const lines = ['y,g,h'];
    for (let i = 0; i < 50; i++) lines.push(`${i % 2},g${i},h${i % 3}`);
    const file = write('many.csv', `${lines.join('\n')}\n`);
    assert.equal(await scanPlainCsv(file, 6, { delim: ',', fields: 3, keyed: [0, 1, 2] }, 20), undefined);
    const opts = { displayName: 'p.csv', maxCells: 20 };
    const err = await loadPredictions(file, { yTrue: 'y', sensitive: ['g', 'h'] }, opts).catch((e: Error) => e.message);
    const viaDuckDb = await loadPredictions(file, { yTrue: 'y', sensitive: ['g', 'h'] }, { ...opts, reader: 'duckdb' }).catch((e: Error) => e.message);
    assert.equal(err, viaDuckDb);
    assert.match(String(err), /'g' has more than/);
  });
});
