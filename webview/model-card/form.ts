// The form of the Model Card Editor: one control per human field. Typing posts the new value
// (debounced); the host turns it into an edit of the Markdown, and the document that comes
// back updates every control except the one being typed in.
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { HumanFieldId } from '../../src/core/model-card/card-sections';
import type { FieldState } from '../../src/protocol/model-card-protocol';
import { h, uid } from '../shared/dom';

const TYPING_MS = 400;
const PLACEHOLDER = '[More Information Needed]';

type Control = HTMLElement & { value: string };

export interface CardForm {
  element: HTMLElement;
  /** Shows the document's values, leaving alone the control that has focus. */
  update(fields: FieldState[]): void;
  /** Each control's id and shown value (for the rendered summary). */
  values(): Array<{ id: HumanFieldId; value: string; needsHuman: boolean }>;
}

/** Builds the form for the given fields; `onChange` receives a field and its new value. */
export function createForm(fields: FieldState[], onChange: (id: HumanFieldId, value: string) => void): CardForm {
  const controls = new Map<HumanFieldId, { control: Control; row: HTMLElement; state: FieldState }>();
  const timers = new Map<HumanFieldId, ReturnType<typeof setTimeout>>();
  const element = h('form', { class: 'card-form', 'aria-label': 'Fields that need a person', onsubmit: ((e: Event) => e.preventDefault()) as EventListener });
  for (const f of fields) {
    const id = uid(`field-${f.id}`);
    const control = h(f.multiline ? 'vscode-textarea' : 'vscode-textfield', {
      id,
      'data-field': f.id,
      'aria-label': f.label,
      placeholder: PLACEHOLDER,
      ...(f.multiline ? { rows: 3, resize: 'vertical' } : {}),
    }) as Control;
    const send = () => {
      clearTimeout(timers.get(f.id));
      timers.delete(f.id);
      onChange(f.id, control.value);
    };
    control.addEventListener('input', () => {
      clearTimeout(timers.get(f.id));
      timers.set(f.id, setTimeout(send, TYPING_MS));
    });
    control.addEventListener('change', () => timers.has(f.id) && send());
    const row = h(
      'div',
      { class: 'field', 'data-field': f.id },
      h('div', { class: 'field-head' }, h('label', { for: id }, f.label), h('span', { class: 'needs-you', 'aria-hidden': 'true' }, 'needs you')),
      control,
      h('div', { class: 'help' }, f.help),
    );
    controls.set(f.id, { control, row, state: f });
    element.append(row);
  }
  const update = (next: FieldState[]) => {
    for (const f of next) {
      const c = controls.get(f.id);
      if (!c) continue;
      c.state = f;
      // The placeholder is shown as the control's hint, not as its text.
      const shown = f.value === PLACEHOLDER ? '' : f.value;
      const focused = document.activeElement === c.control || timers.has(f.id);
      if (!focused && c.control.value !== shown) c.control.value = shown;
      c.row.classList.toggle('needs-human', f.needsHuman);
    }
  };
  update(fields);
  return {
    element,
    update,
    values: () => [...controls.entries()].map(([id, c]) => ({ id, value: c.control.value, needsHuman: c.state.needsHuman })),
  };
}
