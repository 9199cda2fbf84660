// The attribute selector: one toggle button per analysis (each attribute, then each
// intersection), each marked with how many of its groups are small.
import type { FairnessAnalysis, FairnessReport } from '../../src/core/fairness/fairness-types';
import { h } from '../shared/dom';

/** Attributes first, then intersections, each in the report's order. */
export function orderedKeys(report: FairnessReport): string[] {
  const keys = Object.keys(report.analyses);
  return [...keys.filter((k) => report.analyses[k]!.sensitive_features.length === 1), ...keys.filter((k) => report.analyses[k]!.sensitive_features.length > 1)];
}

export function analysisTitle(key: string, a?: FairnessAnalysis): string {
  return (a?.sensitive_features ?? key.split(',')).join(' × ');
}

export function analysisPicker(report: FairnessReport, selected: string, onSelect: (key: string) => void): HTMLElement {
  const keys = orderedKeys(report);
  const group = h('div', { class: 'toolbar picker', role: 'group', 'aria-label': 'Sensitive attribute or intersection shown' }, h('span', { class: 'muted' }, 'Show:'));
  for (const key of keys) {
    const a = report.analyses[key]!;
    const pressed = key === selected;
    const small = a.by_group.filter((g) => g.small).length;
    group.append(
      h(
        'vscode-button',
        {
          class: 'toggle',
          secondary: !pressed,
          'aria-pressed': String(pressed),
          'data-key': key,
          title: `${a.by_group.length} groups${small ? `, ${small} small` : ''}`,
          onclick: () => onSelect(key),
        },
        analysisTitle(key, a),
        small ? ` ⚠${small}` : '',
      ),
    );
  }
  return group;
}
