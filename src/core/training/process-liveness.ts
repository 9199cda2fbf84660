/** Is the process behind a run still the one we started? Used to re-attach after a reload. */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

function procStat(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after its last ')'.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return [String(pid), '', ...rest];
  } catch {
    return undefined;
  }
}

/** Linux: the start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat); undefined elsewhere. */
export function processStartTicks(pid: number): number | undefined {
  const fields = procStat(pid);
  const ticks = fields ? Number(fields[21]) : NaN;
  return Number.isFinite(ticks) ? ticks : undefined;
}

/**
 * True when `pid` runs on this machine, is not a zombie, and (where /proc tells) started at
 * `startTicks` — so a pid the kernel has since reused for something else does not count.
 */
export function isProcessAlive(pid: number, startTicks?: number, host?: string): boolean {
  if (host !== undefined && host !== hostname()) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const fields = procStat(pid);
  if (!fields) return process.platform !== 'linux';
  if (fields[2] === 'Z' || fields[2] === 'X') return false;
  return startTicks === undefined || Number(fields[21]) === startTicks;
}
