import { binaryFileProblem, textLooksBinary } from './binary';
import { createParser, type ReadOptions } from './create-parser';
import type { DatasetFormat } from './format';
import type { DatasetRecord, HeaderCell, ReadProblem } from './record';

/** Everything read from one document. */
export interface ReadResult {
  records: DatasetRecord[];
  problems: ReadProblem[];
  /** CSV/TSV: header cells with their source ranges. */
  header?: HeaderCell[];
  /** CSV/TSV: the delimiter used. */
  delimiter?: string;
}

/**
 * Reads a whole document held in memory (the editor's text). Offsets are UTF-16 offsets into
 * `text` exactly as given (a leading BOM is skipped but still counted). With `lines`, JSONL and
 * text read only those lines, so the editor can re-lint just what changed.
 */
export function readDocument(text: string, format: DatasetFormat, options: ReadOptions = {}): ReadResult {
  if (textLooksBinary(text)) return { records: [], problems: [binaryFileProblem()] };
  const records: DatasetRecord[] = [];
  const problems: ReadProblem[] = [];
  const parser = createParser(format, { record: (r) => records.push(r), problem: (p) => problems.push(p) }, options);
  parser.push(text);
  parser.end();
  const result: ReadResult = { records, problems };
  if (parser.header !== undefined) result.header = parser.header;
  if (parser.delimiter !== undefined) result.delimiter = parser.delimiter;
  return result;
}
