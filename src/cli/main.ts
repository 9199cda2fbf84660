import type { CliIo } from './cli-types';
import { SUBCOMMANDS } from './commands';
import { runCommands, startCli } from './run-cli';

/** Runs `rml` with the given arguments and returns the exit code. */
export function runCli(argv: string[], io: CliIo): Promise<number> {
  return runCommands(argv, io, SUBCOMMANDS);
}

// `npx tsx src/cli/main.ts …` runs the whole CLI; the built `rml` starts from src/cli/bin/rml.ts.
if (require.main === module) startCli(SUBCOMMANDS);
