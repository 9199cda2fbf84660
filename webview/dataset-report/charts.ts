// The report's three chart kinds, drawn with Observable Plot (SVG) in the theme's colours.
import { cell, dot, plot, ruleX, ruleY, text, tickX } from '@observablehq/plot';
import type { ChartColors } from '../shared/theme-colors';

export interface IntervalPoint {
  group: string;
  value: number;
  ci?: [number, number];
  /** A second value on the same row (the reference share). */
  reference?: number;
  count: number;
  small: boolean;
}

const ROW_HEIGHT = 30;

function leftMargin(labels: string[]): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.min(220, Math.max(60, longest * 7 + 16));
}

function pctTick(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

/**
 * Dots with confidence whiskers per group on a 0…1 axis, plus an optional reference tick per
 * group (shares vs reference) or an overall rule (label rate vs the whole dataset).
 */
export function intervalChart(
  points: IntervalPoint[],
  opts: { width: number; colors: ChartColors; what: string; overall?: number; overallLabel?: string },
): SVGSVGElement | HTMLElement {
  const c = opts.colors;
  const maxX = Math.max(
    0.05,
    ...points.map((p) => Math.max(p.value, p.ci?.[1] ?? 0, p.reference ?? 0)),
    opts.overall ?? 0,
  );
  const withCi = points.filter((p) => p.ci);
  const withRef = points.filter((p) => p.reference !== undefined);
  const tip = (p: IntervalPoint) =>
    `${p.group}: ${opts.what} ${pctTick(p.value)}${p.ci ? ` (95% CI ${pctTick(p.ci[0])}–${pctTick(p.ci[1])})` : ''}` +
    `${p.reference !== undefined ? `, reference ${pctTick(p.reference)}` : ''}, n = ${p.count}${p.small ? ' (small cell)' : ''}`;
  return plot({
    width: opts.width,
    height: points.length * ROW_HEIGHT + 44,
    marginLeft: leftMargin(points.map((p) => p.group)),
    marginRight: 24,
    style: { color: c.foreground, background: 'transparent', fontSize: '11px', fontFamily: 'inherit' },
    x: { domain: [0, Math.min(1, maxX * 1.08)], grid: true, tickFormat: pctTick, label: opts.what, labelAnchor: 'right' },
    y: { domain: points.map((p) => p.group), label: null },
    marks: [
      ...(opts.overall !== undefined
        ? [ruleX([opts.overall], { stroke: c.muted, strokeDasharray: '4,3' }), text([opts.overall], { x: (d: number) => d, frameAnchor: 'top', dy: -2, text: () => opts.overallLabel ?? '', fill: c.muted, textAnchor: 'start', dx: 4 })]
        : []),
      ruleY(withCi, { y: 'group', x1: (p: IntervalPoint) => p.ci![0], x2: (p: IntervalPoint) => p.ci![1], stroke: c.primary, strokeWidth: 2 }),
      tickX(withCi, { y: 'group', x: (p: IntervalPoint) => p.ci![0], stroke: c.primary, inset: 8 }),
      tickX(withCi, { y: 'group', x: (p: IntervalPoint) => p.ci![1], stroke: c.primary, inset: 8 }),
      tickX(withRef, { y: 'group', x: 'reference', stroke: c.reference, strokeWidth: 3, inset: 3 }),
      dot(points, {
        y: 'group',
        x: 'value',
        r: 4.5,
        fill: (p: IntervalPoint) => (p.small ? c.background : c.primary),
        stroke: c.contrastBorder ?? c.primary,
        strokeWidth: 1.5,
        title: tip,
      }),
    ],
  });
}

export interface HeatCell {
  row: string;
  col: string;
  count: number;
  share: number;
  small: boolean;
}

/** An intersection heatmap: fill by share, the count or share printed in each cell, small cells outlined. */
export function heatmap(
  cells: HeatCell[],
  opts: { width: number; colors: ChartColors; rowLabel: string; colLabel: string; metric: 'share' | 'count'; rows: string[]; cols: string[] },
): SVGSVGElement | HTMLElement {
  const c = opts.colors;
  const max = Math.max(1e-9, ...cells.map((d) => d.share));
  const label = (d: HeatCell) => (opts.metric === 'share' ? pctTick(d.share) : String(d.count)) + (d.small ? ' ⚠' : '');
  // Text on the darkest half of the ramp is drawn in the background colour, elsewhere in the foreground.
  const dark = (d: HeatCell) => d.share / max > 0.55;
  const marginLeft = leftMargin(opts.rows);
  const cellWidth = Math.max(56, Math.min(140, (opts.width - marginLeft - 20) / Math.max(1, opts.cols.length)));
  return plot({
    width: Math.min(opts.width, marginLeft + 20 + cellWidth * opts.cols.length),
    height: opts.rows.length * 34 + 60,
    marginLeft,
    marginRight: 20,
    marginTop: 40,
    padding: 0,
    style: { color: c.foreground, background: 'transparent', fontSize: '11px', fontFamily: 'inherit' },
    x: { domain: opts.cols, axis: 'top', label: opts.colLabel, tickSize: 0 },
    y: { domain: opts.rows, label: opts.rowLabel, tickSize: 0 },
    color: { type: 'linear', domain: [0, max], range: [c.background, c.primary] },
    marks: [
      cell(cells, {
        x: 'col',
        y: 'row',
        fill: 'share',
        inset: 1,
        stroke: c.contrastBorder ?? 'none',
        title: (d: HeatCell) => `${d.row} × ${d.col}: n = ${d.count}, ${pctTick(d.share)} of rows${d.small ? ' (small cell)' : ''}`,
      }),
      // Small cells: a dashed outline in the warning colour (and a ⚠ after the number).
      cell(cells.filter((d) => d.small), { x: 'col', y: 'row', inset: 2, fill: 'none', stroke: c.warn, strokeWidth: 2, strokeDasharray: '4,2' }),
      text(cells.filter((d) => !dark(d)), { x: 'col', y: 'row', text: label, fill: c.foreground }),
      text(cells.filter(dark), { x: 'col', y: 'row', text: label, fill: c.background }),
    ],
  });
}
