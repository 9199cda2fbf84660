// The Model Card Editor webview: a form for the fields that need a person and a live preview
// of the card, both drawn from the document the host sends (src/extension/model-card). Typed by
// src/protocol/model-card-protocol.ts.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '../shared/webview.css';
import './model-card.css';
import type { CardInspection, EditorToHost, HostToEditor } from '../../src/protocol/model-card-protocol';
import { reportCspViolations } from '../shared/csp-reporter';
import { h } from '../shared/dom';
import { vscodeApi } from '../shared/vscode-api';
import { createForm, type CardForm } from './form';
import { renderMarkdown, splitFrontMatter } from './markdown-preview';

/** What survives the panel being hidden and shown again (no retainContextWhenHidden). */
interface SavedState {
  previewScroll: number;
}

const vscode = vscodeApi<EditorToHost, SavedState>();
const post = (m: EditorToHost) => vscode.postMessage(m);
let state: SavedState = { previewScroll: 0, ...vscode.getState() };
const app = document.getElementById('app')!;
let form: CardForm | undefined;
let counter: HTMLElement | undefined;
let problems: HTMLElement | undefined;
let problemsBox: HTMLElement | undefined;
let preview: HTMLElement | undefined;
let restoredScroll = false;

function counterText(inspection: CardInspection): string {
  const fields = inspection.fields.filter((f) => f.needsHuman).length;
  const problemCount = inspection.findings.filter((f) => f.ruleId !== 'card-placeholder').length;
  return `${fields} ${fields === 1 ? 'field needs' : 'fields need'} you · ${inspection.placeholders} placeholder${inspection.placeholders === 1 ? '' : 's'} · ${problemCount} other problem${problemCount === 1 ? '' : 's'}`;
}

/** The first screenful of the page: header with counter and buttons, the form, the preview. */
function build(msg: Extract<HostToEditor, { type: 'document' }>): void {
  form = createForm(msg.inspection.fields, (field, value) => post({ type: 'setField', field, value }));
  counter = h('span', { class: 'counter', role: 'status', 'aria-live': 'polite' });
  problems = h('ul', { class: 'problems', 'aria-label': 'Other problems in the card' });
  problemsBox = h('details', { class: 'problems-box' }, h('summary', {}, ''), problems);
  preview = h('article', { class: 'preview', 'aria-label': 'Preview of the model card' });
  const header = h(
    'header',
    { class: 'editor-header' },
    h('div', {}, h('h1', {}, 'Model Card Editor'), h('div', { class: 'file muted' }, msg.file)),
    counter,
    h(
      'div',
      { class: 'toolbar' },
      h('vscode-button', { id: 'insert-sections', secondary: true, onclick: () => post({ type: 'insertMissingSections' }) }, 'Insert missing sections'),
      h('vscode-button', { secondary: true, onclick: () => post({ type: 'openText' }) }, 'Open as text'),
      h('vscode-button', { onclick: () => post({ type: 'save' }) }, 'Save'),
    ),
  );
  const side = h('div', { class: 'side' }, problemsBox, form.element);
  app.replaceChildren(header, h('div', { class: 'editor-grid' }, side, preview));
  app.setAttribute('aria-busy', 'false');
  window.addEventListener('scroll', () => {
    state = { previewScroll: window.scrollY };
    vscode.setState(state);
  });
}

function update(msg: Extract<HostToEditor, { type: 'document' }>): void {
  if (!form) build(msg);
  form!.update(msg.inspection.fields);
  counter!.textContent = counterText(msg.inspection);
  const others = msg.inspection.findings.filter((f) => f.ruleId !== 'card-placeholder');
  problems!.replaceChildren(...others.slice(0, 50).map((f) => h('li', {}, `Line ${f.line}: ${f.message}`)));
  problemsBox!.querySelector('summary')!.textContent = `${others.length} other problem${others.length === 1 ? '' : 's'} in the card (see the Problems panel)`;
  problemsBox!.hidden = others.length === 0;
  document.getElementById('insert-sections')?.toggleAttribute('disabled', msg.inspection.missingSections.length === 0);

  const { yaml, body } = splitFrontMatter(msg.text);
  const content = document.createDocumentFragment();
  if (yaml !== undefined) {
    content.append(h('details', { class: 'metadata' }, h('summary', {}, 'Metadata (YAML front matter)'), h('pre', {}, h('code', {}, yaml))));
  }
  content.append(renderMarkdown(body));
  preview!.replaceChildren(content);
  if (!restoredScroll) {
    restoredScroll = true;
    window.scrollTo(0, state.previewScroll);
  }
  post({
    type: 'rendered',
    summary: {
      file: msg.file,
      version: msg.version,
      fields: form!.values(),
      previewHeadings: [...preview!.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((e) => e.textContent ?? ''),
      previewTables: preview!.querySelectorAll('table').length,
      counter: counter!.textContent ?? '',
    },
  });
}

window.addEventListener('message', (event: MessageEvent<HostToEditor>) => {
  if (event.data?.type === 'document') update(event.data);
});

reportCspViolations((directive, blocked) => post({ type: 'cspViolation', directive, blocked }));
post({ type: 'ready' });
