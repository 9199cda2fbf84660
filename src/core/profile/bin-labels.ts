/**
 * Bins for numeric sensitive attributes such as age: edges [18, 30, 45, 65] make the groups
 * "<18", "18–29", "30–44", "45–64", "≥65". Bin i holds edge[i−1] ≤ x < edge[i].
 */

/** Validates bin edges: finite and strictly increasing; returns an error message or undefined. */
export function checkBinEdges(edges: readonly number[]): string | undefined {
  if (edges.length === 0) return 'bins need at least one edge';
  for (let i = 0; i < edges.length; i++) {
    if (!Number.isFinite(edges[i])) return `bin edge ${String(edges[i])} is not a finite number`;
    if (i > 0 && edges[i]! <= edges[i - 1]!) return `bin edges must increase strictly (${edges[i - 1]} then ${edges[i]})`;
  }
  return undefined;
}

/**
 * The label of each of the edges.length + 1 bins. Between two integer edges the upper bound is
 * written inclusive ("18–29"), as people write age bands; otherwise half-open ("0.5–<1.5").
 */
export function binLabels(edges: readonly number[]): string[] {
  const labels = [`<${edges[0]}`];
  for (let i = 1; i < edges.length; i++) {
    const lo = edges[i - 1]!;
    const hi = edges[i]!;
    if (Number.isInteger(lo) && Number.isInteger(hi)) labels.push(hi - 1 === lo ? `${lo}` : `${lo}–${hi - 1}`);
    else labels.push(`${lo}–<${hi}`);
  }
  labels.push(`≥${edges[edges.length - 1]}`);
  return labels;
}

/** The bin index (0..edges.length) of a number: how many edges are ≤ x. */
export function binIndex(x: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && x >= edges[i]!) i++;
  return i;
}
