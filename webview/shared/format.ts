// Number formats shared by the reports: the same value reads the same on a card, in a chart and
// in a table.

/** 0.1234 → "12.3%". */
export function pct(x: number | undefined, digits = 1): string {
  return x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** p-values: "< 0.0001" below the smallest shown, else four decimals or scientific. */
export function pValue(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '—';
  if (p < 1e-4) return p === 0 ? '< 1e-16' : p.toExponential(1);
  return p.toFixed(4);
}

/** A plain number with up to `digits` decimals, grouping thousands. */
export function num(x: number | undefined, digits = 3): string {
  if (x === undefined || !Number.isFinite(x)) return x === Infinity ? '∞' : '—';
  return x.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** An interval as "12.0–14.1%". */
export function pctInterval(ci: [number, number] | undefined): string {
  return ci ? `${(ci[0] * 100).toFixed(1)}–${(ci[1] * 100).toFixed(1)}%` : '—';
}
