/**
 * Reads text-classification examples (text, label, sensitive groups) from a JSONL, CSV or TSV
 * file with the project's streaming readers. Records without text or label are skipped and
 * counted; malformed lines are reported with their line number.
 */
import { binIndex, binLabels } from '../../profile/bin-labels';
import { formatFromPath } from '../../dataset/format';
import { streamRecords } from '../../dataset/stream-records';

/** A sensitive attribute to group validation metrics by; numeric ones may carry bins. */
export interface GroupAttribute {
  name: string;
  column: string;
  bins?: number[];
}

export interface Examples {
  texts: string[];
  labels: string[];
  /** attribute name → group value, per example. */
  groups: Array<Record<string, string>>;
  /** Lines skipped, as `file:line: reason` (at most 20, then a count). */
  problems: string[];
  skipped: number;
}

const MAX_PROBLEMS = 20;

/** Reads every example of `file`. */
export async function readExamples(file: string, fields: { text: string; label: string; groups: GroupAttribute[] }, signal?: AbortSignal): Promise<Examples> {
  const format = formatFromPath(file);
  if (!format) throw new Error(`${file}: unsupported data file type (use .jsonl, .csv or .tsv)`);
  const out: Examples = { texts: [], labels: [], groups: [], problems: [], skipped: 0 };
  const note = (line: number, why: string) => {
    out.skipped += 1;
    if (out.problems.length < MAX_PROBLEMS) out.problems.push(`${file}:${line}: ${why}`);
  };
  const labelsOfBins = new Map(fields.groups.filter((g) => g.bins).map((g) => [g.name, binLabels(g.bins!)]));
  for await (const batch of streamRecords(file, format, { scalars: format === 'jsonl', ...(signal ? { signal } : {}) })) {
    for (const p of batch.problems) note(p.line, p.message);
    for (const record of batch.records) {
      if (record.malformed) continue; // reported through batch.problems
      const values = new Map<string, string>();
      for (const f of record.fields) values.set(f.path, f.value);
      for (const s of record.scalars ?? []) if (s.kind !== 'null') values.set(s.path, s.value);
      const text = values.get(fields.text);
      const label = values.get(fields.label);
      if (text === undefined) {
        note(record.line, `no '${fields.text}' text field; skipped`);
        continue;
      }
      if (label === undefined || label === '') {
        note(record.line, `no '${fields.label}' label; skipped`);
        continue;
      }
      const groups: Record<string, string> = {};
      for (const g of fields.groups) {
        const raw = values.get(g.column);
        if (raw === undefined || raw === '') groups[g.name] = '(missing)';
        else if (g.bins) {
          const x = Number(raw);
          groups[g.name] = Number.isFinite(x) ? labelsOfBins.get(g.name)![binIndex(x, g.bins)]! : '(not a number)';
        } else groups[g.name] = raw;
      }
      out.texts.push(text);
      out.labels.push(label);
      out.groups.push(groups);
    }
  }
  if (out.skipped > out.problems.length) out.problems.push(`${file}: ${out.skipped - out.problems.length} more records skipped`);
  return out;
}
