import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { findConfigFile, loadConfigFile } from '../../core/config/load-config';
import type { ProjectConfig } from '../../core/config/project-config';
import type { LintReport } from '../../core/lint/report/lint-report';
import { generateDatasheet } from '../../core/model-card/datasheet';
import { collectDatasheetInputs } from '../../core/model-card/datasheet-inputs';
import { CardInputError, readInputJson } from '../../core/model-card/load-card-inputs';
import { ProfileInputError } from '../../core/profile/profile-dataset';
import { ProfileSpecError } from '../../core/profile/profile-spec';
import type { DatasetProfile } from '../../core/profile/profile-types';
import { EXIT_OK, UsageError, type Subcommand } from '../cli-types';
import { VERSION } from '../version';
import { writeNewFile } from './card-command';

/** `rml datasheet generate <dataset>`: a datasheet (Gebru et al.) prefilled from the profile and the lint results. */
export const datasheetCommand: Subcommand = {
  name: 'datasheet',
  summary: 'Generate a datasheet for a dataset (Gebru et al.), prefilled from its profile, integrity checks and PII scan',
  usage: 'rml datasheet generate <dataset> --out DATASHEET.md [--profile profile.json] [--lint-report lint.json] [--config f]',
  options: {
    out: { type: 'string', short: 'o' },
    profile: { type: 'string' },
    'lint-report': { type: 'string' },
    config: { type: 'string', short: 'c' },
    force: { type: 'boolean' },
  },
  optionHelp: {
    out: 'the datasheet to write',
    profile: '`rml profile --format json` of the dataset (else profiled here when the config names its sensitive attributes)',
    'lint-report': '`rml lint --format json` of the dataset (else scanned here)',
    config: 'responsible-ml.config.json to use (default: the nearest one up from the current folder)',
    force: 'replace an existing output file',
  },
  details: 'Answers only the dataset\'s creators can give hold [More Information Needed]; `rml card lint` finds them.',
  async run({ values, positionals, io }) {
    const [action, dataset, ...rest] = positionals;
    if (action !== 'generate') throw new UsageError(action ? `unknown action '${action}' (use generate)` : 'give an action: generate');
    if (!dataset || rest.length) throw new UsageError('give one dataset file: rml datasheet generate <dataset> --out DATASHEET.md');
    if (!values.out) throw new UsageError('give the datasheet to write with --out DATASHEET.md');
    const file = resolve(io.cwd, dataset);
    if (!existsSync(file)) throw new UsageError(`${dataset}: no such file`);
    const configPath = values.config ? resolve(io.cwd, String(values.config)) : findConfigFile(io.cwd);
    const config: ProjectConfig | undefined = configPath ? loadConfigFile(configPath) : undefined;
    let inputs;
    try {
      const given = {
        ...(values.profile ? { profile: readInputJson<DatasetProfile>(resolve(io.cwd, String(values.profile)), 'dataset profile (rml profile --format json)', (v) => typeof v.attributes === 'object') } : {}),
        ...(values['lint-report'] ? { lintReport: readInputJson<LintReport>(resolve(io.cwd, String(values['lint-report'])), 'lint report (rml lint --format json)', (v) => Array.isArray(v.files)) } : {}),
      };
      inputs = await collectDatasheetInputs(file, dataset, { ...(config ? { config } : {}), configDir: configPath ? dirname(configPath) : io.cwd, version: VERSION, given });
    } catch (err) {
      if (err instanceof CardInputError || err instanceof ProfileInputError || err instanceof ProfileSpecError) throw new UsageError(err.message);
      throw err;
    }
    await writeNewFile(resolve(io.cwd, String(values.out)), generateDatasheet(inputs), Boolean(values.force));
    const open = generateDatasheet(inputs).split('[More Information Needed]').length - 1;
    io.stderr(`rml datasheet generate: wrote ${String(values.out)}; ${open} answers need the dataset's creators`);
    return EXIT_OK;
  },
};
