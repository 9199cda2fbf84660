/** Provenance stored with every run: the git commit of the workspace, dataset hashes, the machine. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { arch, cpus, hostname, platform, totalmem } from 'node:os';
import type { DatasetFingerprint, DeviceInfo } from './run-record';

function git(args: string[], cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout) => resolve(err ? undefined : stdout));
  });
}

/** The HEAD commit of the repository holding `dir` and whether the work tree has changes; undefined outside git. */
export async function gitState(dir: string): Promise<{ commit: string; dirty: boolean } | undefined> {
  const head = (await git(['rev-parse', 'HEAD'], dir))?.trim();
  if (!head || !/^[0-9a-f]{40,64}$/.test(head)) return undefined;
  const status = await git(['status', '--porcelain', '--untracked-files=no'], dir);
  return { commit: head, dirty: (status ?? '').trim() !== '' };
}

/** SHA-256 of a file, streamed. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Hash and size of the train and validation files. */
export async function fingerprintDatasets(files: { train: string; validation?: string }): Promise<DatasetFingerprint[]> {
  const out: DatasetFingerprint[] = [];
  for (const [role, path] of [['train', files.train], ['validation', files.validation]] as const) {
    if (path === undefined) continue;
    const [sha256, info] = await Promise.all([sha256File(path), stat(path)]);
    out.push({ role, path, sha256, bytes: info.size });
  }
  return out;
}

/** This machine, as the run record describes it. */
export function deviceInfo(): DeviceInfo {
  const c = cpus();
  return {
    hostname: hostname(),
    platform: platform(),
    arch: arch(),
    cpus: c.length,
    ...(c[0]?.model ? { cpuModel: c[0].model.trim() } : {}),
    memoryBytes: totalmem(),
    node: process.version,
  };
}
