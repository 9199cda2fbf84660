// Data tables built from @vscode-elements/elements' table (role=table, rows and cells with their
// ARIA roles), with a visible caption that also names the table for screen readers.
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import { append, h, uid } from './dom';

export interface Column<R> {
  label: string;
  cell: (row: R) => Node | string | number;
  /** Initial width ("20%", "120px", "auto"). */
  width?: string;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

/** A captioned table; returns the element and the id that charts point aria-describedby at. */
export function dataTable<R>(caption: string, columns: Column<R>[], rows: R[], opts: { empty?: string } = {}): { element: HTMLElement; id: string } {
  const id = uid('table');
  const captionId = `${id}-caption`;
  const table = h('vscode-table', {
    id,
    class: 'data-table',
    zebra: true,
    'aria-labelledby': captionId,
    'min-column-width': '40px',
  });
  if (columns.some((c) => c.width)) table.setAttribute('columns', JSON.stringify(columns.map((c) => c.width ?? 'auto')));
  const header = h('vscode-table-header', { slot: 'header' });
  for (const c of columns) append(header, h('vscode-table-header-cell', { class: c.numeric ? 'numeric' : undefined }, c.label));
  const body = h('vscode-table-body', { slot: 'body' });
  for (const r of rows) {
    const row = h('vscode-table-row');
    for (const c of columns) append(row, h('vscode-table-cell', { class: c.numeric ? 'numeric' : undefined }, c.cell(r)));
    append(body, row);
  }
  if (rows.length === 0) {
    append(body, h('vscode-table-row', {}, h('vscode-table-cell', { class: 'empty' }, opts.empty ?? 'Nothing to show.')));
  }
  append(table, h('div', { slot: 'caption', id: captionId, class: 'table-caption' }, caption), header, body);
  return { element: table, id };
}
