/**
 * Validation metrics of a classifier: accuracy and macro-F1 as scikit-learn computes them
 * (f1_score(average='macro') over the labels present in y_true or y_pred, 0 where undefined),
 * overall (per-group metrics come from the fairness engine: group-validation-metrics.ts).
 */

export interface ClassificationMetrics {
  count: number;
  accuracy: number;
  f1Macro: number;
}

/** Accuracy and macro-F1 over the rows in `rows` (all rows when omitted). */
export function classificationMetrics(yTrue: Int32Array, yPred: Int32Array, classes: number, rows?: number[]): ClassificationMetrics {
  const tp = new Float64Array(classes);
  const fp = new Float64Array(classes);
  const fn = new Float64Array(classes);
  const present = new Uint8Array(classes);
  let correct = 0;
  const n = rows ? rows.length : yTrue.length;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    const t = yTrue[i]!;
    const p = yPred[i]!;
    present[t] = 1;
    present[p] = 1;
    if (t === p) {
      correct += 1;
      tp[t]! += 1;
    } else {
      fp[p]! += 1;
      fn[t]! += 1;
    }
  }
  let f1Sum = 0;
  let labels = 0;
  for (let c = 0; c < classes; c++) {
    if (!present[c]) continue;
    labels += 1;
    const denom = 2 * tp[c]! + fp[c]! + fn[c]!;
    f1Sum += denom === 0 ? 0 : (2 * tp[c]!) / denom;
  }
  return { count: n, accuracy: n === 0 ? 0 : correct / n, f1Macro: labels === 0 ? 0 : f1Sum / labels };
}
