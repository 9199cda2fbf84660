import type { Subcommand } from './cli-types';

/** The top-level help text listing every subcommand. */
export function renderMainHelp(commands: readonly Subcommand[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `rml ${version} — Responsible ML: lint datasets for PII and integrity, fairness reports, model cards.`,
    '',
    'Usage: rml <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    '  -h, --help     show help (also `rml <command> --help`)',
    '  -v, --version  print the version',
    '',
    'Exit codes: 0 clean, 1 findings at or above the failure severity, 2 usage or I/O error.',
  ].join('\n');
}

/** Help for one subcommand, generated from its option specs. */
export function renderCommandHelp(cmd: Subcommand): string {
  const lines = [`Usage: ${cmd.usage}`, '', cmd.summary, '', 'Options:'];
  for (const [name, spec] of Object.entries(cmd.options)) {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ' <value>' : ''}`;
    lines.push(`  ${flag.padEnd(30)} ${cmd.optionHelp[name] ?? ''}`);
  }
  if (cmd.details) lines.push('', cmd.details);
  return lines.join('\n');
}
