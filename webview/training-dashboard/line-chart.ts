// A metric chart drawn with Observable Plot (SVG): per line a faint raw curve under the smoothed
// one, as TensorBoard draws them, in the theme's colours. Lines arrive already downsampled to a
// few points per pixel, so Plot never sees a million points.
import { dot, line, plot } from '@observablehq/plot';
import type { XAxis } from '../../src/protocol/training-dashboard-protocol';
import type { ChartColors } from '../shared/theme-colors';
import { clock } from './time-format';

export interface ChartLine {
  /** Raw values (drawn faint when a smoothed line is given). */
  raw: { x: Float64Array; y: Float64Array };
  smoothed?: { x: Float64Array; y: Float64Array };
  color: string;
  /** Stroke dash pattern (compared runs on a per-group chart). */
  dash?: string;
  /** Dots at the points: few points, e.g. one evaluation per epoch. */
  dots: boolean;
}

export interface LineChartOptions {
  width: number;
  height: number;
  colors: ChartColors;
  axis: XAxis;
  xDomain: [number, number];
  logScale: boolean;
}

/** Left and right margins: the plot area is what the downsampling counts pixels over. */
export const MARGIN_LEFT = 56;
export const MARGIN_RIGHT = 16;

const AXIS_LABEL: Record<XAxis, string> = { step: 'Step', epoch: 'Epoch', relative: 'Time since start' };

function numberTick(x: number): string {
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return x.toExponential(1);
  return Number(x.toPrecision(4)).toLocaleString('en-US');
}

/** Draws one chart. */
export function lineChart(lines: ChartLine[], opts: LineChartOptions): SVGSVGElement | HTMLElement {
  const c = opts.colors;
  const width = Math.max(1, opts.width);
  const marks = [];
  for (const l of lines) {
    const stroke = c.contrastBorder && lines.length === 1 ? c.foreground : l.color;
    const dash = l.dash;
    if (l.smoothed) {
      marks.push(line({ length: l.raw.x.length }, { x: l.raw.x, y: l.raw.y, stroke, strokeOpacity: c.highContrast ? 0.5 : 0.28, strokeWidth: 1, strokeDasharray: dash }));
      marks.push(line({ length: l.smoothed.x.length }, { x: l.smoothed.x, y: l.smoothed.y, stroke, strokeWidth: 1.75, strokeDasharray: dash }));
    } else {
      marks.push(line({ length: l.raw.x.length }, { x: l.raw.x, y: l.raw.y, stroke, strokeWidth: 1.5, strokeDasharray: dash }));
    }
    const top = l.smoothed ?? l.raw;
    if (l.dots) marks.push(dot({ length: top.x.length }, { x: top.x, y: top.y, fill: stroke, r: 2.5 }));
  }
  return plot({
    width,
    height: opts.height,
    marginLeft: MARGIN_LEFT,
    marginRight: MARGIN_RIGHT,
    marginTop: 12,
    marginBottom: 34,
    style: { color: c.foreground, background: 'transparent', fontSize: '11px', fontFamily: 'inherit' },
    x: {
      domain: opts.xDomain,
      label: AXIS_LABEL[opts.axis],
      labelAnchor: 'right',
      tickFormat: opts.axis === 'relative' ? clock : numberTick,
      ticks: Math.max(2, Math.floor(width / 90)),
    },
    y: { type: opts.logScale ? 'log' : 'linear', grid: true, label: null, tickFormat: numberTick, ticks: 5, nice: !opts.logScale },
    marks,
  });
}
