import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Finding } from '../../../src/core/lint/finding';

/** Writes `files` (relative path → content) into a fresh temporary folder and returns it. */
export function makeDataset(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rml-integrity-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** 1-based line/column of the n-th occurrence of `needle` in `text`, found by plain search. */
export function where(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${JSON.stringify(needle)} not found`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

/** The full range of the n-th occurrence of `needle` (on one line). */
export function rangeOfText(text: string, needle: string, nth = 0): { line: number; column: number; endLine: number; endColumn: number } {
  const { line, column } = where(text, needle, nth);
  return { line, column, endLine: line, endColumn: column + needle.length };
}

/** Findings of one rule. */
export function ofRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.ruleId === rule);
}

/** The range of a finding or related place, for deepEqual. */
export function rangeOf(f: { line: number; column: number; endLine?: number; endColumn?: number }) {
  return { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn };
}
