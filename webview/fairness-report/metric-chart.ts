// One metric by group as horizontal bars (Observable Plot, SVG) in the theme's colours: the
// interval as a whisker, the overall value as a dashed line, small groups drawn hollow with
// their n printed, so a rate from 2 people never looks as solid as one from 2,000.
import { barX, plot, ruleX, ruleY, text, tickX } from '@observablehq/plot';
import type { ChartColors } from '../shared/theme-colors';

export interface MetricBar {
  group: string;
  /** null: undefined for this group (e.g. no positives for a TPR). */
  value: number | null;
  ci?: [number, number];
  count: number;
  small: boolean;
}

const ROW_HEIGHT = 26;

function leftMargin(labels: string[]): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.min(260, Math.max(70, longest * 7 + 16));
}

/** 0.1 → "10.0%": values printed with one decimal, so they line up. */
export function pct1(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function pctTick(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

/** Bars of one rate per group on a 0…1 axis. */
export function metricChart(bars: MetricBar[], opts: { width: number; colors: ChartColors; label: string; overall?: number | null }): SVGSVGElement | HTMLElement {
  const c = opts.colors;
  const defined = bars.filter((b): b is MetricBar & { value: number } => b.value !== null && Number.isFinite(b.value));
  const withCi = defined.filter((b) => b.ci);
  const max = Math.max(0.05, ...defined.map((b) => Math.max(b.value, b.ci?.[1] ?? 0)), opts.overall ?? 0);
  const domainMax = Math.min(1, max * 1.12 + 0.02);
  const tip = (b: MetricBar) =>
    `${b.group}: ${opts.label} ${b.value === null ? 'undefined' : pctTick(b.value)}${b.ci ? ` (interval ${pctTick(b.ci[0])}–${pctTick(b.ci[1])})` : ''}, n = ${b.count}${b.small ? ' (small group: unreliable)' : ''}`;
  const overall = opts.overall !== undefined && opts.overall !== null && Number.isFinite(opts.overall) ? opts.overall : undefined;
  return plot({
    width: opts.width,
    height: bars.length * ROW_HEIGHT + 46,
    marginLeft: leftMargin(bars.map((b) => b.group)),
    marginRight: 110,
    marginTop: 18,
    style: { color: c.foreground, background: 'transparent', fontSize: '11px', fontFamily: 'inherit' },
    x: { domain: [0, domainMax], grid: true, tickFormat: pctTick, label: opts.label, labelAnchor: 'right' },
    y: { domain: bars.map((b) => b.group), label: null, padding: 0.25 },
    marks: [
      barX(defined.filter((b) => !b.small), { y: 'group', x: 'value', fill: c.primary, fillOpacity: 0.85, stroke: c.contrastBorder ?? 'none', title: tip }),
      // Small groups: hollow, dashed outline in the warning colour.
      barX(defined.filter((b) => b.small), { y: 'group', x: 'value', fill: c.primary, fillOpacity: 0.15, stroke: c.warn, strokeWidth: 1.5, strokeDasharray: '4,2', title: tip }),
      ruleY(withCi, { y: 'group', x1: (b: MetricBar) => b.ci![0], x2: (b: MetricBar) => b.ci![1], stroke: c.foreground, strokeWidth: 1.5 }),
      tickX(withCi, { y: 'group', x: (b: MetricBar) => b.ci![0], stroke: c.foreground, inset: 6 }),
      tickX(withCi, { y: 'group', x: (b: MetricBar) => b.ci![1], stroke: c.foreground, inset: 6 }),
      ...(overall !== undefined
        ? [
            ruleX([overall], { stroke: c.reference, strokeWidth: 1.5, strokeDasharray: '5,3' }),
            text([overall], { x: (d: number) => d, frameAnchor: 'top', dy: -10, text: () => `overall ${pctTick(overall)}`, fill: c.reference, textAnchor: 'middle' }),
          ]
        : []),
      // The value (and the n of small groups) right of the bar or its whisker.
      text(bars, {
        y: 'group',
        x: (b: MetricBar) => (b.value === null ? 0 : Math.max(b.value, b.ci?.[1] ?? 0)),
        dx: 6,
        textAnchor: 'start',
        fill: (b: MetricBar) => (b.small ? c.warn : c.foreground),
        text: (b: MetricBar) => `${b.value === null ? 'undefined' : pct1(b.value)}${b.small ? `  ⚠ n=${b.count}` : ''}`,
      }),
    ],
  });
}
