import { parseArgs } from 'node:util';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo, type Subcommand } from './cli-types';
import { renderCommandHelp, renderMainHelp } from './help';
import { SUBCOMMANDS } from './commands';
import { VERSION } from './version';

/** Runs `rml` with the given arguments and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const target = first === 'help' ? SUBCOMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout(target ? renderCommandHelp(target) : renderMainHelp(SUBCOMMANDS, VERSION));
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '-v' || first === '--version' || first === 'version') {
    io.stdout(VERSION);
    return EXIT_OK;
  }
  const cmd: Subcommand | undefined = SUBCOMMANDS.find((c) => c.name === first);
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

if (require.main === module) {
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
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`rml: ${(err as Error).message}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
