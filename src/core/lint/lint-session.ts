import type { DatasetFormat } from '../dataset/format';
import { fingerprintFinding } from './baseline';
import type { Finding, PiiEntity } from './finding';
import { LineDocumentLinter, type LineEdit } from './line-document-linter';
import { lintDocument } from './lint-document';
import type { LintOptions } from './lint-options';
import { capFindings } from './cap-findings';
import { applyRuleSeverities } from './rule-severity';
import { createDefaultRegistry, type PiiRegistry } from './pii/registry';

export type LintEdit = LineEdit;

/** Turns baseline data (salt + fingerprints) into the suppression check. */
export function suppressionCheck(baseline: { salt: string; hashes: string[] } | undefined): LintOptions['isSuppressed'] {
  if (!baseline || baseline.hashes.length === 0) return undefined;
  const hashes = new Set(baseline.hashes);
  return (entity: PiiEntity, field: string, value: string) => hashes.has(fingerprintFinding(baseline.salt, entity, field, value));
}

/**
 * One open document's lint state. Line-based formats (JSONL, text) update line by line; CSV and
 * TSV, whose records may span lines, are re-read whole.
 */
export class DocumentLintSession {
  private readonly lines?: LineDocumentLinter;
  private text = '';
  private readonly registry: PiiRegistry;

  constructor(
    readonly format: DatasetFormat,
    readonly options: LintOptions,
  ) {
    this.registry = createDefaultRegistry({ phoneRegions: options.phoneRegions });
    if (format === 'jsonl' || format === 'text') this.lines = new LineDocumentLinter(format, options, this.registry);
  }

  /** Sets the whole text. */
  reset(text: string): void {
    if (this.lines) this.lines.reset(text);
    else this.text = text;
  }

  /** Applies editor edits; CSV needs the new full text since its records can span lines. */
  edit(edits: readonly LintEdit[], fullText?: string): void {
    if (this.lines) this.lines.applyEdits(edits);
    else if (fullText !== undefined) this.text = fullText;
  }

  /** The document's text as the session holds it (for the model pass). */
  get currentText(): string {
    return this.lines ? this.lines.text : this.text;
  }

  /** Current findings, capped for display, with the uncapped total. */
  result(): { findings: Finding[]; total: number; records: number } {
    if (this.lines) {
      const max = this.options.maxProblems;
      const first = this.lines.firstFindings(max > 0 ? max : Infinity);
      const shown = applyRuleSeverities(first.findings, this.options.ruleSeverity);
      // Rules turned off lower the total by what they removed from the head (an estimate past it).
      const { kept } = capFindings(shown, max, first.total - (first.findings.length - shown.length));
      return { findings: kept, total: first.total, records: this.lines.records };
    }
    const all = lintDocument(this.text, this.format, this.options, this.registry);
    const findings = applyRuleSeverities(all.findings, this.options.ruleSeverity);
    const { kept } = capFindings(findings, this.options.maxProblems);
    return { findings: kept, total: findings.length, records: all.records };
  }
}
