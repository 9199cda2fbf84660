/**
 * Which label value counts as positive for label rates. A configured positiveLabel wins and is
 * matched leniently (1 matches "1" and "1.0", true matches "true"/"True"). Otherwise a binary
 * label's positive is the value that reads as positive (1, true, yes, y, positive, pos), else
 * the less frequent value; labels with more than two values get counts but no rate.
 */

const POSITIVE_WORDS = new Set(['1', 'true', 'yes', 'y', 'positive', 'pos', 't']);

/** True when the label value `value` is the configured positive label. */
export function matchesPositive(value: string, positive: string | number | boolean): boolean {
  if (typeof positive === 'boolean') return value.toLowerCase() === String(positive) || (positive ? value === '1' : value === '0');
  if (value === String(positive)) return true;
  const a = Number(value);
  const b = Number(positive);
  if (value.trim() !== '' && String(positive).trim() !== '' && Number.isFinite(a) && Number.isFinite(b)) return a === b;
  return value.toLowerCase() === String(positive).toLowerCase();
}

/** The positive label value found in `labels` (value → rows), with a warning when none fits. */
export function choosePositiveLabel(labels: ReadonlyMap<string, number>, configured?: string | number | boolean): { positive?: string; warning?: string } {
  const values = [...labels.keys()];
  if (configured !== undefined) {
    const hit = values.find((v) => matchesPositive(v, configured));
    if (hit !== undefined) return { positive: hit };
    return { warning: `positive label ${JSON.stringify(configured)} never occurs in the label (values: ${values.slice(0, 10).join(', ')})` };
  }
  if (values.length !== 2) return values.length > 2 ? { warning: `the label has ${values.length} values: label counts only, no label rate (set positiveLabel for a rate)` } : {};
  const named = values.filter((v) => POSITIVE_WORDS.has(v.toLowerCase()) || (Number(v) === 1 && v.trim() !== ''));
  if (named.length === 1) return { positive: named[0] };
  const [a, b] = values as [string, string];
  const na = labels.get(a)!;
  const nb = labels.get(b)!;
  // Ties go to the value that sorts last, so the choice does not depend on row order.
  return { positive: na < nb ? a : nb < na ? b : a > b ? a : b };
}
