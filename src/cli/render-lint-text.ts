import type { FileLintResult } from '../core/lint/report/lint-report';
import { summarize } from '../core/lint/report/lint-report';

/** ESLint-style text: a block per file, `line:col  severity  message  rule`, then a summary. */
export function renderLintText(results: FileLintResult[], quiet: boolean): string {
  const lines: string[] = [];
  if (!quiet) {
    for (const r of results) {
      if (r.findings.length === 0) continue;
      lines.push(r.path);
      for (const f of r.findings) {
        lines.push(`  ${`${f.line}:${f.column}`.padEnd(10)} ${f.severity.padEnd(8)} ${f.message}  ${f.ruleId}`);
      }
      lines.push('');
    }
  }
  const s = summarize(results);
  const entities = Object.entries(s.byEntity)
    .sort((a, b) => b[1] - a[1])
    .map(([e, n]) => `${n} ${e}`)
    .join(', ');
  const omitted = results.reduce((n, r) => n + (r.findings.find((f) => f.ruleId === 'too-many-problems')?.count ?? 0), 0);
  lines.push(
    `${s.findings} finding${s.findings === 1 ? '' : 's'} shown (${s.bySeverity.error} error, ${s.bySeverity.warning} warning, ${s.bySeverity.info + s.bySeverity.hint} info) ` +
      `in ${s.records} records of ${s.files} file${s.files === 1 ? '' : 's'}${entities ? `: ${entities}` : ''}` +
      (omitted > 0 ? `; ${omitted} more not shown (--max-problems 0 shows all)` : ''),
  );
  return lines.join('\n');
}
