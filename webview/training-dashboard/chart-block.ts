// One chart with its legend and the table behind it: picks the x axis, smooths, downsamples to
// the plot's pixel width, draws, and lists each line's figures.
import type { DashboardRun, XAxis } from '../../src/protocol/training-dashboard-protocol';
import { h } from '../shared/dom';
import { num } from '../shared/format';
import { chartFigure } from '../shared/plot-figure';
import { chartColors } from '../shared/theme-colors';
import type { ChartSpec, SeriesRef } from './chart-layout';
import { chartTable, type TableRow } from './chart-table';
import type { ControlState } from './controls';
import type { DashboardData } from './dashboard-data';
import { lineChart, MARGIN_LEFT, MARGIN_RIGHT, type ChartLine } from './line-chart';
import { RUN_DASHES } from './series-colors';
import { drawnPoints, xExtent } from './series-view';

export interface BlockContext {
  data: DashboardData;
  shown: string[];
  runInfo: Map<string, DashboardRun>;
  state: ControlState;
  palette: string[];
  width: number;
  originOf: (run: string) => number;
}

const CHART_HEIGHT = 220;
/** Lines with fewer points than this get a dot at each (per-epoch evaluations). */
const DOT_LIMIT = 60;

const AXIS_WORDS: Record<XAxis, string> = { step: 'step', epoch: 'epoch', relative: 'time since the run started' };

function hasEpochs(ctx: BlockContext, refs: SeriesRef[]): boolean {
  return refs.some((r) => ctx.data.series(r.run, r.name)?.epoch.some((e) => Number.isFinite(e)));
}

function legendEntry(label: string, color: string, dash?: string): HTMLElement {
  const sw = h('span', { class: `swatch line-swatch${dash ? ' dashed' : ''}`, 'aria-hidden': 'true' });
  sw.style.borderTopColor = color; // CSSOM, which the page's CSP allows
  return h('span', { class: 'legend-entry' }, sw, label);
}

/** Redraws `el` with the chart `spec`. */
export function renderChartBlock(el: HTMLElement, spec: ChartSpec, ctx: BlockContext): void {
  const { data, state } = ctx;
  // Per-group metrics are measured per evaluation: over epochs when the points have them.
  const axis: XAxis = spec.kind === 'group' && hasEpochs(ctx, spec.series) ? 'epoch' : state.xAxis;
  const runName = (id: string) => ctx.runInfo.get(id)?.name ?? id;
  const multiRun = new Set(spec.series.map((r) => r.run)).size > 1 || ctx.shown.length > 1;
  const groups = [...new Set(spec.series.map((r) => r.label))];

  let x0 = Infinity;
  let x1 = -Infinity;
  for (const r of spec.series) {
    const s = data.series(r.run, r.name);
    const e = s && xExtent(s, axis, ctx.originOf(r.run));
    if (e) (x0 = Math.min(x0, e[0])), (x1 = Math.max(x1, e[1]));
  }
  const title = h('h3', { class: 'chart-title' }, spec.title);
  if (!(x0 <= x1)) {
    el.replaceChildren(title, h('p', { class: 'muted' }, axis === 'epoch' ? 'These points carry no epoch numbers: choose Step or Time on the X axis.' : 'No points to draw yet.'));
    return;
  }
  if (x0 === x1) (x0 -= 0.5), (x1 += 0.5);
  const buckets = Math.max(1, Math.round(ctx.width - MARGIN_LEFT - MARGIN_RIGHT));
  const smoothing = state.smoothing;

  const lines: ChartLine[] = [];
  const rows: TableRow[] = [];
  const legend: HTMLElement[] = [];
  const legendGroups = new Set<string>();
  for (const r of spec.series) {
    const s = data.series(r.run, r.name);
    if (!s || s.length === 0) continue;
    const runIndex = Math.max(0, ctx.shown.indexOf(r.run));
    const color = spec.kind === 'group' ? ctx.palette[groups.indexOf(r.label) % ctx.palette.length]! : ctx.palette[runIndex % ctx.palette.length]!;
    const dash = spec.kind === 'group' ? RUN_DASHES[runIndex % RUN_DASHES.length] : undefined;
    const opts = { axis, origin: ctx.originOf(r.run), x0, x1, buckets, logScale: state.logScale };
    const raw = drawnPoints(s, s.value, opts);
    const smoothedValues = smoothing > 0 ? data.smoothed(r.run, r.name, smoothing) : undefined;
    const smoothed = smoothedValues ? drawnPoints(s, smoothedValues, opts) : undefined;
    lines.push({ raw, ...(smoothed ? { smoothed } : {}), color, ...(dash ? { dash } : {}), dots: raw.x.length < DOT_LIMIT });
    const n = s.length;
    const range = data.range(r.run, r.name);
    const lastEpoch = s.epoch[n - 1]!;
    rows.push({
      run: r.run,
      runName: runName(r.run),
      series: r.label,
      points: n,
      drawn: (smoothed ?? raw).x.length,
      lastStep: s.step[n - 1]!,
      ...(Number.isFinite(lastEpoch) ? { lastEpoch } : {}),
      last: s.value[n - 1]!,
      ...(smoothedValues ? { smoothed: smoothedValues[n - 1]! } : {}),
      ...(range ? { min: range.min, max: range.max } : {}),
    });
    if (spec.kind === 'group') {
      if (!legendGroups.has(r.label)) legendGroups.add(r.label), legend.push(legendEntry(r.label, color));
    } else if (multiRun) legend.push(legendEntry(runName(r.run), color));
  }
  if (spec.kind === 'group' && ctx.shown.length > 1) {
    // Runs are told apart by dash here (colour means the group), so their swatches are neutral.
    const neutral = chartColors().foreground;
    for (const id of ctx.shown) if (spec.series.some((r) => r.run === id)) legend.push(legendEntry(runName(id), neutral, RUN_DASHES[ctx.shown.indexOf(id) % RUN_DASHES.length] ?? undefined));
  }

  const what = spec.kind === 'group' ? `${spec.title}, one line per ${spec.attribute} group` : spec.title;
  const caption = `${what} over ${AXIS_WORDS[axis]}${smoothing > 0 ? `, smoothed ${smoothing} (faint: raw values)` : ''}${state.logScale ? ', log scale' : ''}.${gapText(spec, rows, ctx.shown[0])}`;
  const table = chartTable(`${spec.title}: values per ${spec.kind === 'group' ? 'group' : 'line'}`, rows, {
    showRun: multiRun,
    ...(spec.kind === 'group' ? { groupLabel: spec.attribute ?? 'Group' } : {}),
  });
  const chart = lineChart(lines, { width: ctx.width, height: CHART_HEIGHT, colors: chartColors(), axis, xDomain: [x0, x1], logScale: state.logScale });
  el.replaceChildren(title, legend.length > 0 ? h('div', { class: 'legend' }, ...legend) : '', chartFigure(chart, caption, table.id), table.element);
}

/** Per-group charts: the spread between the best and the worst group at their latest values (main run). */
function gapText(spec: ChartSpec, rows: TableRow[], main: string | undefined): string {
  if (spec.kind !== 'group') return '';
  const latest = rows.filter((r) => r.run === main && r.last !== undefined && Number.isFinite(r.last));
  if (latest.length < 2) return '';
  latest.sort((a, b) => a.last! - b.last!);
  const lo = latest[0]!;
  const hi = latest[latest.length - 1]!;
  return ` Latest gap between groups: ${num(hi.last! - lo.last!, 4)} (${hi.series} ${num(hi.last!, 4)} vs ${lo.series} ${num(lo.last!, 4)}).`;
}
