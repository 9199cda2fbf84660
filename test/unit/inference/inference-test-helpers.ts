import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'models');

/** What scripts/make-test-model.py computed with Python WordPiece + PyTorch. */
export interface Golden {
  text: string;
  tokens: string[];
  ids: number[];
  output: number[][] | number[];
}

export interface Expected {
  labels: string[];
  'tiny-ner': Golden[];
  'tiny-classifier': Golden[];
  'tiny-embedder': Golden[];
  'tiny-raw': { x: number[][]; y: number[][] };
}

export function expected(): Expected {
  return JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Expected;
}

/** Plain softmax, written again here so the test does not reuse the engine's. */
export function softmaxRow(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

export function assertClose(actual: number, wanted: number, tol: number, what: string): void {
  if (!(Math.abs(actual - wanted) <= tol)) throw new Error(`${what}: ${actual} differs from ${wanted} by more than ${tol}`);
}
