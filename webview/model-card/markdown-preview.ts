// A small, safe Markdown renderer for the card preview: headings, paragraphs, lists, tables,
// block quotes, code, emphasis, links and images. It builds DOM nodes and sets text only —
// nothing from the card is ever parsed as HTML — and loads nothing: links are shown but not
// followed, images appear as their alt text, raw HTML appears as text and comments are hidden.
import { append, h } from '../shared/dom';

const PLACEHOLDER = '[More Information Needed]';

/** Text with every placeholder wrapped in a <mark>, so the preview shows what still needs a person. */
function textWithPlaceholders(parent: Node, text: string): void {
  const parts = text.split(PLACEHOLDER);
  parts.forEach((p, i) => {
    if (p) append(parent, p);
    if (i < parts.length - 1) append(parent, h('mark', { class: 'placeholder' }, PLACEHOLDER));
  });
}

const INLINE = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\*\*(?=\S)([\s\S]*?\S)\*\*|__(?=\S)([\s\S]*?\S)__|\*(?=[^\s*])([\s\S]*?[^\s*])\*|(?<![A-Za-z0-9])_(?=[^\s_])([\s\S]*?[^\s_])_(?![A-Za-z0-9])|!\[([^\]]*)\]\(([^)\s]*)[^)]*\)|\[((?:\[More Information Needed\]|[^\]])+)\]\(([^)\s]*)[^)]*\)|<!--[\s\S]*?-->/g;

/** Appends inline Markdown (code, strong, emphasis, links, images) to `parent`. */
export function renderInline(parent: Node, text: string): void {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index!;
    if (at > last) textWithPlaceholders(parent, text.slice(last, at));
    last = at + m[0].length;
    if (m[1] !== undefined) append(parent, h('code', {}, m[2]!.replace(/^ (.*) $/, '$1')));
    else if (m[3] !== undefined || m[4] !== undefined) {
      const strong = h('strong');
      renderInline(strong, (m[3] ?? m[4])!);
      append(parent, strong);
    } else if (m[5] !== undefined || m[6] !== undefined) {
      const em = h('em');
      renderInline(em, (m[5] ?? m[6])!);
      append(parent, em);
    } else if (m[7] !== undefined) {
      append(parent, h('span', { class: 'image-alt', title: `image: ${m[8] ?? ''}` }, `[image: ${m[7] || 'no description'}]`));
    } else if (m[9] !== undefined) {
      // Shown as a link, but not followed: the preview loads and opens nothing.
      const a = h('span', { class: 'link', title: m[10] ?? '' });
      renderInline(a, m[9]);
      append(parent, a);
    }
    // An HTML comment renders as nothing.
  }
  if (last < text.length) textWithPlaceholders(parent, text.slice(last));
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (s[i] === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += s[i];
  }
  cells.push(cur.trim());
  return cells;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const FENCE = /^\s*(```+|~~~+)(.*)$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

function table(lines: string[]): HTMLElement {
  const align = splitRow(lines[1]!).map((c) => (c.endsWith(':') ? (c.startsWith(':') ? 'center' : 'right') : 'left'));
  const head = h('thead', {}, h('tr'));
  for (const [i, c] of splitRow(lines[0]!).entries()) {
    const th = h('th', { 'data-align': align[i] });
    renderInline(th, c);
    head.firstChild!.appendChild(th);
  }
  const body = h('tbody');
  for (const line of lines.slice(2)) {
    const tr = h('tr');
    for (const [i, c] of splitRow(line).entries()) {
      const td = h('td', { 'data-align': align[i] });
      renderInline(td, c);
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  return h('div', { class: 'table-wrap' }, h('table', {}, head, body));
}

/** Renders block-level Markdown (front matter already removed) into a fragment. */
export function renderMarkdown(text: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  const flush = () => {
    if (para.length === 0) return;
    const p = h('p');
    renderInline(p, para.join('\n'));
    if (p.childNodes.length) out.appendChild(p);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      const close = new RegExp(`^\\s*${fence[1]![0] === '`' ? '`' : '~'}{${fence[1]!.length},}\\s*$`);
      for (i++; i < lines.length && !close.test(lines[i]!); i++) body.push(lines[i]!);
      out.appendChild(h('pre', {}, h('code', { 'data-lang': fence[2]!.trim() || undefined }, body.join('\n'))));
      continue;
    }
    if (/^\s*<!--/.test(line)) {
      flush();
      while (i < lines.length && !lines[i]!.includes('-->')) i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const el = h(`h${heading[1]!.length}` as 'h1');
      renderInline(el, heading[2]!);
      out.appendChild(el);
      continue;
    }
    if (para.length === 0 && line.includes('|') && i + 1 < lines.length && DELIMITER_ROW.test(lines[i + 1]!)) {
      const rows = [line, lines[i + 1]!];
      for (i += 2; i < lines.length && lines[i]!.includes('|') && lines[i]!.trim() !== ''; i++) rows.push(lines[i]!);
      i--;
      out.appendChild(table(rows));
      continue;
    }
    if (/^\s*>/.test(line)) {
      flush();
      const quoted: string[] = [];
      for (; i < lines.length && /^\s*>/.test(lines[i]!); i++) quoted.push(lines[i]!.replace(/^\s*>\s?/, ''));
      i--;
      out.appendChild(h('blockquote', {}, renderMarkdown(quoted.join('\n'))));
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item && !(para.length && /^\d/.test(item[2]!))) {
      flush();
      const ordered = /^\d/.test(item[2]!);
      const list = h(ordered ? 'ol' : 'ul');
      for (; i < lines.length; i++) {
        const m = LIST_ITEM.exec(lines[i]!);
        if (m && /^\d/.test(m[2]!) === ordered) {
          const li = h('li');
          const body = [m[3]!];
          while (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]!) && !LIST_ITEM.test(lines[i + 1]!)) body.push(lines[++i]!.trim());
          renderInline(li, body.join('\n'));
          list.appendChild(li);
        } else break;
      }
      i--;
      out.appendChild(list);
      continue;
    }
    if (/^\s*(\*{3,}|-{3,}|_{3,})\s*$/.test(line) && para.length === 0) {
      out.appendChild(h('hr'));
      continue;
    }
    if (para.length && /^\s*(=+|-+)\s*$/.test(line)) {
      const el = h(line.trim().startsWith('=') ? 'h1' : 'h2');
      renderInline(el, para.join(' '));
      para = [];
      out.appendChild(el);
      continue;
    }
    if (line.trim() === '') flush();
    else para.push(line.replace(/ {2,}$/, ''));
  }
  flush();
  return out;
}

/** Splits a card into its front matter (YAML text) and its Markdown body. */
export function splitFrontMatter(text: string): { yaml?: string; body: string } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? { yaml: m[1]!, body: text.slice(m[0].length) } : { body: text };
}
