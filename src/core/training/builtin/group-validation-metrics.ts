/**
 * Per-group validation metrics of the builtin trainer, read off the fairness engine's report
 * (src/core/fairness) so a run's `eval/group/<attribute>=<value>/…` points are the numbers
 * `rml fairness` gives for the same predictions: the same grouping ("(missing)", trimmed values,
 * group order) and the same confusion counts. Multiclass accuracy and macro-F1 are not report
 * fields; they are derived from the report's one-vs-rest counts per class.
 */
import { computeFairnessReport } from '../../fairness/fairness-report';
import type { FairnessAnalysis, FairnessReport } from '../../fairness/fairness-types';
import { tableFromColumns } from '../../fairness/prediction-table';

/** One group's validation metrics, as metrics.json stores them. */
export interface GroupValidationMetrics {
  count: number;
  accuracy: number;
  f1_macro: number;
}

/** attribute → group value → metrics, in the fairness report's group order. */
export type GroupValidationTable = Record<string, Record<string, GroupValidationMetrics>>;

/** Per-class confusion counts of one group, summed into accuracy and macro-F1 (scikit-learn's definitions). */
interface ClassCounts {
  count: number;
  correct: number;
  f1Sum: number;
  present: number;
}

function addClass(acc: ClassCounts, tp: number, fp: number, fn: number): void {
  acc.correct += tp;
  // f1_score(average='macro') averages over the labels present in y_true or y_pred of the group.
  if (tp + fp + fn > 0) {
    acc.present += 1;
    acc.f1Sum += (2 * tp) / (2 * tp + fp + fn);
  }
}

function finish(acc: ClassCounts): GroupValidationMetrics {
  return { count: acc.count, accuracy: acc.count === 0 ? 0 : acc.correct / acc.count, f1_macro: acc.present === 0 ? 0 : acc.f1Sum / acc.present };
}

/** Groups of one analysis keyed by the attribute's value, counts accumulated by `each`. */
function collect(analysis: FairnessAnalysis | undefined, attribute: string, into: Map<string, ClassCounts>, each: (acc: ClassCounts, row: FairnessAnalysis['by_group'][number]) => void): void {
  for (const row of analysis?.by_group ?? []) {
    const value = row.group[attribute]!;
    let acc = into.get(value);
    if (!acc) into.set(value, (acc = { count: row.count, correct: 0, f1Sum: 0, present: 0 }));
    each(acc, row);
  }
}

/**
 * The fairness report of the validation predictions (class codes) by each attribute, and the
 * accuracy and macro-F1 of every group taken from it. `groups[i]` holds row i's attribute values.
 */
export function groupValidationMetrics(
  yTrue: Int32Array,
  yPred: Int32Array,
  classes: number,
  groups: ReadonlyArray<Record<string, string>>,
  attributes: readonly string[],
): { report: FairnessReport; groups: GroupValidationTable } {
  const classNames = Array.from({ length: Math.max(classes, 1) }, (_, i) => String(i));
  const table = tableFromColumns({
    yTrue,
    yPred,
    classes: classNames,
    sensitive: Object.fromEntries(attributes.map((a) => [a, groups.map((g) => g[a])])),
  });
  const report = computeFairnessReport(table, { sensitive: [...attributes], fourFifths: false });
  const out: GroupValidationTable = {};
  for (const attribute of attributes) {
    const byValue = new Map<string, ClassCounts>();
    if (table.binary) {
      // Class 1 is the report's positive class; class 0's F1 uses the same counts mirrored.
      collect(report.analyses[attribute], attribute, byValue, (acc, r) => {
        addClass(acc, r.tp, r.fp, r.fn);
        addClass(acc, r.tn, r.fn, r.fp);
      });
    } else {
      for (const cls of classNames) collect(report.one_vs_rest?.[cls]?.[attribute], attribute, byValue, (acc, r) => addClass(acc, r.tp, r.fp, r.fn));
    }
    out[attribute] = Object.fromEntries([...byValue].map(([value, acc]) => [value, finish(acc)]));
  }
  return { report, groups: out };
}
