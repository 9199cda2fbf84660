// Proposes which columns of a predictions file hold the true label, the prediction, the score
// and the sensitive attributes, by name and by content. Only a proposal: the Fairness Report's
// quick picks show it pre-selected and the user confirms or changes every choice.
import { sensitiveReason } from './sensitive-columns';

/** What the proposal needs to know of a column (a ColumnSummary satisfies it). */
export interface ColumnFacts {
  name: string;
  numeric: boolean;
  distinct: number;
  values: Array<{ value: string; count: number }>;
  min?: number;
  max?: number;
}

export interface ProposedMapping {
  y_true?: string;
  y_pred?: string;
  score?: string;
  sensitive: string[];
}

// Names in order of preference; compared lower-case with separators dropped ("Y-True" → "ytrue").
const Y_TRUE = ['ytrue', 'label', 'labels', 'target', 'truth', 'groundtruth', 'gold', 'actual', 'truelabel', 'outcome', 'y', 'class', 'twoyearrecid', 'isrecid', 'income'];
const Y_PRED = ['ypred', 'pred', 'prediction', 'predictions', 'predicted', 'predictedlabel', 'yhat', 'decision', 'output', 'predlabel'];
const SCORE = ['score', 'yscore', 'scores', 'prob', 'proba', 'probability', 'yprob', 'yproba', 'predproba', 'predprob', 'confidence', 'risk', 'riskscore', 'decilescore', 'logit', 'p'];

function key(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function byName(columns: readonly ColumnFacts[], names: readonly string[], ok: (c: ColumnFacts) => boolean, taken: Set<string>): string | undefined {
  for (const n of names) {
    const c = columns.find((x) => key(x.name) === n && !taken.has(x.name) && ok(x));
    if (c) return c.name;
  }
  return undefined;
}

/** A label column: a handful of distinct values (binary in practice). */
export function looksLikeLabel(c: ColumnFacts): boolean {
  return c.distinct >= 1 && c.distinct <= 20;
}

/** A score column: numeric with more than two values. */
export function looksLikeScore(c: ColumnFacts): boolean {
  return c.numeric && c.distinct > 2;
}

/** The proposed mapping; columns are matched by name only where their content fits the role. */
export function proposePredictionMapping(columns: readonly ColumnFacts[]): ProposedMapping {
  const taken = new Set<string>();
  const take = (name: string | undefined) => (name !== undefined && taken.add(name), name);
  const y_true = take(byName(columns, Y_TRUE, looksLikeLabel, taken));
  const y_pred = take(byName(columns, Y_PRED, looksLikeLabel, taken) ?? columns.find((c) => /pred/i.test(c.name) && !taken.has(c.name) && looksLikeLabel(c))?.name);
  const score = take(byName(columns, SCORE, looksLikeScore, taken) ?? columns.find((c) => /score|prob/i.test(c.name) && !taken.has(c.name) && looksLikeScore(c))?.name);
  // Sensitive attributes are grouped by value: numeric ones with many values (age) are left for
  // the user to add, since each of 60 ages would be its own group.
  const sensitive = columns.filter((c) => !taken.has(c.name) && sensitiveReason(c.name) && c.distinct <= 50).map((c) => c.name);
  return { ...(y_true ? { y_true } : {}), ...(y_pred ? { y_pred } : {}), ...(score ? { score } : {}), sensitive };
}

const BINARY_SETS = [['0', '1'], ['false', 'true']];

/** True when a label column's values are not 0/1 or true/false, so the positive one must be chosen. */
export function needsPositiveLabel(values: ReadonlyArray<{ value: string }>): boolean {
  const seen = [...new Set(values.map((v) => normalizeLabel(v.value)))];
  return !BINARY_SETS.some((set) => seen.every((v) => set.includes(v)));
}

/** "1.0" and "1" are the same label, as are "True" and "true". */
function normalizeLabel(v: string): string {
  const t = v.trim().toLowerCase();
  return /^[+-]?\d+(\.0+)?$/.test(t) ? String(Number(t)) : t;
}
