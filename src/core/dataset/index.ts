/*
 * Dataset readers: records of string fields with exact source places.
 *
 * - Offsets are UTF-16 offsets into the document text: the string given to readDocument, or for
 *   streamRecords the whole file as decoded text (BOM included, like readFileSync(path, 'utf8')).
 * - Positions are 1-based line/column, columns in UTF-16 units; a leading BOM is not a column.
 * - JSON paths read like JS property access: messages[2].content, meta["first name"]; '' is the
 *   root value. CSV/TSV fields are named by (unique) header cell; text lines have field `text`.
 */
export type { DatasetRecord, FieldValue, HeaderCell, JsonKey, ReadProblem, ReadProblemCode, RecordSpan, ScalarKind, ScalarValue, SourcePosition } from './record';
export { detectFormat, formatFromLanguageId, formatFromPath, isDatasetFormat, DATASET_FORMATS, type DatasetFormat } from './format';
export { readDocument, type ReadResult } from './read-document';
export { streamRecords, type ByteSource, type RecordBatch, type StreamOptions } from './stream-records';
export { createParser, type ReadOptions } from './create-parser';
export type { ChunkParser, LineRange, RecordSink } from './chunk-parser';
export { LineIndex, SingleLine, positionAt, type PositionLocator } from './line-index';
export { memberPath, elementPath } from './json-path';
export { BINARY_SNIFF_BYTES } from './binary';
