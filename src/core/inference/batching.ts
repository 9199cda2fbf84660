/**
 * Batches with dynamic padding: inputs are sorted by length so each batch holds inputs of
 * similar length and is padded only to its own longest input, not to the model's maximum.
 * Results are put back in input order by the caller through `indices`.
 */
export interface Batch {
  /** Positions of the batch's inputs in the original list. */
  indices: number[];
}

/** Splits `lengths.length` inputs into batches of at most `size`, shortest first. */
export function lengthSortedBatches(lengths: readonly number[], size: number): Batch[] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const out: Batch[] = [];
  const n = Math.max(1, Math.floor(size));
  for (let i = 0; i < order.length; i += n) out.push({ indices: order.slice(i, i + n) });
  return out;
}

/** Pads token id rows to the longest row: ids with `padId`, the mask with 0. */
export function padRows(rows: ReadonlyArray<readonly number[]>, padId: number): { ids: BigInt64Array; mask: BigInt64Array; width: number } {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * width).fill(BigInt(padId));
  const mask = new BigInt64Array(rows.length * width);
  rows.forEach((row, i) => {
    for (let j = 0; j < row.length; j++) {
      ids[i * width + j] = BigInt(row[j]!);
      mask[i * width + j] = 1n;
    }
  });
  return { ids, mask, width };
}

/**
 * Splits a text longer than the model takes into windows at token boundaries; each window
 * holds at most `maxTokens` tokens (special tokens excluded) and starts where a word starts.
 * `offsets` are the text's token offsets (from alignTokens, special tokens removed).
 */
export function windowsOf(textLength: number, offsets: ReadonlyArray<{ start: number; end: number; continuation: boolean }>, maxTokens: number): Array<{ start: number; end: number }> {
  if (offsets.length <= maxTokens) return [{ start: 0, end: textLength }];
  const out: Array<{ start: number; end: number }> = [];
  let first = 0;
  while (first < offsets.length) {
    let last = Math.min(offsets.length, first + maxTokens);
    // Do not cut a word: move the cut back to the start of the word the cut falls in.
    if (last < offsets.length) {
      let cut = last;
      while (cut > first + 1 && offsets[cut]!.continuation) cut--;
      last = cut;
    }
    const start = first === 0 ? 0 : offsets[first]!.start;
    const end = last >= offsets.length ? textLength : offsets[last]!.start;
    out.push({ start, end });
    first = last;
  }
  return out;
}
