import { basename } from 'node:path';
import type { DatasetRecord } from '../../dataset/record';
import type { Finding, SourceRange } from '../finding';
import type { ColumnTypeStats, ValueKind } from './column-types';
import type { DuplicateTracker, Place, Twin } from './duplicate-tracker';
import type { FindingDraft, FindingSink } from './finding-sink';
import { INTEGRITY_LIMITS, type IntegrityRuleId } from './integrity-options';
import type { SplitPlace } from './split-index';

/** Another split holding a record's text. */
export interface Leak {
  split: string;
  place: SplitPlace;
}

type Related = NonNullable<Finding['related']>[number];

function relatedAt(path: string, p: Omit<Place, 'label'>, message: string): Related {
  return { path, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn, message };
}

/** Shows a data value in a message: quoted, at most 40 characters. */
export function quoteValue(value: string): string {
  const short = value.length > 40 ? value.slice(0, 39) + '…' : value;
  return JSON.stringify(short);
}

/** duplicate-text on a later occurrence, related to the first one. */
export function duplicateFinding(path: string, record: DatasetRecord, range: SourceRange, twin: Twin): FindingDraft {
  const message =
    twin.kind === 'exact'
      ? `Duplicate text: line ${twin.line} has the same text.`
      : `Near-duplicate text: equal to line ${twin.line} after ignoring case, punctuation and whitespace.`;
  return {
    ...range,
    scope: 'record',
    record: record.index,
    message,
    related: [relatedAt(path, twin, 'First occurrence of this text')],
  };
}

/** split-leakage on a record whose normalised text is also in other splits. */
export function leakageFinding(split: string, record: DatasetRecord, range: SourceRange, leaks: Leak[]): FindingDraft {
  const where = leaks.map((l) => `"${l.split}" (${basename(l.place.file)} line ${l.place.line})`).join(', ');
  return {
    ...range,
    scope: 'record',
    record: record.index,
    message: `Split leakage: this text of split "${split}" is also in split ${where}.`,
    related: leaks.map((l) => ({
      path: l.place.file,
      line: l.place.line,
      column: l.place.column,
      message: `The same text in split "${l.split}"`,
    })),
  };
}

/** Adds conflicting-labels on each remembered record of every text that carries two or more labels. */
export function addConflictFindings(path: string, tracker: DuplicateTracker, sink: FindingSink): void {
  const label = (id: number) => quoteValue(tracker.labels.labelOf(id));
  for (const group of tracker.conflictingGroups()) {
    const labelled = group.members.filter((m) => m.label >= 0);
    for (const m of labelled) {
      if (!sink.accepts('conflicting-labels')) continue;
      // Records with another label first: they are the conflict; same-label twins after.
      const others = [...labelled.filter((o) => o !== m && o.label !== m.label), ...labelled.filter((o) => o !== m && o.label === m.label)];
      const names = [...new Set(labelled.filter((o) => o.label !== m.label).map((o) => label(o.label)))];
      sink.push('conflicting-labels', {
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        scope: 'record',
        message: `Conflicting labels: this text is labelled ${label(m.label)} here but ${names.join(', ')} elsewhere (${group.count} records share it).`,
        related: others.slice(0, INTEGRITY_LIMITS.related).map((o) => relatedAt(path, o, `Labelled ${label(o.label)}`)),
      });
    }
  }
}

const KIND_NAMES: Record<ValueKind, string> = { string: 'text', number: 'number', boolean: 'boolean' };

/** mixed-types and constant-column findings, placed on the column's header cell (or the first record). */
export function columnFindings(
  path: string,
  mixed: ColumnTypeStats[],
  constant: ColumnTypeStats[],
  placeOf: (column: string) => SourceRange | undefined,
): Array<{ rule: IntegrityRuleId; finding: FindingDraft }> {
  const out: Array<{ rule: IntegrityRuleId; finding: FindingDraft }> = [];
  for (const c of mixed) {
    const range = placeOf(c.name);
    if (range === undefined) continue;
    const kinds = Object.entries(c.kinds) as Array<[ValueKind, number]>;
    const counts = kinds.sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${KIND_NAMES[k]}`);
    out.push({
      rule: 'mixed-types',
      finding: {
        ...range,
        scope: 'column',
        field: c.name,
        count: c.nonEmpty,
        message: `Mixed types in column "${c.name}": ${counts.join(', ')} values.`,
        related: kinds.map(([k]) => relatedAt(path, c.examples[k]!, `First ${KIND_NAMES[k]} value`)),
      },
    });
  }
  for (const c of constant) {
    const range = placeOf(c.name);
    if (range === undefined) continue;
    out.push({
      rule: 'constant-column',
      finding: {
        ...range,
        scope: 'column',
        field: c.name,
        count: c.nonEmpty,
        message: `Constant column "${c.name}": all ${c.nonEmpty} values are ${quoteValue(c.firstValue ?? '')}.`,
      },
    });
  }
  return out;
}
