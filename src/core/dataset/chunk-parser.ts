import type { DatasetRecord, HeaderCell, ReadProblem } from './record';

/** Where a parser delivers what it reads, in source order. */
export interface RecordSink {
  record(record: DatasetRecord): void;
  problem(problem: ReadProblem): void;
}

/** A 1-based, inclusive range of lines. */
export interface LineRange {
  from: number;
  to: number;
}

/**
 * A resumable reader for one format: it is fed decoded text in pieces cut anywhere (or the
 * whole document as one piece) and produces the same records either way, because the sync and
 * the streaming paths share it.
 */
export interface ChunkParser {
  push(text: string): void;
  /** Call once after the last piece. */
  end(): void;
  /** 1-based line that the next character pushed belongs to. */
  readonly currentLine: number;
  /** CSV/TSV: the header cells, once read. */
  readonly header?: HeaderCell[];
  /** CSV/TSV: the delimiter in use, once known. */
  readonly delimiter?: string;
}

/** True for a JSON whitespace character other than LF (space, tab, CR). */
export function isBlankChar(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}
