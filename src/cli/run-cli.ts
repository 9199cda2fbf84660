import { parseArgs } from 'node:util';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo, type Subcommand } from './cli-types';
import { renderCommandHelp, renderMainHelp } from './help';
import { VERSION } from './version';

/** Runs `rml` with the given arguments over `commands` and returns the exit code. */
export async function runCommands(argv: string[], io: CliIo, commands: readonly Subcommand[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const target = first === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    io.stdout(target ? renderCommandHelp(target) : renderMainHelp(commands, VERSION));
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '-v' || first === '--version' || first === 'version') {
    io.stdout(VERSION);
    return EXIT_OK;
  }
  const cmd: Subcommand | undefined = commands.find((c) => c.name === first);
  if (!cmd) {
    io.stderr(`rml: unknown command '${first}'. Run 'rml --help' for the list.`);
    return EXIT_USAGE;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout(renderCommandHelp(cmd));
      return EXIT_OK;
    }
    return await cmd.run({ values, positionals, io });
  } catch (err) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for bad flags: a usage error, not a crash.
    const code = (err as { code?: string }).code ?? '';
    if (err instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`rml ${cmd.name}: ${(err as Error).message}`);
      return EXIT_USAGE;
    }
    io.stderr(`rml ${cmd.name}: ${(err as Error).message ?? String(err)}`);
    return EXIT_USAGE;
  }
}

/** Runs `rml` on this process's arguments, writing to its stdout and stderr and setting its exit code. */
export function startCli(commands: readonly Subcommand[]): void {
  // `rml lint … | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    cwd: process.cwd(),
  };
  runCommands(process.argv.slice(2), io, commands).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`rml: ${(err as Error).message}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
