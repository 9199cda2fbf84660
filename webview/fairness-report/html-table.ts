// Plain HTML data tables for the Fairness Report. The page redraws on every move of the
// threshold slider; a vscode-table costs tens of milliseconds each to attach (layout, resize
// observers), a <table> next to nothing, and screen readers know it natively (caption, th
// scope). Same column shape as webview/shared/data-table.ts.
import type { Column } from '../shared/data-table';
import { h, uid } from '../shared/dom';

export type { Column };

/** A captioned table; returns the element and the id charts point aria-describedby at. */
export function htmlTable<R>(caption: string, columns: Column<R>[], rows: R[], opts: { empty?: string; rowAttrs?: (row: R) => Record<string, string> } = {}): { element: HTMLTableElement; id: string } {
  const id = uid('table');
  const cls = (c: Column<R>) => (c.numeric ? 'numeric' : undefined);
  const table = h(
    'table',
    { id, class: 'data' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: cls(c) }, c.label)))),
  );
  const body = h('tbody');
  for (const r of rows) {
    const tr = h('tr', opts.rowAttrs?.(r) ?? {});
    columns.forEach((c, i) => {
      const content = c.cell(r);
      tr.append(i === 0 ? h('th', { scope: 'row', class: cls(c) }, content) : h('td', { class: cls(c) }, content));
    });
    body.append(tr);
  }
  if (rows.length === 0) body.append(h('tr', {}, h('td', { class: 'empty', colspan: columns.length }, opts.empty ?? 'Nothing to show.')));
  table.append(body);
  return { element: table, id };
}
