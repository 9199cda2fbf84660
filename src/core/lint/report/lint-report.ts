import type { Finding, PiiEntity, Severity } from '../finding';

/** Lint results of one file. `findings` may be capped; `total` counts all that were found. */
export interface FileLintResult {
  path: string;
  records: number;
  findings: Finding[];
  total: number;
}

export interface LintSummary {
  files: number;
  records: number;
  findings: number;
  byEntity: Partial<Record<PiiEntity, number>>;
  bySeverity: Record<Severity, number>;
}

/** The JSON report `rml lint --format json` prints. */
export interface LintReport {
  version: string;
  files: Array<{ path: string; records: number; findings: FindingJson[]; omitted?: number }>;
  summary: LintSummary;
}

/** One finding as printed in JSON: the keys the CLI documents, in a stable order. */
export type FindingJson = Pick<Finding, 'ruleId' | 'severity' | 'score' | 'scope' | 'line' | 'column' | 'endLine' | 'endColumn' | 'message'> &
  Partial<Pick<Finding, 'entity' | 'record' | 'field' | 'start' | 'end' | 'masked' | 'count'>>;

function toJson(f: Finding): FindingJson {
  const out: FindingJson = {
    ruleId: f.ruleId,
    ...(f.entity ? { entity: f.entity } : {}),
    severity: f.severity,
    score: Math.round(f.score * 1000) / 1000,
    scope: f.scope,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
  };
  for (const key of ['record', 'field', 'start', 'end', 'masked', 'count'] as const) {
    if (f[key] !== undefined) (out as Record<string, unknown>)[key] = f[key];
  }
  return out;
}

/** Counts findings across files for the summary line and the JSON report. */
export function summarize(results: FileLintResult[]): LintSummary {
  const summary: LintSummary = {
    files: results.length,
    records: 0,
    findings: 0,
    byEntity: {},
    bySeverity: { error: 0, warning: 0, info: 0, hint: 0 },
  };
  for (const r of results) {
    summary.records += r.records;
    for (const f of r.findings) {
      summary.findings++;
      summary.bySeverity[f.severity]++;
      if (f.entity) summary.byEntity[f.entity] = (summary.byEntity[f.entity] ?? 0) + 1;
    }
  }
  return summary;
}

/** Builds the JSON report. */
export function buildLintReport(results: FileLintResult[], version: string): LintReport {
  return {
    version,
    files: results.map((r) => ({
      path: r.path,
      records: r.records,
      findings: r.findings.map(toJson),
      ...(r.total > r.findings.length ? { omitted: r.total - r.findings.length } : {}),
    })),
    summary: summarize(results),
  };
}
