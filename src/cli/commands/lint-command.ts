import { resolve } from 'node:path';
import { findConfigFile, loadConfigFile } from '../../core/config/load-config';
import type { ProjectConfig } from '../../core/config/project-config';
import { SEVERITY_RANK } from '../../core/lint/finding';
import { lintFile } from '../../core/lint/lint-file';
import { resolveLintOptions } from '../../core/lint/lint-options';
import { capFindings } from '../../core/lint/cap-findings';
import { createDefaultRegistry } from '../../core/lint/pii/registry';
import { buildLintReport, type FileLintResult } from '../../core/lint/report/lint-report';
import { buildSarif } from '../../core/lint/report/sarif';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type Subcommand } from '../cli-types';
import { parseFormat, writeOutput } from '../output';
import { VERSION } from '../version';
import { expandDatasetPaths } from '../expand-paths';
import { renderLintText } from '../render-lint-text';
import { lintNer } from '../lint-ner';

function parseNumber(value: unknown, name: string, min: number, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number between ${min} and ${max} (got '${String(value)}')`);
  return n;
}

/** `rml lint`: PII and malformed records in dataset files, as text, JSON or SARIF. */
export const lintCommand: Subcommand = {
  name: 'lint',
  summary: 'Find PII, secrets and malformed records in dataset files',
  usage: 'rml lint [paths|globs…] [--format text|json|sarif] [--field name] [--min-score x] [--max-problems N] [--config file]',
  options: {
    format: { type: 'string', short: 'f' },
    field: { type: 'string', multiple: true },
    'min-score': { type: 'string' },
    'max-problems': { type: 'string' },
    config: { type: 'string', short: 'c' },
    'fail-on': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    'no-ner': { type: 'boolean' },
  },
  optionHelp: {
    format: 'text (default), json or sarif (SARIF 2.1.0 for GitHub code scanning)',
    field: 'lint only this field (JSON path such as text or messages[].content, or a CSV column); repeatable',
    'min-score': 'drop findings scoring below this (0–1; default from config or 0.5)',
    'max-problems': 'findings kept per file (0 = no cap; default from config or 1000)',
    config: 'responsible-ml.config.json to use (default: nearest one from the current folder up)',
    'fail-on': 'exit 1 when a finding at or above this severity exists: error (default), warning, info, hint',
    quiet: 'text format: print only the summary line',
    'no-ner': 'skip the NER model (PERSON, LOCATION, ORGANIZATION in free text); it runs by default',
  },
  details:
    'Without paths, the config\'s datasetGlobs are scanned from the current folder.\n' +
    'Formats: .jsonl/.ndjson, .csv, .tsv, .txt/.md. Values are never printed in full.',
  async run({ values, positionals, io }) {
    const format = parseFormat(values.format, ['text', 'json', 'sarif'] as const);
    const configPath = values.config ? resolve(io.cwd, String(values.config)) : findConfigFile(io.cwd);
    const config: ProjectConfig | undefined = configPath ? loadConfigFile(configPath) : undefined;
    const failOn = values['fail-on'] === undefined ? undefined : parseFormat(values['fail-on'], ['error', 'warning', 'info', 'hint'] as const);
    const minScore = parseNumber(values['min-score'], 'min-score', 0, 1);
    const maxProblems = parseNumber(values['max-problems'], 'max-problems', 0);
    const fields = values.field as string[] | undefined;
    const options = resolveLintOptions(config, {
      ...(minScore !== undefined ? { minScore } : {}),
      ...(maxProblems !== undefined ? { maxProblemsPerFile: Math.floor(maxProblems) } : {}),
      ...(failOn ? { failOn } : {}),
      ...(fields ? { pii: { fields } } : {}),
    });

    const { files, errors } = await expandDatasetPaths(positionals, io.cwd, config);
    for (const e of errors) io.stderr(`rml lint: ${e}`);
    if (files.length === 0) {
      if (errors.length === 0) io.stderr('rml lint: no dataset files matched');
      return EXIT_USAGE;
    }

    const ner = values['no-ner'] || config?.pii?.ner === false ? undefined : lintNer(io);
    const registry = createDefaultRegistry({ phoneRegions: options.phoneRegions, ...(ner ? { modelRecognizers: [ner.recognizer] } : {}) });
    const results: FileLintResult[] = [];
    let ioFailed = errors.length > 0;
    for (const file of files) {
      try {
        const r = await lintFile(file.path, file.format, options, registry);
        const { kept } = capFindings(r.findings, options.maxProblems);
        results.push({ ...r, path: file.display, findings: kept });
      } catch (err) {
        ioFailed = true;
        io.stderr(`rml lint: ${file.display}: ${(err as Error).message}`);
      }
    }
    await ner?.engine.dispose();

    if (format === 'json') writeOutput(io, JSON.stringify(buildLintReport(results, VERSION), null, 2));
    else if (format === 'sarif') writeOutput(io, JSON.stringify(buildSarif(results, VERSION, io.cwd), null, 2));
    else writeOutput(io, renderLintText(results, Boolean(values.quiet)));

    if (ioFailed) return EXIT_USAGE;
    const threshold = SEVERITY_RANK[options.failOn];
    const failing = results.some((r) => r.findings.some((f) => f.ruleId !== 'too-many-problems' && SEVERITY_RANK[f.severity] >= threshold));
    return failing ? EXIT_FINDINGS : EXIT_OK;
  },
};
