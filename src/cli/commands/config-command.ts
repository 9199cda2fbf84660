import { resolve } from 'node:path';
import { findConfigFile, loadConfigFile } from '../../core/config/load-config';
import { EXIT_OK, UsageError, type Subcommand } from '../cli-types';
import { writeOutput, parseFormat } from '../output';

/** `rml config [file]`: validates a project config and prints it. */
export const configCommand: Subcommand = {
  name: 'config',
  summary: 'Validate responsible-ml.config.json and print it',
  usage: 'rml config [file] [--format text|json]',
  options: { format: { type: 'string', short: 'f' } },
  optionHelp: { format: 'text (default) or json' },
  async run({ values, positionals, io }) {
    const format = parseFormat(values.format, ['text', 'json']);
    const file = positionals[0] ? resolve(io.cwd, positionals[0]) : findConfigFile(io.cwd);
    if (!file) throw new UsageError(`no responsible-ml.config.json in ${io.cwd} or its parents`);
    const config = loadConfigFile(file);
    if (format === 'json') writeOutput(io, JSON.stringify({ file, config }, null, 2));
    else writeOutput(io, `${file}: valid\n${JSON.stringify(config, null, 2)}`);
    return EXIT_OK;
  },
};
