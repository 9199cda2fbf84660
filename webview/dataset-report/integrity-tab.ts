// Tab "Integrity": duplicates, conflicting labels, train/test leakage, missing required fields,
// mixed types and constant columns; every line number reveals that line in the editor.
import type { DatasetProfile, IntegrityReport } from '../../src/core/profile/profile-types';
import type { ReportContext } from '../../src/protocol/dataset-report-protocol';
import { dataTable } from '../shared/data-table';
import { h } from '../shared/dom';
import { num } from '../shared/format';

/** Lines shown per group before "+N more". */
const LINES_SHOWN = 12;

export type RevealLine = (file: string, line: number) => void;

/** A path as shown: relative to the workspace folder when inside it. */
function shown(file: string, ctx: ReportContext): string {
  return ctx.displayRoot && file.startsWith(ctx.displayRoot) ? file.slice(ctx.displayRoot.length) : file;
}

function lineLink(file: string, line: number, ctx: ReportContext, reveal: RevealLine, label = String(line)): Node {
  if (!ctx.linesRevealable) return h('span', { class: 'line-number' }, label);
  return h(
    'button',
    { type: 'button', class: 'line-link', 'data-file': file, 'data-line': line, title: `Show line ${line} of ${shown(file, ctx)}`, 'aria-label': `Show line ${line} of ${shown(file, ctx)}`, onclick: () => reveal(file, line) },
    label,
  );
}

function lineLinks(file: string, lines: number[], ctx: ReportContext, reveal: RevealLine): HTMLElement {
  const span = h('span', { class: 'lines' });
  lines.slice(0, LINES_SHOWN).forEach((line, i) => {
    if (i > 0) span.append(', ');
    span.append(lineLink(file, line, ctx, reveal));
  });
  if (lines.length > LINES_SHOWN) span.append(h('span', { class: 'muted' }, ` +${lines.length - LINES_SHOWN} more`));
  return span;
}

interface SummaryRow {
  check: string;
  count: number;
  detail: string;
  bad: 'fail' | 'warn' | 'info';
}

function summaryRows(r: IntegrityReport): SummaryRow[] {
  const missingFields = r.missing_required.filter((m) => m.count > 0);
  const missing = missingFields.reduce((s, m) => s + m.count, 0);
  return [
    { check: 'Exact duplicates', count: r.duplicates.exact, detail: 'rows whose text repeats an earlier row exactly', bad: 'warn' },
    { check: 'Normalised duplicates', count: r.duplicates.normalised, detail: 'equal after folding case, whitespace and punctuation', bad: 'warn' },
    { check: 'Conflicting labels', count: r.conflicting_labels.count, detail: 'the same text with different labels', bad: 'warn' },
    {
      check: 'Train/test leakage',
      count: r.leakage.count,
      detail: r.leakage.split === undefined ? 'not checked: this file is in no configured split' : `rows of this ${r.leakage.split} split whose text is in another split`,
      bad: 'fail',
    },
    { check: 'Missing required fields', count: missing, detail: missingFields.length ? `in ${missingFields.map((m) => m.field).join(', ')}` : 'required fields present and non-empty', bad: 'warn' },
    { check: 'Mixed types', count: r.mixed_types.length, detail: 'columns holding more than one type', bad: 'info' },
    { check: 'Constant columns', count: r.constant_columns.length, detail: r.constant_columns.join(', ') || 'columns with a single value', bad: 'info' },
  ];
}

export function integrityTab(profile: DatasetProfile, ctx: ReportContext, reveal: RevealLine): HTMLElement {
  const panel = h('div', { class: 'tab-content' });
  const r = profile.integrity;
  if (!r) {
    panel.append(h('p', { class: 'muted' }, 'Integrity checks did not run for this dataset.'));
    return panel;
  }
  const file = profile.file;
  if (!ctx.linesRevealable) panel.append(h('p', { class: 'muted' }, 'Numbers below are row numbers of the Parquet file (it cannot be shown as text).'));
  const summary = dataTable(
    'Integrity checks',
    [
      { label: 'Check', cell: (s: SummaryRow) => s.check, width: '30%' },
      { label: 'Count', cell: (s) => h('span', { class: s.count > 0 ? `status-text status-${s.bad}` : 'status-text status-ok' }, num(s.count, 0)), numeric: true, width: '10%' },
      { label: 'What it means', cell: (s) => s.detail, width: '60%' },
    ],
    summaryRows(r),
  );
  panel.append(h('section', { class: 'attribute' }, summary.element));
  if (r.notes?.length) panel.append(h('ul', { class: 'callout', 'aria-label': 'Notes on the integrity checks' }, ...r.notes.map((n) => h('li', {}, n))));

  if (r.duplicates.groups.length > 0) {
    panel.append(
      section(
        'Duplicate texts',
        dataTable(
          `Duplicate groups (${num(r.duplicates.groups.length, 0)}${r.duplicates.groups_total !== undefined && r.duplicates.groups_total > r.duplicates.groups.length ? ` of ${num(r.duplicates.groups_total, 0)}` : ''} listed, largest first)${ctx.linesRevealable ? '; click a line to show it' : ''}`,
          [
            { label: 'Kind', cell: (g: IntegrityReport['duplicates']['groups'][number]) => g.kind, width: '14%' },
            { label: 'Rows', cell: (g) => num(g.count, 0), numeric: true, width: '10%' },
            { label: 'Lines', cell: (g) => lineLinks(file, g.lines, ctx, reveal) },
          ],
          r.duplicates.groups,
        ).element,
      ),
    );
  }
  if (r.conflicting_labels.groups.length > 0) {
    panel.append(
      section(
        'Conflicting labels',
        dataTable(
          'Texts that appear with different labels',
          [
            { label: 'Labels', cell: (g: IntegrityReport['conflicting_labels']['groups'][number]) => g.labels.join(' / '), width: '24%' },
            { label: 'Lines', cell: (g) => lineLinks(file, g.lines, ctx, reveal) },
          ],
          r.conflicting_labels.groups,
        ).element,
      ),
    );
  }
  if (r.leakage.pairs.length > 0) {
    type Pair = IntegrityReport['leakage']['pairs'][number];
    panel.append(
      section(
        'Train/test leakage',
        dataTable(
          'The same text in two splits: this line and its twin',
          [
            { label: 'Split', cell: (p: Pair) => p.split, width: '14%' },
            { label: 'Line', cell: (p) => lineLink(file, p.line, ctx, reveal), width: '12%' },
            { label: 'Other split', cell: (p) => p.other_split, width: '14%' },
            { label: 'Twin', cell: (p) => lineLink(p.other_file, p.other_line, ctx, reveal, `${shown(p.other_file, ctx)}:${p.other_line}`), width: '60%' },
          ],
          r.leakage.pairs,
        ).element,
      ),
    );
  }
  if (r.missing_required.some((m) => m.count > 0)) {
    type Missing = IntegrityReport['missing_required'][number];
    panel.append(
      section(
        'Missing required fields',
        dataTable(
          'Required fields that are missing or empty',
          [
            { label: 'Field', cell: (m: Missing) => m.field, width: '24%' },
            { label: 'Rows', cell: (m) => num(m.count, 0), numeric: true, width: '10%' },
            { label: 'Lines', cell: (m) => lineLinks(file, m.lines, ctx, reveal) },
          ],
          r.missing_required.filter((m) => m.count > 0),
        ).element,
      ),
    );
  }
  if (r.mixed_types.length > 0) {
    type Mixed = IntegrityReport['mixed_types'][number];
    panel.append(
      section(
        'Mixed types',
        dataTable(
          'Columns holding values of more than one type',
          [
            { label: 'Column', cell: (m: Mixed) => m.field, width: '30%' },
            { label: 'Types (rows)', cell: (m) => Object.entries(m.types).map(([t, n]) => `${t}: ${num(n, 0)}`).join(', ') },
          ],
          r.mixed_types,
        ).element,
      ),
    );
  }
  return panel;
}

function section(title: string, table: HTMLElement): HTMLElement {
  return h('section', { class: 'attribute' }, h('h3', {}, title), table);
}
