import { join, resolve } from 'node:path';
import { anonymizeDataset, anonymizedPath, type OperatorChoice } from '../../core/anonymize/anonymize-dataset';
import { ANONYMIZE_OPERATORS, type AnonymizeOperator } from '../../core/anonymize/operator';
import { loadOrCreateSalt } from '../../core/anonymize/workspace-salt';
import { findConfigFile, loadConfigFile } from '../../core/config/load-config';
import { detectFormat } from '../../core/dataset/format';
import { PII_ENTITIES, type PiiEntity } from '../../core/lint/finding';
import { resolveLintOptions } from '../../core/lint/lint-options';
import { EXIT_OK, UsageError, type Subcommand } from '../cli-types';
import { parseFormat, writeOutput } from '../output';

/** Parses `EMAIL=redact,PHONE=mask` into per-entity operators. */
function parseEntityOperators(specs: string[]): OperatorChoice {
  const out: OperatorChoice = {};
  for (const spec of specs.flatMap((s) => s.split(','))) {
    const [entity, op] = spec.split('=');
    if (!entity || !(PII_ENTITIES as readonly string[]).includes(entity)) throw new UsageError(`--entity: unknown entity '${entity}' (one of ${PII_ENTITIES.join(', ')})`);
    if (op === 'keep') continue;
    if (!op || !(ANONYMIZE_OPERATORS as readonly string[]).includes(op)) throw new UsageError(`--entity ${entity}: operator must be one of ${ANONYMIZE_OPERATORS.join(', ')} or keep`);
    out[entity as PiiEntity] = op as AnonymizeOperator;
  }
  return out;
}

/** `rml anonymize`: writes an anonymized copy of a dataset; the original is never modified. */
export const anonymizeCommand: Subcommand = {
  name: 'anonymize',
  summary: 'Write an anonymized copy of a dataset (the original is never modified)',
  usage: 'rml anonymize <file> [--operator redact|mask|hash|pseudonymize] [--entity EMAIL=mask …] [--out file] [--format text|json]',
  options: {
    operator: { type: 'string', short: 'o' },
    entity: { type: 'string', multiple: true },
    out: { type: 'string' },
    config: { type: 'string', short: 'c' },
    format: { type: 'string', short: 'f' },
  },
  optionHelp: {
    operator: 'for every entity (default redact)',
    entity: 'per-entity operator, e.g. EMAIL=pseudonymize,URL=keep; repeatable',
    out: 'output file (default <name>.anonymized.<ext> beside the input)',
    config: 'responsible-ml.config.json to use',
    format: 'summary as text (default) or json',
  },
  details: 'hash and pseudonymize use the workspace salt: RML_SALT, or .responsible-ml/salt (created on first use).',
  async run({ values, positionals, io }) {
    const [input] = positionals;
    if (!input || positionals.length > 1) throw new UsageError('give exactly one dataset file');
    const inputPath = resolve(io.cwd, input);
    const format = detectFormat({ path: inputPath });
    if (!format) throw new UsageError(`${input}: unsupported file type (supported: .jsonl, .ndjson, .csv, .tsv, .txt, .md)`);
    const outFormat = parseFormat(values.format, ['text', 'json'] as const);
    const operator = (values.operator ?? 'redact') as string;
    if (!(ANONYMIZE_OPERATORS as readonly string[]).includes(operator)) throw new UsageError(`--operator must be one of ${ANONYMIZE_OPERATORS.join(', ')}`);
    const operators: OperatorChoice = Object.fromEntries(PII_ENTITIES.map((e) => [e, operator]));
    const perEntity = parseEntityOperators((values.entity as string[] | undefined) ?? []);
    for (const e of PII_ENTITIES) {
      if (values.entity && (values.entity as string[]).join(',').includes(`${e}=keep`)) delete operators[e];
      else if (perEntity[e]) operators[e] = perEntity[e];
    }
    const configPath = values.config ? resolve(io.cwd, String(values.config)) : findConfigFile(io.cwd);
    const lint = resolveLintOptions(configPath ? loadConfigFile(configPath) : undefined);
    const needsSalt = Object.values(operators).some((op) => op === 'hash' || op === 'pseudonymize');
    const salt = needsSalt ? (await loadOrCreateSalt(join(configPath ? resolve(configPath, '..') : io.cwd, '.responsible-ml'))).salt : undefined;
    const output = values.out ? resolve(io.cwd, String(values.out)) : anonymizedPath(inputPath);
    const summary = await anonymizeDataset({ input: inputPath, output, format, lint, operators, ...(salt ? { salt } : {}) });
    if (outFormat === 'json') writeOutput(io, JSON.stringify({ input: inputPath, output, ...summary }, null, 2));
    else {
      const counts = Object.entries(summary.replaced).map(([e, n]) => `${n} ${e}`).join(', ') || 'nothing';
      writeOutput(io, `${output}: replaced ${counts} (${summary.bytesIn} → ${summary.bytesOut} bytes)`);
    }
    return EXIT_OK;
  },
};
