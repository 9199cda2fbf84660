import type { EntitySeverity } from '../config/project-config';
import type { Finding } from './finding';

/** Applies per-rule severities from the `rules` setting: 'off' drops a rule's findings. */
export function applyRuleSeverities(findings: Finding[], rules: Record<string, EntitySeverity> | undefined): Finding[] {
  if (!rules || Object.keys(rules).length === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const s = rules[f.ruleId];
    if (s === 'off') continue;
    out.push(s && s !== f.severity ? { ...f, severity: s } : f);
  }
  return out;
}
