import type { PredictionTable } from '../../core/fairness/prediction-table';

/**
 * The threshold t with y_pred = (score ≥ t) on every row, when there is one — COMPAS's
 * "decile score ≥ 5" — so the slider starts where the file's own predictions are. Undefined
 * when y_pred is not a threshold of the score (or either is missing).
 */
export function impliedThreshold(table: Pick<PredictionTable, 'rows' | 'yPred' | 'scores'>): number | undefined {
  const { yPred, scores } = table;
  if (!yPred || !scores) return undefined;
  let maxNegative = -Infinity;
  let minPositive = Infinity;
  for (let i = 0; i < table.rows; i++) {
    const s = scores[i]!;
    if (yPred[i]) minPositive = Math.min(minPositive, s);
    else maxNegative = Math.max(maxNegative, s);
  }
  return minPositive > maxNegative && Number.isFinite(minPositive) ? minPositive : undefined;
}
