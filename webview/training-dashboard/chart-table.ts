// The table behind each chart: one row per line with the numbers a screen reader (or anyone
// checking a value) needs. Its first cell carries the row's figures as data attributes, which the
// page reads back for the host (RenderedSeries).
import { dataTable } from '../shared/data-table';
import { h } from '../shared/dom';
import { num } from '../shared/format';

export interface TableRow {
  run: string;
  runName: string;
  /** The metric, or the group on a per-group chart. */
  series: string;
  points: number;
  drawn: number;
  lastStep?: number;
  lastEpoch?: number;
  last?: number;
  smoothed?: number;
  min?: number;
  max?: number;
}

const value = (x: number | undefined) => (x === undefined ? '—' : Number.isFinite(x) ? num(x, 6) : String(x));

/** The captioned table of a chart's lines. */
export function chartTable(caption: string, rows: TableRow[], opts: { groupLabel?: string; showRun: boolean }): { element: HTMLElement; id: string } {
  const key = (r: TableRow) =>
    h(
      'span',
      {
        class: 'series-key',
        'data-run': r.run,
        'data-series': r.series,
        'data-points': r.points,
        'data-drawn': r.drawn,
        'data-last-step': r.lastStep ?? '',
        'data-last-value': r.last ?? '',
        'data-smoothed': r.smoothed ?? '',
      },
      opts.showRun ? r.runName : r.series,
    );
  return dataTable<TableRow>(
    caption,
    [
      ...(opts.showRun
        ? [{ label: 'Run', cell: key, width: '16%' }, { label: opts.groupLabel ?? 'Metric', cell: (r: TableRow) => r.series, width: '17%' }]
        : [{ label: opts.groupLabel ?? 'Metric', cell: key, width: '26%' }]),
      { label: 'Points', cell: (r) => num(r.points, 0), numeric: true },
      { label: 'Last step', cell: (r) => value(r.lastStep), numeric: true },
      { label: 'Last epoch', cell: (r) => value(r.lastEpoch), numeric: true },
      { label: 'Last value', cell: (r) => value(r.last), numeric: true },
      { label: 'Smoothed', cell: (r) => value(r.smoothed), numeric: true },
      { label: 'Min', cell: (r) => value(r.min), numeric: true },
      { label: 'Max', cell: (r) => value(r.max), numeric: true },
    ],
    rows,
    { empty: 'No points yet.' },
  );
}
