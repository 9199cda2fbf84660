import { createHash } from 'node:crypto';
import type { Severity } from '../finding';
import { RULES } from '../rules';
import type { FileLintResult } from './lint-report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Repository-relative URI with forward slashes, as GitHub code scanning expects. */
function artifactUri(path: string, baseDir: string): string {
  const normal = path.replace(/\\/g, '/');
  const base = baseDir.replace(/\\/g, '/').replace(/\/?$/, '/');
  const rel = normal.startsWith(base) ? normal.slice(base.length) : normal;
  return rel.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 log for GitHub code scanning. Columns are UTF-16 code units, which is what the
 * findings count. Fingerprints hash rule, file, field and record, never the value itself.
 */
export function buildSarif(results: FileLintResult[], version: string, baseDir: string): object {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Responsible ML',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/responsible-ml/responsible-ml',
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.title.replace(/[^A-Za-z0-9]+/g, ''),
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              helpUri: `https://github.com/responsible-ml/responsible-ml/blob/main/docs/rules/${r.id}.md`,
              help: { text: r.description },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { tags: r.tags, ...(r.tags.includes('pii') ? { 'security-severity': r.defaultSeverity === 'error' ? '7.0' : '4.0' } : {}) },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${baseDir.replace(/\\/g, '/').replace(/\/?$/, '/')}` } },
        results: results.flatMap((file) =>
          file.findings.map((f) => ({
            ruleId: f.ruleId,
            ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: artifactUri(file.path, baseDir), uriBaseId: '%SRCROOT%' },
                  region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
                },
              },
            ],
            partialFingerprints: {
              'responsibleMl/v1': createHash('sha256')
                .update(`${f.ruleId}\0${artifactUri(file.path, baseDir)}\0${f.field ?? ''}\0${f.record ?? f.line}\0${f.start ?? ''}`)
                .digest('hex')
                .slice(0, 32),
            },
            properties: {
              ...(f.entity ? { entity: f.entity } : {}),
              score: f.score,
              scope: f.scope,
              ...(f.record !== undefined ? { record: f.record } : {}),
              ...(f.field !== undefined ? { field: f.field } : {}),
              ...(f.count !== undefined ? { count: f.count } : {}),
            },
          })),
        ),
      },
    ],
  };
}
