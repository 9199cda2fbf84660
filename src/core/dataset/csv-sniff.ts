/** How much text from the start of a file the delimiter is guessed from. */
export const SNIFF_SAMPLE_CHARS = 64 * 1024;

const CANDIDATES = [',', '\t', ';', '|'];
const MAX_SAMPLE_RECORDS = 50;

/**
 * Guesses the delimiter among `,` `\t` `;` `|`: the one whose count per record (outside quotes)
 * is the same on most records, then the one with more columns, then the earlier in that list.
 * `complete` says the sample is the whole file, so a last line without line break counts.
 */
export function sniffDelimiter(sample: string, complete: boolean): string {
  let best = ',';
  let bestShare = 0;
  let bestColumns = 0;
  for (const candidate of CANDIDATES) {
    const counts = countPerRecord(sample, candidate.charCodeAt(0), complete);
    const { mode, share } = modeOf(counts);
    if (mode === 0) continue;
    if (share > bestShare || (share === bestShare && mode > bestColumns)) {
      best = candidate;
      bestShare = share;
      bestColumns = mode;
    }
  }
  return best;
}

/** Delimiters outside quotes in each record of the sample (a quote toggles "inside"; `""` toggles twice). */
function countPerRecord(sample: string, delimiter: number, complete: boolean): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let count = 0;
  let recordHasText = false;
  for (let i = 0; i < sample.length && counts.length < MAX_SAMPLE_RECORDS; i++) {
    const c = sample.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && c === 10) {
      if (recordHasText) counts.push(count);
      count = 0;
      recordHasText = false;
      continue;
    } else if (!inQuotes && c === delimiter) count++;
    if (c !== 13) recordHasText = true;
  }
  // A cut-off last record still tells something when it is the only one.
  if (recordHasText && (complete || counts.length === 0)) counts.push(count);
  return counts;
}

function modeOf(counts: number[]): { mode: number; share: number } {
  const seen = new Map<number, number>();
  let mode = 0;
  let modeSeen = 0;
  for (const n of counts) {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    if (k > modeSeen || (k === modeSeen && n > mode)) {
      mode = n;
      modeSeen = k;
    }
  }
  return { mode, share: counts.length === 0 ? 0 : modeSeen / counts.length };
}
