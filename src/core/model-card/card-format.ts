// Small formatting helpers shared by the model card and the datasheet: Markdown tables, numbers,
// metric names. Cells are escaped so a group name with a pipe cannot break a table.

/** A GitHub-flavoured Markdown table. */
export function markdownTable(header: string[], rows: Array<Array<string | number>>, align?: Array<'l' | 'r'>): string {
  const cell = (v: string | number) => String(v).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

/** A number with at most `digits` decimals, trailing zeros dropped (0.1, 0.163, 12). */
export function formatNumber(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const r = Number(x.toFixed(digits));
  return String(Object.is(r, -0) ? 0 : r);
}

/** Rounds for the model-index: four decimals are plenty for metrics in [0, 1]. */
export function roundMetric(x: number): number {
  const r = Math.round(x * 1e4) / 1e4;
  return Object.is(r, -0) ? 0 : r;
}

/** An integer with thousands separators (1,500). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A share as a percentage with one decimal (20.1%). */
export function formatShare(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)}%`;
}

const METRIC_NAMES: Record<string, string> = {
  accuracy: 'Accuracy',
  balanced_accuracy: 'Balanced accuracy',
  selection_rate: 'Selection rate',
  base_rate: 'Base rate',
  true_positive_rate: 'True positive rate',
  false_positive_rate: 'False positive rate',
  false_negative_rate: 'False negative rate',
  true_negative_rate: 'True negative rate',
  precision: 'Precision',
  roc_auc: 'ROC AUC',
  f1: 'F1',
  loss: 'Loss',
};

/** A readable metric name: Fairlearn's snake_case turned into words (demographic parity difference). */
export function metricName(type: string): string {
  if (METRIC_NAMES[type]) return METRIC_NAMES[type]!;
  const words = type.replace(/_agg_mean$/, ' (mean aggregation)').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `attr=value` slices joined by commas, the model-index spelling of a group. */
export function sliceConfig(group: Record<string, string>): string {
  return Object.entries(group)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The readable form of a group: "female" for one attribute, "female × A" for an intersection. */
export function groupLabel(group: Record<string, string>): string {
  return Object.values(group).join(' × ');
}

/** A file's base name without its extension (the model-index dataset name). */
export function fileStem(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.[^.]+$/, '') || base;
}

/** Seconds as "2 h 05 min", "25 min" or "40 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
