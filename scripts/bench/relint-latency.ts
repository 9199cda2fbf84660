// Editor-style re-lint latency: a large JSONL document in LineDocumentLinter, then one-line edits
// (a word replaced in a random line), each timed with findings() (the whole list) and with
// firstFindings(maxProblemsPerFile) (what the editor's lint session asks for).
import { Faker, base, en } from '@faker-js/faker';
import { LineDocumentLinter, type LineEdit } from '../../src/core/lint/line-document-linter';
import { DEFAULT_CONFIG } from '../../src/core/config/project-config';
import { resolveLintOptions } from '../../src/core/lint/lint-options';
import { buildChatDocument } from './bench-data';
import { DEFAULT_SEED } from './chat-generator';

export interface RelintResult {
  lines: number;
  documentBytes: number;
  /** reset(text) of the whole document. */
  resetMs: number;
  findingsAfterReset: number;
  edits: number;
  /** applyEdits + firstFindings(shownLimit) per edit: what the editor's lint session pays. */
  editMs: Percentiles;
  /** applyEdits + findings() (every finding of the document) per edit, for comparison. */
  editFullMs: Percentiles;
  /** The limit given to firstFindings (the default responsibleMl.maxProblemsPerFile). */
  shownLimit: number;
  /** The parts on their own, to show where the time goes. */
  applyEditsMs: Percentiles;
  firstFindingsMs: Percentiles;
  findingsMs: Percentiles;
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]!, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** A word inside one line to replace: letters only, so the JSON stays valid. */
function pickEdit(f: Faker, lines: string[]): LineEdit {
  for (;;) {
    const line = f.number.int(lines.length - 1);
    const words = [...lines[line]!.matchAll(/(?<=[\s"])[A-Za-z]{4,}(?=[\s.,!?])/g)];
    if (words.length === 0) continue;
    const w = f.helpers.arrayElement(words);
    return { startLine: line, startCharacter: w.index!, endLine: line, endCharacter: w.index! + w[0].length, text: f.word.noun().replace(/[^A-Za-z]/g, '') || 'thing' };
  }
}

/** Builds the document, resets the linter on it, then times `edits` random one-line edits. */
export function measureRelint(lineCount: number, edits: number, seed: number): RelintResult {
  const text = buildChatDocument(lineCount, seed);
  const options = resolveLintOptions();
  const linter = new LineDocumentLinter('jsonl', options);
  const t0 = performance.now();
  linter.reset(text);
  const resetMs = performance.now() - t0;
  const findingsAfterReset = linter.findings().length;

  // Our own copy of the lines, kept in step with the linter's, to choose edits from.
  const lines = text.split('\n');
  const f = new Faker({ locale: [en, base] });
  f.seed(seed + 1);
  const shownLimit = DEFAULT_CONFIG.maxProblemsPerFile;
  const shown: number[] = [];
  const full: number[] = [];
  const apply: number[] = [];
  const first: number[] = [];
  const find: number[] = [];
  for (let i = 0; i < edits; i++) {
    const edit = pickEdit(f, lines);
    const a = performance.now();
    linter.applyEdits([edit]);
    const b = performance.now();
    // What the editor asks for: the first responsibleMl.maxProblemsPerFile findings and the total.
    linter.firstFindings(shownLimit);
    const c = performance.now();
    linter.findings();
    const d = performance.now();
    apply.push(b - a);
    first.push(c - b);
    find.push(d - c);
    shown.push(c - a);
    full.push(b - a + (d - c));
    const line = lines[edit.startLine]!;
    lines[edit.startLine] = line.slice(0, edit.startCharacter) + edit.text + line.slice(edit.endCharacter);
  }
  return {
    lines: lineCount,
    documentBytes: Buffer.byteLength(text),
    resetMs,
    findingsAfterReset,
    edits,
    editMs: percentiles(shown),
    editFullMs: percentiles(full),
    shownLimit,
    applyEditsMs: percentiles(apply),
    firstFindingsMs: percentiles(first),
    findingsMs: percentiles(find),
  };
}

// Run on its own (the benchmark does, in a child process, so its memory is measured apart):
//   npx tsx scripts/bench/relint-latency.ts --lines 100000 --edits 200 [--seed N]
if (require.main === module) {
  const arg = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const result = measureRelint(arg('lines', 100_000), arg('edits', 200), arg('seed', DEFAULT_SEED));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
