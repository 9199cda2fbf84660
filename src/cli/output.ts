import { UsageError, type CliIo } from './cli-types';

/** Validates a --format value against the formats a subcommand supports. */
export function parseFormat<T extends string>(value: unknown, allowed: readonly T[], fallback?: T): T {
  if (value === undefined) return fallback ?? allowed[0]!;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--format must be one of ${allowed.join(', ')} (got '${String(value)}')`);
}

/** Machine output goes to stdout only. */
export function writeOutput(io: CliIo, text: string): void {
  io.stdout(text);
}
