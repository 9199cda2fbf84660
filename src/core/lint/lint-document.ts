import { readDocument } from '../dataset/read-document';
import type { DatasetFormat } from '../dataset/format';
import type { Finding } from './finding';
import type { LintOptions } from './lint-options';
import { PiiLinter } from './pii-linter';
import type { PiiRegistry } from './pii/registry';

/** Findings of one in-memory document, uncapped (callers cap for display). */
export interface DocumentLint {
  findings: Finding[];
  records: number;
}

/** Lints a whole document held in memory (the editor's text, small files in the CLI). */
export function lintDocument(text: string, format: DatasetFormat, options: LintOptions, registry?: PiiRegistry): DocumentLint {
  const read = readDocument(text, format, { keys: format === 'jsonl' });
  const linter = new PiiLinter(options, registry);
  if (read.header) linter.addHeader(read.header);
  linter.addRecords(read.records);
  linter.addProblems(read.problems);
  return { findings: linter.finish(), records: linter.records };
}
