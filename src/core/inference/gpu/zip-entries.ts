import { createWriteStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/** One file in a zip's central directory. */
interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await file.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The central directory of a zip file (no ZIP64: the NuGet packages we read are far below 4 GB). */
async function centralDirectory(file: FileHandle, size: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(size, 65_557);
  const tail = await readAt(file, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  const dir = await readAt(file, dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  for (let p = 0, n = 0; n < count; n++) {
    if (dir.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    entries.push({
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      localHeaderOffset: dir.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Extracts the named entries of a zip file to the given paths (stored or deflated entries). */
export async function extractZipEntries(zipPath: string, wanted: ReadonlyMap<string, string>): Promise<void> {
  const file = await open(zipPath, 'r');
  try {
    const { size } = await file.stat();
    const entries = await centralDirectory(file, size);
    for (const [name, target] of wanted) {
      const entry = entries.find((e) => e.name === name);
      if (!entry) throw new Error(`${name} is not in ${zipPath}`);
      const local = await readAt(file, entry.localHeaderOffset, 30);
      if (local.readUInt32LE(0) !== 0x04034b50) throw new Error(`corrupt zip entry ${name}`);
      const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const source = Readable.from(chunks(file, start, entry.compressedSize));
      if (entry.method === 0) await pipeline(source, createWriteStream(target));
      else if (entry.method === 8) await pipeline(source, createInflateRaw(), createWriteStream(target));
      else throw new Error(`${name}: unsupported zip compression method ${entry.method}`);
    }
  } finally {
    await file.close();
  }
}

async function* chunks(file: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  const size = 1 << 20;
  for (let done = 0; done < length; ) {
    const buf = await readAt(file, start + done, Math.min(size, length - done));
    if (buf.length === 0) throw new Error('zip entry is truncated');
    done += buf.length;
    yield buf;
  }
}
