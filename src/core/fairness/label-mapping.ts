/**
 * How label values become classes. y_true and y_pred share one label space. Missing values
 * (null, blank, NA, NaN, null, none, ?) are unreadable: the row is dropped with a warning.
 * When most values are numbers and a few are not (or the reverse), the few are unreadable too.
 * With a positive label, it is class 1 and every other value class 0 (matched leniently: 1
 * matches "1.0"). Without one: {0, 1}, {−1, 1} and {false, true} are binary with 1/true
 * positive, as Fairlearn assumes; two other values are binary with a warning naming the value
 * taken as positive; more values are classes for one-vs-rest analyses.
 */
import { matchesPositive } from '../profile/positive-label';

/** Rows holding a label value, per column. `value` is the trimmed text, null for SQL NULL. */
export interface LabelCount {
  value: string | null;
  yTrue: number;
  yPred: number;
}

export interface LabelDecision {
  /** Class labels by code: [negative, positive] when binary. */
  classes: string[];
  binary: boolean;
  /** Label value (as read) → class code; values not in the map are unreadable. */
  codeOf: Map<string, number>;
  /** The value counted as positive (binary). */
  positive?: string;
  warnings: string[];
}

/** A label the user must fix (too many values, a positive label that never occurs). */
export class LabelError extends Error {}

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);
const POSITIVE_WORDS = new Set(['1', 'true', 'yes', 'y', 'positive', 'pos', 't']);

/** True for a value that stands for "no label". */
export function isMissingLabel(value: string | null): boolean {
  return value === null || MISSING.has(value.trim().toLowerCase());
}

function isNumber(v: string): boolean {
  return v.trim() !== '' && Number.isFinite(Number(v));
}

function show(v: string): string {
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
}

/** Decides the classes of the label values found in y_true and y_pred. */
export function decideLabels(counts: readonly LabelCount[], positiveLabel: string | undefined, maxClasses = 20): LabelDecision {
  const warnings: string[] = [];
  const present = counts.filter((c) => !isMissingLabel(c.value)) as Array<LabelCount & { value: string }>;
  const total = (c: LabelCount): number => c.yTrue + c.yPred;
  const numeric = present.filter((c) => isNumber(c.value));
  const text = present.filter((c) => !isNumber(c.value));
  let kept = present;
  if (numeric.length > 0 && text.length > 0) {
    const numericRows = numeric.reduce((s, c) => s + total(c), 0);
    const textRows = text.reduce((s, c) => s + total(c), 0);
    const [major, minor] = numericRows >= textRows ? [numeric, text] : [text, numeric];
    kept = major;
    const listed = minor.slice(0, 5).map((c) => `${show(c.value)} (${total(c)})`).join(', ');
    warnings.push(
      `labels are mostly ${major === numeric ? 'numbers' : 'text'}; ${minor.length === 1 ? 'the value' : 'the values'} ${listed}${minor.length > 5 ? ` and ${minor.length - 5} more` : ''} cannot be read as one: those rows are dropped`,
    );
  }
  const codeOf = new Map<string, number>();

  if (positiveLabel !== undefined) {
    const hits = kept.filter((c) => matchesPositive(c.value, positiveLabel));
    if (hits.length === 0) {
      throw new LabelError(`positive label ${show(positiveLabel)} never occurs in y_true or y_pred (values: ${kept.slice(0, 10).map((c) => show(c.value)).join(', ')})`);
    }
    const others = kept.filter((c) => !hits.includes(c));
    for (const c of kept) codeOf.set(c.value, hits.includes(c) ? 1 : 0);
    const negative = others.length === 1 ? others[0]!.value : `not ${hits[0]!.value}`;
    return { classes: [negative, hits[0]!.value], binary: true, codeOf, positive: hits[0]!.value, warnings };
  }

  if (kept.length === 0) throw new LabelError('no readable label values in y_true or y_pred');
  const binaryBy = (isPositive: (v: string) => boolean): LabelDecision => {
    const pos = kept.find((c) => isPositive(c.value));
    const neg = kept.find((c) => !isPositive(c.value));
    for (const c of kept) codeOf.set(c.value, isPositive(c.value) ? 1 : 0);
    return { classes: [neg?.value ?? '0', pos?.value ?? '1'], binary: true, codeOf, ...(pos ? { positive: pos.value } : {}), warnings };
  };
  if (kept === numeric || (text.length === 0 && numeric.length > 0)) {
    const numbers = new Set(kept.map((c) => Number(c.value)));
    if ([...numbers].every((x) => x === 0 || x === 1) || [...numbers].every((x) => x === -1 || x === 1)) return binaryBy((v) => Number(v) === 1);
    if (numbers.size > maxClasses) throw tooMany(numbers.size, maxClasses);
    // Classes by number, spelled as first seen.
    const byNumber = new Map<number, string>();
    for (const c of kept) if (!byNumber.has(Number(c.value))) byNumber.set(Number(c.value), c.value);
    const sorted = [...byNumber.keys()].sort((a, b) => a - b);
    for (const c of kept) codeOf.set(c.value, sorted.indexOf(Number(c.value)));
    return { classes: sorted.map((x) => byNumber.get(x)!), binary: false, codeOf, warnings };
  }
  const lower = new Set(kept.map((c) => c.value.toLowerCase()));
  if ([...lower].every((v) => v === 'true' || v === 'false')) return binaryBy((v) => v.toLowerCase() === 'true');
  if (kept.length <= 2) {
    const named = kept.filter((c) => POSITIVE_WORDS.has(c.value.toLowerCase()));
    let positive: string;
    if (named.length === 1) positive = named[0]!.value;
    else {
      // The rarer value in y_true; ties go to the value that sorts last, so row order never decides.
      const [a, b] = kept as [LabelCount & { value: string }, (LabelCount & { value: string }) | undefined];
      positive = !b ? a.value : a.yTrue < b.yTrue ? a.value : b.yTrue < a.yTrue ? b.value : a.value > b.value ? a.value : b.value;
    }
    warnings.push(`no positive label given: taking ${show(positive)} as positive (values: ${kept.map((c) => show(c.value)).join(', ')}); pass --positive-label to choose`);
    return binaryBy((v) => v === positive);
  }
  if (kept.length > maxClasses) throw tooMany(kept.length, maxClasses);
  const classes = kept.map((c) => c.value).sort();
  for (const c of kept) codeOf.set(c.value, classes.indexOf(c.value));
  return { classes, binary: false, codeOf, warnings };
}

function tooMany(n: number, max: number): LabelError {
  return new LabelError(`the labels have ${n} distinct values, more than ${max} classes: if a column holds scores, pass it as --score with --threshold; for a binary report pass --positive-label`);
}
