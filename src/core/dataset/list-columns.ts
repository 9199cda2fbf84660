import { open } from 'node:fs/promises';
import type { DatasetFormat } from './format';
import { readDocument } from './read-document';

const SAMPLE_BYTES = 256 * 1024;

/**
 * Column names of a dataset from its first records: the CSV header, or for JSONL every field
 * path seen (array indices folded to `[]`), in first-seen order.
 */
export async function listColumns(path: string, format: DatasetFormat): Promise<string[]> {
  const handle = await open(path, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    text = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  // Drop the last, probably cut, line so the sample parses cleanly.
  const cut = text.length === SAMPLE_BYTES ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
  const read = readDocument(cut, format, { keys: format === 'jsonl' });
  if (read.header) return read.header.map((h) => h.path);
  const seen = new Set<string>();
  for (const r of read.records.slice(0, 200)) {
    for (const k of r.keys ?? []) seen.add(k.path.replace(/\[\d+\]/g, '[]'));
  }
  return [...seen];
}
