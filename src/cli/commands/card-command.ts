import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { withAtomicFile } from '../../core/anonymize/atomic-file';
import { findConfigFile, loadConfigFile } from '../../core/config/load-config';
import type { ProjectConfig } from '../../core/config/project-config';
import { SEVERITY_RANK, type Finding } from '../../core/lint/finding';
import { buildLintReport, type FileLintResult } from '../../core/lint/report/lint-report';
import { buildSarif } from '../../core/lint/report/sarif';
import { HUMAN_FIELDS } from '../../core/model-card/card-sections';
import { fieldNeedsHuman } from '../../core/model-card/card-edits';
import { generateCard } from '../../core/model-card/generate-card';
import { isModelCardName, isReadmeName, looksLikeModelCard } from '../../core/model-card/is-model-card';
import { findPlaceholders, lintModelCard } from '../../core/model-card/lint-card';
import { CardInputError, loadCardInputs } from '../../core/model-card/load-card-inputs';
import { exportModelCardToolkit } from '../../core/model-card/mct-export';
import { parseCard } from '../../core/model-card/parse-card';
import { renderCard } from '../../core/model-card/render-card';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIo, type Subcommand } from '../cli-types';
import { parseFormat, writeOutput } from '../output';
import { VERSION } from '../version';

/** Writes a file atomically; refuses to replace an existing one unless `force`. */
export async function writeNewFile(path: string, text: string, force: boolean): Promise<void> {
  if (existsSync(path) && !force) throw new UsageError(`${path} exists; pass --force to replace it (its edits would be lost)`);
  await withAtomicFile(path, async (file) => {
    await file.writeFile(text, 'utf8');
  });
}

function loadConfig(values: Record<string, unknown>, cwd: string): { config?: ProjectConfig; root: string } {
  const path = values.config ? resolve(cwd, String(values.config)) : findConfigFile(cwd);
  return { ...(path ? { config: loadConfigFile(path) } : {}), root: path ? dirname(path) : cwd };
}

/** Model cards under a folder: *.modelcard.md, and README.md files that look like cards. */
function cardsUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git' || name.startsWith('.vscode-test')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) cardsUnder(full, out);
    else if (isModelCardName(name)) out.push(full);
    else if (isReadmeName(name) && looksLikeModelCard(full, readFileSync(full, 'utf8'), readdirSync(dir))) out.push(full);
  }
  return out;
}

function renderText(results: FileLintResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0) continue;
    lines.push(r.path);
    for (const f of r.findings) lines.push(`  ${`${f.line}:${f.column}`.padEnd(10)} ${f.severity.padEnd(8)} ${f.message}  ${f.ruleId}`);
    lines.push('');
  }
  const all = results.flatMap((r) => r.findings);
  const count = (s: Finding['severity'][]) => all.filter((f) => s.includes(f.severity)).length;
  lines.push(`${all.length} problem${all.length === 1 ? '' : 's'} (${count(['error'])} error, ${count(['warning'])} warning, ${count(['info', 'hint'])} info) in ${results.length} model card${results.length === 1 ? '' : 's'}`);
  return lines.join('\n');
}

async function generate(values: Record<string, unknown>, io: CliIo): Promise<number> {
  if (!values.out) throw new UsageError('give the card to write with --out README.md');
  const out = resolve(io.cwd, String(values.out));
  const { config, root } = loadConfig(values, io.cwd);
  let loaded;
  try {
    loaded = loadCardInputs(
      {
        ...(values.run ? { run: String(values.run) } : {}),
        ...(values.model ? { model: String(values.model) } : {}),
        ...(values.fairness ? { fairness: String(values.fairness) } : {}),
        ...(values.profile ? { profile: String(values.profile) } : {}),
        ...(values['lint-report'] ? { lintReport: String(values['lint-report']) } : {}),
        ...(values.name ? { name: String(values.name) } : {}),
        ...(values.license ? { license: String(values.license) } : {}),
        ...(values.language ? { language: (values.language as string[]).flatMap((l) => l.split(',')).map((l) => l.trim()).filter(Boolean) } : {}),
      },
      { cwd: io.cwd, root, outDir: dirname(out), ...(config ? { config } : {}) },
    );
  } catch (err) {
    if (err instanceof CardInputError) throw new UsageError(err.message);
    throw err;
  }
  for (const w of loaded.warnings) io.stderr(`rml card generate: ${w}`);
  const text = renderCard(generateCard(loaded.inputs));
  await writeNewFile(out, text, Boolean(values.force));
  const card = parseCard(text);
  const open = HUMAN_FIELDS.filter((f) => fieldNeedsHuman(card, f.id)).map((f) => f.label.toLowerCase());
  const placeholders = findPlaceholders(card).length;
  io.stderr(`rml card generate: wrote ${String(values.out)}; ${placeholders} placeholder${placeholders === 1 ? '' : 's'} need a person${open.length ? ` (fields: ${open.join(', ')})` : ''}`);
  if (values.mct) {
    const mctPath = resolve(io.cwd, String(values.mct));
    const { json, problems } = exportModelCardToolkit(card);
    if (problems.length) throw new UsageError(`the Model Card Toolkit export does not validate: ${problems.join('; ')}`);
    await writeNewFile(mctPath, JSON.stringify(json, null, 2) + '\n', Boolean(values.force));
    io.stderr(`rml card generate: wrote ${String(values.mct)} (Model Card Toolkit schema 0.0.2)`);
  }
  return EXIT_OK;
}

async function lint(values: Record<string, unknown>, files: string[], io: CliIo): Promise<number> {
  const format = parseFormat(values.format, ['text', 'json', 'sarif'] as const);
  const failOn = values['fail-on'] === undefined ? undefined : parseFormat(values['fail-on'], ['error', 'warning', 'info', 'hint'] as const);
  const { config } = loadConfig(values, io.cwd);
  if (files.length === 0) throw new UsageError('give the model cards to lint (files or folders)');
  const paths: string[] = [];
  let failed = false;
  for (const f of files) {
    const full = resolve(io.cwd, f);
    if (!existsSync(full)) {
      io.stderr(`rml card lint: ${f}: no such file`);
      failed = true;
    } else if (statSync(full).isDirectory()) paths.push(...cardsUnder(full));
    else paths.push(full);
  }
  const results: FileLintResult[] = [];
  for (const p of paths) {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch (err) {
      io.stderr(`rml card lint: ${p}: ${(err as Error).message}`);
      failed = true;
      continue;
    }
    const findings = lintModelCard(text, { ...(config?.modelCard?.fairnessThresholds ? { thresholds: config.modelCard.fairnessThresholds } : {}), ...(config?.rules ? { rules: config.rules } : {}) });
    results.push({ path: relative(io.cwd, p) || basename(p), records: 0, findings, total: findings.length });
  }
  if (format === 'json') writeOutput(io, JSON.stringify(buildLintReport(results, VERSION), null, 2));
  else if (format === 'sarif') writeOutput(io, JSON.stringify(buildSarif(results, VERSION, io.cwd), null, 2));
  else writeOutput(io, renderText(results));
  if (failed) return EXIT_USAGE;
  const threshold = SEVERITY_RANK[failOn ?? config?.failOn ?? 'error'];
  return results.some((r) => r.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold)) ? EXIT_FINDINGS : EXIT_OK;
}

async function exportMct(values: Record<string, unknown>, files: string[], io: CliIo): Promise<number> {
  if (files.length !== 1) throw new UsageError('give one model card to export');
  const file = resolve(io.cwd, files[0]!);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${files[0]}: ${(err as Error).message}`);
  }
  const { json, problems } = exportModelCardToolkit(parseCard(text));
  if (problems.length) {
    io.stderr(`rml card export-mct: ${files[0]}: the export does not validate against the Model Card Toolkit schema 0.0.2: ${problems.join('; ')}`);
    return EXIT_USAGE;
  }
  const out = JSON.stringify(json, null, 2) + '\n';
  if (values.out) await writeNewFile(resolve(io.cwd, String(values.out)), out, Boolean(values.force));
  else writeOutput(io, out.trimEnd());
  return EXIT_OK;
}

/** `rml card generate|lint|export-mct`: model cards from what the workspace knows, and their checks. */
export const cardCommand: Subcommand = {
  name: 'card',
  summary: 'Generate a Hugging Face model card from the workspace, lint model cards, export them for the Model Card Toolkit',
  usage:
    'rml card generate [--run <run-id>] [--model <dir>] [--fairness report.json] [--profile profile.json] [--lint-report lint.json] --out README.md\n' +
    '       rml card lint <file|folder…> [--format text|json|sarif]\n' +
    '       rml card export-mct <card.md> [--out card.json]',
  options: {
    run: { type: 'string' },
    model: { type: 'string', short: 'm' },
    fairness: { type: 'string' },
    profile: { type: 'string' },
    'lint-report': { type: 'string' },
    name: { type: 'string' },
    license: { type: 'string' },
    language: { type: 'string', multiple: true },
    out: { type: 'string', short: 'o' },
    mct: { type: 'string' },
    force: { type: 'boolean' },
    format: { type: 'string', short: 'f' },
    config: { type: 'string', short: 'c' },
    'fail-on': { type: 'string' },
  },
  optionHelp: {
    run: 'generate: a run id under .responsible-ml/runs (or a path to a run.json): spec, hyper-parameters, hashes, gate, device, duration, metrics',
    model: 'generate: the trained model folder (its files tell the library; How to Use points at it)',
    fairness: 'generate: a fairness report JSON (overall, per-group and fairness metrics)',
    profile: 'generate: `rml profile --format json` of the training data (representativeness)',
    'lint-report': 'generate: `rml lint --format json` of the training data (the PII scan summary)',
    name: 'generate: the model name (default: the model folder, else the run id)',
    license: 'generate: the SPDX license id (else left for a person)',
    language: 'generate: ISO 639-1 language codes, comma-separated or repeated (else left for a person)',
    out: 'generate: the card to write (README.md next to the model, or name.modelcard.md); export-mct: the JSON to write',
    mct: 'generate: also write the card as Model Card Toolkit JSON (schema 0.0.2)',
    force: 'replace an existing output file',
    format: 'lint: text (default), json or sarif',
    config: 'responsible-ml.config.json to use (default: the nearest one up from the current folder); modelCard.fairnessThresholds and rules apply',
    'fail-on': 'lint: exit 1 when a finding at or above this severity exists: error (default from config), warning, info, hint',
  },
  details:
    'Fields the workspace cannot fill hold [More Information Needed]; `rml card lint` lists them.\n' +
    'A folder given to lint is searched for *.modelcard.md and README.md files that are model cards.',
  async run({ values, positionals, io }) {
    const [action, ...rest] = positionals;
    if (action === 'generate') {
      if (rest.length) throw new UsageError(`generate takes no file arguments (got ${rest.join(' ')}); use --out`);
      return generate(values, io);
    }
    if (action === 'lint') return lint(values, rest, io);
    if (action === 'export-mct') return exportMct(values, rest, io);
    throw new UsageError(action ? `unknown action '${action}' (use generate, lint or export-mct)` : 'give an action: generate, lint or export-mct');
  },
};
