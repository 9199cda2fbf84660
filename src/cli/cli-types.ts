import type { ParseArgsConfig } from 'node:util';

/** Where a subcommand writes: machine output to stdout, messages to stderr. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** Exit codes follow ESLint: 0 clean, 1 findings at/above the failure threshold, 2 usage or I/O error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A user mistake or unreadable input: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Subcommand {
  name: string;
  summary: string;
  usage: string;
  /** Extra help lines printed after the options. */
  details?: string;
  options: OptionSpec;
  /** Descriptions of options for --help, keyed by option name. */
  optionHelp: Record<string, string>;
  run(args: { values: Record<string, unknown>; positionals: string[]; io: CliIo }): Promise<number>;
}
