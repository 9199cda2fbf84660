// Runs one Node child process and measures its wall time and peak RSS without extra tools:
// a preload reports getrusage's ru_maxrss at exit, and /proc/<pid>/status VmHWM is polled as a check.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DATA_DIR } from './bench-data';

export interface MeasuredRun {
  exitCode: number | null;
  wallSeconds: number;
  /** ru_maxrss of the child, written by peak-rss-preload.cjs at exit. */
  peakRssBytes?: number;
  /** User + system CPU seconds of the child, all its threads (so > wall when GC runs in parallel). */
  cpuSeconds?: number;
  /** Highest VmHWM seen while polling /proc every 50 ms (misses only the last few ms). */
  polledHwmBytes?: number;
  stderr: string;
}

function readHwm(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `node [nodeArgs] script args` with stdout sent to `stdoutFile` (or discarded) and resolves
 * when it exits. The clock covers the whole process, start-up included.
 */
export function runMeasured(nodeArgs: string[], args: string[], stdoutFile?: string, env: NodeJS.ProcessEnv = {}): Promise<MeasuredRun> {
  const rssFile = join(BENCH_DATA_DIR, `.rss-${process.pid}-${Date.now()}.json`);
  const preload = join(__dirname, 'peak-rss-preload.cjs');
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', preload, ...nodeArgs, ...args], {
      stdio: ['ignore', out, 'pipe'],
      env: { ...process.env, ...env, RML_BENCH_RSS_FILE: rssFile },
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString();
    });
    let polled: number | undefined;
    const poll = setInterval(() => {
      const hwm = child.pid ? readHwm(child.pid) : undefined;
      if (hwm !== undefined) polled = Math.max(polled ?? 0, hwm);
    }, 50);
    child.on('error', (err) => {
      clearInterval(poll);
      reject(err);
    });
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      clearInterval(poll);
      if (typeof out === 'number') closeSync(out);
      let usage: { maxRssBytes?: number; cpuSeconds?: number } = {};
      if (existsSync(rssFile)) {
        usage = JSON.parse(readFileSync(rssFile, 'utf8')) as typeof usage;
        rmSync(rssFile);
      }
      resolve({ exitCode: code, wallSeconds, peakRssBytes: usage.maxRssBytes, cpuSeconds: usage.cpuSeconds, polledHwmBytes: polled, stderr });
    });
  });
}
