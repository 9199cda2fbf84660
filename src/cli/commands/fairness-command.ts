import { resolve } from 'node:path';
import { withAtomicFile } from '../../core/anonymize/atomic-file';
import { computeFairnessReport, FairnessOptionsError, type FairnessOptions } from '../../core/fairness/fairness-report';
import { renderFairnessHtml } from '../../core/fairness/fairness-html';
import { renderFairnessMarkdown } from '../../core/fairness/fairness-markdown';
import { FairnessInputError, loadPredictions } from '../../core/fairness/load-predictions';
import type { FairnessReport } from '../../core/fairness/fairness-types';
import { profileFormatOf } from '../../core/profile/dataset-source';
import { EXIT_OK, UsageError, type Subcommand } from '../cli-types';
import { parseFormat, writeOutput } from '../output';

function parseInteger(value: unknown, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min} (got '${String(value)}')`);
  return n;
}

function parseNumber(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number (got '${String(value)}')`);
  return n;
}

function parseQuantiles(value: unknown): [number, number] | undefined {
  if (value === undefined) return undefined;
  const parts = String(value).split(',').map(Number);
  if (parts.length !== 2 || !(parts[0]! > 0 && parts[0]! < parts[1]! && parts[1]! < 1)) throw new UsageError(`--quantiles must be two numbers 0 < low < high < 1, e.g. 0.025,0.975 (got '${String(value)}')`);
  return parts as [number, number];
}

/** Every warning of the report once (analysis warnings name their attribute). */
function allWarnings(report: FairnessReport): string[] {
  const out = [...report.warnings];
  const seen = new Set(out);
  const add = (w: string): void => {
    if (seen.has(w)) return;
    out.push(w);
    seen.add(w);
  };
  for (const a of Object.values(report.analyses)) a.warnings.forEach(add);
  for (const byClass of Object.values(report.one_vs_rest ?? {})) for (const a of Object.values(byClass)) a.warnings.forEach(add);
  return out;
}

/** `rml fairness <file>`: Fairlearn-exact fairness metrics by group, with intervals and checks. */
export const fairnessCommand: Subcommand = {
  name: 'fairness',
  summary: 'Fairness report of a model\'s predictions: Fairlearn metrics by group, disparities, bootstrap intervals',
  usage:
    'rml fairness <file> --y-true <col> --y-pred <col> [--score <col> --threshold t] --sensitive <col> [--sensitive <col> …] [--intersect] ' +
    '[--positive-label v] [--weight col] [--bootstrap N --seed s] [--format json|md|html] [--out file]',
  options: {
    'y-true': { type: 'string' },
    'y-pred': { type: 'string' },
    score: { type: 'string' },
    threshold: { type: 'string', short: 't' },
    sensitive: { type: 'string', short: 's', multiple: true },
    intersect: { type: 'boolean' },
    'positive-label': { type: 'string' },
    weight: { type: 'string', short: 'w' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    quantiles: { type: 'string' },
    'small-group': { type: 'string' },
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
  },
  optionHelp: {
    'y-true': 'the true label column (or JSON path)',
    'y-pred': 'the predicted label column; optional with --score and --threshold',
    score: 'a score column (probability of the positive class): adds ROC AUC per group',
    threshold: 'predict positive where score ≥ t (replaces --y-pred)',
    sensitive: 'a sensitive attribute column; repeatable; blank or missing values form the group "(missing)"',
    intersect: 'also analyse the intersection of all the sensitive attributes (the combinations that occur)',
    'positive-label': 'the label value that is positive (default: 1 or true; other binary labels warn)',
    weight: 'a sample weight column (finite, ≥ 0)',
    bootstrap: 'bootstrap resamples for confidence intervals of every value (default 0: none)',
    seed: 'bootstrap seed (default 42)',
    quantiles: 'interval quantiles, default 0.025,0.975 (a 95% interval)',
    'small-group': 'flag groups with fewer rows than this (default 30)',
    format: 'json (default: the FairnessReport object), md (tables for a model card) or html (one self-contained page)',
    out: 'write the report to this file instead of stdout (written atomically)',
  },
  details:
    'Formats: .csv, .tsv, .jsonl/.ndjson, .parquet (read with DuckDB). Metrics and aggregates follow Fairlearn: a rate\n' +
    'with nothing to measure is 0, precision zero_division=0; difference/ratio between_groups and to_overall.\n' +
    'Labels with three or more classes get one-vs-rest analyses per class. Warnings (dropped rows with file:line,\n' +
    'small groups, the four-fifths rule) go to stderr and into the report. Exit codes: 0 report written, 2 usage or input error.',
  async run({ values, positionals, io }) {
    const format = parseFormat(values.format, ['json', 'md', 'html'] as const);
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give one predictions file' : `give one file (got ${positionals.length})`);
    const display = positionals[0]!;
    const file = resolve(io.cwd, display);
    if (!profileFormatOf(file)) throw new UsageError(`${display}: cannot read this file type (use .csv, .tsv, .jsonl, .ndjson or .parquet)`);
    const yTrue = values['y-true'] as string | undefined;
    if (!yTrue) throw new UsageError('--y-true <column> is required');
    const sensitive = (values.sensitive as string[] | undefined) ?? [];
    if (sensitive.length === 0) throw new UsageError('give at least one --sensitive <column>');
    const threshold = parseNumber(values.threshold, 'threshold');
    const score = values.score as string | undefined;
    const yPred = values['y-pred'] as string | undefined;
    if (threshold !== undefined && !score) throw new UsageError('--threshold needs --score <column>');
    if (!yPred && threshold === undefined) throw new UsageError(score ? 'give --y-pred <column>, or --threshold t to predict from --score' : '--y-pred <column> is required (or --score <column> with --threshold t)');
    const nBoot = parseInteger(values.bootstrap, 'bootstrap', 0) ?? 0;
    const seed = parseInteger(values.seed, 'seed', 0) ?? 42;
    const quantiles = parseQuantiles(values.quantiles);
    const smallGroupN = parseInteger(values['small-group'], 'small-group', 0) ?? 30;

    let report: FairnessReport;
    try {
      const table = await loadPredictions(
        file,
        {
          yTrue,
          ...(yPred && threshold === undefined ? { yPred } : {}),
          ...(score ? { score } : {}),
          ...(values.weight !== undefined ? { weight: String(values.weight) } : {}),
          sensitive,
          ...(values['positive-label'] !== undefined ? { positiveLabel: String(values['positive-label']) } : {}),
        },
        { displayName: display },
      );
      const options: FairnessOptions = {
        intersect: values.intersect === true,
        smallGroupN,
        ...(threshold !== undefined ? { threshold } : {}),
        ...(nBoot > 0 ? { bootstrap: { n_boot: nBoot, seed, ...(quantiles ? { quantiles } : {}) } } : {}),
      };
      report = computeFairnessReport(table, options);
    } catch (err) {
      if (err instanceof FairnessInputError || err instanceof FairnessOptionsError) throw new UsageError(err.message);
      throw err;
    }

    const text = format === 'json' ? JSON.stringify(report, null, 2) : format === 'md' ? renderFairnessMarkdown(report, display) : renderFairnessHtml(report, display);
    if (values.out !== undefined) {
      const target = resolve(io.cwd, String(values.out));
      await withAtomicFile(target, async (fh) => void (await fh.writeFile(text.endsWith('\n') ? text : `${text}\n`)));
      io.stderr(`rml fairness: wrote ${String(values.out)}`);
    } else writeOutput(io, text);
    for (const w of allWarnings(report)) io.stderr(`warning: ${w}`);
    return EXIT_OK;
  },
};
