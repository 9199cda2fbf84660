import type { FieldValue } from '../../dataset/record';
import type { Finding, Severity, SourceRange } from '../finding';
import { DEFAULT_MAX_FINDINGS_PER_RULE, ruleSeverity, type IntegrityCheckOptions, type IntegrityRuleId } from './integrity-options';

/** A finding before the sink gives it its rule, severity and score. */
export type FindingDraft = Omit<Finding, 'ruleId' | 'severity' | 'score'> & { score?: number };

/** The range of a field's whole value. */
export function rangeOf(field: FieldValue): SourceRange {
  const start = field.toSourcePosition?.(0) ?? { line: 1, column: 1 };
  const end = field.toSourcePosition?.(field.value.length) ?? start;
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** Collects findings per rule, applying severities (and 'off') and the per-rule cap, counting what it drops. */
export class FindingSink {
  private readonly findings: Finding[] = [];
  private readonly kept = new Map<IntegrityRuleId, number>();
  private readonly dropped = new Map<IntegrityRuleId, number>();
  private readonly severities = new Map<IntegrityRuleId, Severity | 'off'>();
  private readonly cap: number;

  constructor(private readonly options: IntegrityCheckOptions) {
    this.cap = options.maxFindingsPerRule ?? DEFAULT_MAX_FINDINGS_PER_RULE;
  }

  /**
   * True when a finding of `rule` would be kept; false when the rule is off or at its cap (the
   * finding is then counted as dropped). Callers ask first so dropped findings are never built.
   */
  accepts(rule: IntegrityRuleId): boolean {
    let severity = this.severities.get(rule);
    if (severity === undefined) {
      severity = ruleSeverity(this.options, rule);
      this.severities.set(rule, severity);
    }
    if (severity === 'off') return false;
    if (this.cap > 0 && (this.kept.get(rule) ?? 0) >= this.cap) {
      this.dropped.set(rule, (this.dropped.get(rule) ?? 0) + 1);
      return false;
    }
    return true;
  }

  /** Adds a finding of `rule` if accepts(rule). */
  add(rule: IntegrityRuleId, draft: FindingDraft): void {
    if (this.accepts(rule)) this.push(rule, draft);
  }

  /** Adds a finding that accepts(rule) already let through. */
  push(rule: IntegrityRuleId, draft: FindingDraft): void {
    this.kept.set(rule, (this.kept.get(rule) ?? 0) + 1);
    const { score, ...rest } = draft;
    this.findings.push({ ruleId: rule, severity: this.severities.get(rule) as Severity, score: score ?? 1, ...rest });
  }

  /** One sentence per rule that hit its cap. */
  notes(): string[] {
    return [...this.dropped].map(([rule, n]) => `${rule}: ${n} more findings were not listed (the cap is ${this.cap} per rule); the counts include them.`);
  }

  /** The findings in file order. */
  sorted(): Finding[] {
    return this.findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  }
}
