import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A fresh temp path next to `target`. Same directory means same file system, which is what makes
 * the final rename atomic; the leading dot keeps it out of most file listings meanwhile.
 */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Creates a temp file next to `target`, lets `write` fill it, then fsyncs and renames it over
 * `target`. Readers see the old file or the complete new one, never a half-written file; on any
 * error the temp file is removed and `target` is left as it was.
 */
export async function withAtomicFile<T>(
  target: string,
  write: (file: FileHandle) => Promise<T>,
  mode = 0o666,
): Promise<T> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  const file = await open(temp, 'wx', mode);
  let closed = false;
  try {
    const result = await write(file);
    await file.sync();
    await file.close();
    closed = true;
    await rename(temp, target);
    return result;
  } catch (error) {
    if (!closed) await file.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Writes a whole file atomically (temp file, fsync, rename). */
export async function writeFileAtomic(target: string, data: string | Uint8Array, mode = 0o666): Promise<void> {
  await withAtomicFile(target, (file) => writeAll(file, typeof data === 'string' ? Buffer.from(data, 'utf8') : data), mode);
}

/** Writes every byte of `data`, looping over short writes. */
export async function writeAll(file: FileHandle, data: Uint8Array): Promise<void> {
  for (let offset = 0; offset < data.length; ) {
    const { bytesWritten } = await file.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}
