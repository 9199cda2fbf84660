import type { Finding } from './finding';

/**
 * Keeps the first `max` findings (0 = all) and adds one summary finding for the rest. `total`
 * counts every finding when the caller passes only the first ones (the editor never builds the
 * full list of a huge document).
 */
export function capFindings(findings: Finding[], max: number, total = findings.length): { kept: Finding[]; omitted: number } {
  if (max <= 0 || total <= max) return { kept: findings, omitted: 0 };
  const omitted = total - max;
  const kept = findings.slice(0, max);
  kept.push({
    ruleId: 'too-many-problems',
    severity: 'info',
    score: 1,
    scope: 'file',
    message: `${omitted} more finding${omitted === 1 ? '' : 's'} not shown (limit ${max} per file: responsibleMl.maxProblemsPerFile)`,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    count: omitted,
  });
  return { kept, omitted };
}
