import { isAbsolute, resolve } from 'node:path';
import type { DatasetSpec } from '../../config/project-config';
import { fileFormatFromPath } from '../../dataset/file-format';
import { formatFromPath } from '../../dataset/format';
import { HashSlots } from './hash-slots';
import { readBatches } from './read-batches';
import { TextSelection } from './record-text';
import { hashText } from './text-hash';

/** Lists the files a glob matches: the extension passes workspace.findFiles, the CLI `glob`. Relative results are taken relative to configDir. */
export type ListFiles = (glob: string) => string[] | Promise<string[]>;

/** Where split globs are resolved and how they are listed. */
export interface SplitListing {
  /** Folder of the config file; split globs are relative to it. Default: the working folder. */
  configDir?: string;
  /** Default: the `glob` package with cwd = configDir. */
  listFiles?: ListFiles;
  signal?: AbortSignal;
}

/** The first record of a split with some normalised text. */
export interface SplitPlace {
  file: string;
  line: number;
  column: number;
}

/** Fingerprints of the normalised texts of one split's files, with where each first appears. */
export class SplitTexts {
  /** Per distinct text: file index, line, column of its first record. */
  private readonly slots = new HashSlots(3);
  /** Records read. */
  records = 0;

  constructor(
    readonly split: string,
    readonly files: string[],
  ) {}

  /** True when the split holds this text already. */
  has(hi: number, lo: number): boolean {
    return this.slots.find(hi, lo) >= 0;
  }

  /** Remembers a text's first place. */
  add(hi: number, lo: number, fileIndex: number, line: number, column: number): void {
    const slot = this.slots.add(hi, lo);
    if (slot >= 0) return;
    const d = this.slots.data;
    d[~slot * 3] = fileIndex;
    d[~slot * 3 + 1] = line;
    d[~slot * 3 + 2] = column;
  }

  /** Where the split first has this normalised text, if it has it. */
  find(hi: number, lo: number): SplitPlace | undefined {
    const slot = this.slots.find(hi, lo);
    if (slot < 0) return undefined;
    const d = this.slots.data;
    return { file: this.files[d[slot * 3]], line: d[slot * 3 + 1], column: d[slot * 3 + 2] };
  }

  /** Distinct normalised texts held. */
  get size(): number {
    return this.slots.size;
  }
}

/**
 * The splits of a dataset: each split's files, and for the splits that were read, their texts.
 * Build it once per config (indexSplits) and reuse it for every file the editor checks.
 */
export class SplitIndex {
  constructor(
    /** Absolute file paths per split name, in config order. */
    readonly files: Map<string, string[]>,
    /** Texts of the splits that were read. */
    readonly texts: Map<string, SplitTexts>,
  ) {}

  /** The split `path` belongs to (the first whose glob lists it), or undefined. */
  splitOf(path: string): string | undefined {
    const full = resolve(path);
    for (const [split, files] of this.files) if (files.includes(full)) return split;
    return undefined;
  }
}

/** Lists each split's files (absolute, sorted, de-duplicated). */
export async function listSplitFiles(spec: Pick<DatasetSpec, 'splits'>, listing: SplitListing = {}): Promise<Map<string, string[]>> {
  const configDir = resolve(listing.configDir ?? '.');
  const list = listing.listFiles ?? ((pattern: string) => globFiles(pattern, configDir));
  const out = new Map<string, string[]>();
  for (const [split, pattern] of Object.entries(spec.splits ?? {})) {
    const found = await list(pattern);
    out.set(split, [...new Set(found.map((f) => (isAbsolute(f) ? resolve(f) : resolve(configDir, f))))].sort());
  }
  return out;
}

async function globFiles(pattern: string, cwd: string): Promise<string[]> {
  const { glob } = await import('glob');
  return glob(pattern, { cwd, nodir: true, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] });
}

/**
 * Reads the files of the named splits (default: all) and fingerprints their normalised texts,
 * chosen as checkIntegrity chooses them. Memory: about 30 bytes per distinct text.
 */
export async function indexSplits(
  spec: Pick<DatasetSpec, 'splits' | 'textFields' | 'labelField'>,
  listing: SplitListing & { splits?: string[]; files?: Map<string, string[]> } = {},
): Promise<SplitIndex> {
  const files = listing.files ?? (await listSplitFiles(spec, listing));
  const texts = new Map<string, SplitTexts>();
  for (const [split, paths] of files) {
    if (listing.splits !== undefined && !listing.splits.includes(split)) continue;
    const index = new SplitTexts(split, paths);
    for (let f = 0; f < paths.length; f++) await indexFile(index, f, spec, listing.signal);
    texts.set(split, index);
  }
  return new SplitIndex(files, texts);
}

async function indexFile(index: SplitTexts, fileIndex: number, spec: Pick<DatasetSpec, 'textFields' | 'labelField'>, signal?: AbortSignal): Promise<void> {
  const path = index.files[fileIndex];
  const format = fileFormatFromPath(path, formatFromPath(path));
  if (format === undefined) throw new Error(`${path}: split file of an unsupported type (supported: .jsonl, .ndjson, .csv, .tsv, .parquet, .txt, .md)`);
  const selection = new TextSelection(spec, format);
  for await (const batch of readBatches(path, format, signal)) {
    for (const record of batch.records) {
      index.records++;
      if (record.malformed === true) continue;
      const text = selection.textOf(record);
      if (text === undefined) continue;
      const h = hashText(text.text);
      if (h.normEmpty || index.has(h.normHi, h.normLo)) continue;
      const at = text.first.toSourcePosition?.(0) ?? { line: record.line, column: 1 };
      index.add(h.normHi, h.normLo, fileIndex, at.line, at.column);
    }
  }
}
