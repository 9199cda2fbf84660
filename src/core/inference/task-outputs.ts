import type { ClassLabel, Embedding, Pooling, TextClassification } from './inference-types';

/** Softmax of one row, computed stably. */
export function softmax(row: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) max = Math.max(max, row[i]!);
  const ex = Array.from({ length: row.length }, (_, i) => Math.exp(row[i]! - max));
  const sum = ex.reduce((a, b) => a + b, 0);
  return ex.map((e) => e / sum);
}

/** Index and value of the largest element. */
export function argmax(row: ArrayLike<number>): [number, number] {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return [best, row[best]!];
}

/** The most likely class of one row of logits and its softmax probability, without the whole softmax. */
export function bestClass(row: ArrayLike<number>): [index: number, probability: number] {
  const [best, top] = argmax(row);
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += Math.exp(row[i]! - top);
  return [best, 1 / sum];
}

/** A text-classification result from one row of logits. */
export function classification(logits: ArrayLike<number>, labels: readonly string[], multiLabel: boolean): TextClassification {
  const probs = multiLabel ? Array.from(logits, (x) => 1 / (1 + Math.exp(-x))) : softmax(logits);
  const scores: ClassLabel[] = probs.map((score, i) => ({ label: labels[i] ?? `LABEL_${i}`, score }));
  const sorted = [...scores].sort((a, b) => b.score - a.score);
  return { label: sorted[0]!.label, score: sorted[0]!.score, scores };
}

/**
 * One vector per input from token vectors [rows, width, hidden]: mean over real tokens (the
 * attention mask), the first token (CLS), or 'none' (the first token's vector is not enough,
 * so 'none' returns every real token's vector flattened).
 */
export function pool(data: Float32Array, row: number, width: number, hidden: number, realTokens: number, pooling: Pooling, normalize: boolean): Embedding {
  const base = row * width * hidden;
  let out: number[];
  if (pooling === 'cls') out = Array.from(data.subarray(base, base + hidden));
  else if (pooling === 'none') out = Array.from(data.subarray(base, base + realTokens * hidden));
  else {
    out = new Array<number>(hidden).fill(0);
    for (let t = 0; t < realTokens; t++) for (let h = 0; h < hidden; h++) out[h]! += data[base + t * hidden + h]!;
    for (let h = 0; h < hidden; h++) out[h]! /= Math.max(1, realTokens);
  }
  if (normalize && pooling !== 'none') {
    const norm = Math.sqrt(out.reduce((a, x) => a + x * x, 0)) || 1;
    out = out.map((x) => x / norm);
  }
  return out;
}
