import type { ChunkParser, RecordSink } from './chunk-parser';
import { CsvParser, type CsvReadOptions } from './csv-reader';
import type { DatasetFormat } from './format';
import { JsonlParser, type JsonlReadOptions } from './jsonl-reader';
import { TextParser, type TextReadOptions } from './text-reader';

/** Options for every format; each reader uses the ones that concern it. */
export interface ReadOptions extends JsonlReadOptions, CsvReadOptions, TextReadOptions {}

/** The resumable reader for `format`, delivering into `sink`. */
export function createParser(format: DatasetFormat, sink: RecordSink, options: ReadOptions = {}): ChunkParser {
  switch (format) {
    case 'jsonl':
      return new JsonlParser(sink, options);
    case 'csv':
    case 'tsv':
      return new CsvParser(sink, options, format);
    case 'text':
      return new TextParser(sink, options);
  }
}
