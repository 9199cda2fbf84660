/**
 * Scores the PII recognizers against a labelled JSONL set:
 *   npm run eval:pii -- <labelled.jsonl> [--json] [--engine] [--errors[=ENTITY]] [--min-score=0.5]
 *   [--no-ner]
 * By default the texts go through `rml lint` itself — the NER model (models/pii-ner) included,
 * unless --no-ner; --engine scores the pattern recognizers alone.
 * Each line is `{"id","text","spans":[{"start","end","label","value"}]}` with UTF-16 offsets;
 * a span's optional `source_label` (the label before the set was mapped to ours) is used only to
 * break the scores down. Prints precision, recall, F1 and F2 per entity, matching spans exactly
 * and by overlap.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/main';
import { shippedNerModel } from '../src/core/inference/model-locations';
import { createDefaultRegistry, DEFAULT_MIN_SCORE, findPiiInValue } from '../src/core/lint/pii/registry';

/** One gold or predicted span. */
export interface LabelledSpan {
  start: number;
  end: number;
  label: string;
  value?: string;
  /** The data set's own label before it was mapped to `label` (presidio-research: GPE, STREET_ADDRESS, …). */
  source_label?: string;
}

export interface LabelledRecord {
  id: string;
  text: string;
  spans: LabelledSpan[];
}

/** Counts and scores for one entity under one matching rule. */
export interface EntityScores {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  f2: number;
}

/** A span one side had and the other did not, for error analysis. */
export interface EvalError {
  id: string;
  kind: 'false-positive' | 'false-negative';
  label: string;
  text: string;
  start: number;
  end: number;
}

export interface EvalResult {
  entities: string[];
  exact: Record<string, EntityScores>;
  overlap: Record<string, EntityScores>;
  /** Overlap-matching errors. */
  errors: EvalError[];
}

/** Entities the recognizers target; other gold labels are listed but not scored as misses of ours. */
export const TARGET_ENTITIES = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'IP_ADDRESS', 'URL', 'SECRET', 'DATE_OF_BIRTH'];

/** Entities the NER model finds (its PER/LOC/ORG tags, mapped in src/core/inference/ner-recognizer.ts). */
export const NER_ENTITIES = ['PERSON', 'LOCATION', 'ORGANIZATION'];

function scores(tp: number, fp: number, fn: number): EntityScores {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const fBeta = (beta: number): number => {
    const b2 = beta * beta;
    const denominator = b2 * precision + recall;
    return denominator === 0 ? 0 : ((1 + b2) * precision * recall) / denominator;
  };
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1: fBeta(1), f2: fBeta(2) };
}

/** Pairs gold and predicted spans of one label one-to-one; returns the matched counts and the leftovers. */
function pair(gold: LabelledSpan[], predicted: LabelledSpan[], same: (g: LabelledSpan, p: LabelledSpan) => boolean): { tp: number; missed: LabelledSpan[]; extra: LabelledSpan[] } {
  const used = new Set<number>();
  const missed: LabelledSpan[] = [];
  for (const g of gold) {
    const i = predicted.findIndex((p, j) => !used.has(j) && same(g, p));
    if (i >= 0) used.add(i);
    else missed.push(g);
  }
  return { tp: used.size, missed, extra: predicted.filter((_, j) => !used.has(j)) };
}

/**
 * Scores `predict` on labelled records. Entities reported are the targets plus every label seen
 * in gold or predictions; exact matching needs the same label and offsets, overlap matching the
 * same label and intersecting spans.
 */
export function evaluate(records: readonly LabelledRecord[], predict: (text: string) => LabelledSpan[]): EvalResult {
  const counts = { exact: new Map<string, [number, number, number]>(), overlap: new Map<string, [number, number, number]>() };
  const errors: EvalError[] = [];
  const labels = new Set<string>(TARGET_ENTITIES);
  const bump = (map: Map<string, [number, number, number]>, label: string, tp: number, fp: number, fn: number): void => {
    const c = map.get(label) ?? [0, 0, 0];
    map.set(label, [c[0] + tp, c[1] + fp, c[2] + fn]);
  };
  for (const record of records) {
    const predicted = predict(record.text);
    for (const s of [...record.spans, ...predicted]) labels.add(s.label);
    const byLabel = new Set([...record.spans, ...predicted].map((s) => s.label));
    for (const label of byLabel) {
      const gold = record.spans.filter((s) => s.label === label);
      const pred = predicted.filter((s) => s.label === label);
      const exact = pair(gold, pred, (g, p) => g.start === p.start && g.end === p.end);
      bump(counts.exact, label, exact.tp, exact.extra.length, exact.missed.length);
      const loose = pair(gold, pred, (g, p) => g.start < p.end && p.start < g.end);
      bump(counts.overlap, label, loose.tp, loose.extra.length, loose.missed.length);
      for (const s of loose.missed) errors.push({ id: record.id, kind: 'false-negative', label, text: record.text.slice(s.start, s.end), start: s.start, end: s.end });
      for (const s of loose.extra) errors.push({ id: record.id, kind: 'false-positive', label, text: record.text.slice(s.start, s.end), start: s.start, end: s.end });
    }
  }
  const entities = [...labels].sort();
  const table = (map: Map<string, [number, number, number]>): Record<string, EntityScores> =>
    Object.fromEntries(entities.map((e) => {
      const [tp, fp, fn] = map.get(e) ?? [0, 0, 0];
      return [e, scores(tp, fp, fn)];
    }));
  return { entities, exact: table(counts.exact), overlap: table(counts.overlap), errors };
}

/** Reads a labelled JSONL file, with the file and line in any error. */
export function readLabelled(path: string): LabelledRecord[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const records: LabelledRecord[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const r = JSON.parse(line) as LabelledRecord;
      if (typeof r.text !== 'string' || !Array.isArray(r.spans)) throw new Error('needs "text" and "spans"');
      records.push({ id: String(r.id ?? i + 1), text: r.text, spans: r.spans });
    } catch (e) {
      throw new Error(`${path}:${i + 1}: not a labelled record (${(e as Error).message})`);
    }
  });
  return records;
}

const NOTES: Record<string, string> = {
  DATE: 'not a target: any date; DATE_OF_BIRTH is reported separately',
  DATE_OF_BIRTH: 'no gold label in this set; see the DATE overlap below',
  SECRET: 'no gold label in this set',
  PERSON: 'NER model',
  LOCATION: 'NER model; gold: places and street addresses (below)',
  ORGANIZATION: 'NER model',
};

/**
 * Per entity with several source labels in the gold spans: each source label's overlap recall,
 * pairing gold and predicted spans one-to-one as `evaluate` does (so the counts add up to its).
 */
export function recallBySourceLabel(records: readonly LabelledRecord[], predict: (text: string) => LabelledSpan[]): Array<{ label: string; source: string; gold: number; found: number }> {
  const counts = new Map<string, { label: string; source: string; gold: number; found: number }>();
  for (const r of records) {
    const predicted = predict(r.text);
    for (const label of new Set(r.spans.map((g) => g.label))) {
      const gold = r.spans.filter((g) => g.label === label);
      const { missed } = pair(gold, predicted.filter((p) => p.label === label), (g, p) => g.start < p.end && p.start < g.end);
      for (const g of gold) {
        const key = `${g.label}\u0000${g.source_label ?? g.label}`;
        const c = counts.get(key) ?? { label: g.label, source: g.source_label ?? g.label, gold: 0, found: 0 };
        c.gold++;
        if (!missed.includes(g)) c.found++;
        counts.set(key, c);
      }
    }
  }
  const all = [...counts.values()];
  const several = new Set(all.filter((c) => all.some((d) => d.label === c.label && d.source !== c.source)).map((c) => c.label));
  return all.filter((c) => several.has(c.label) || c.source !== c.label).sort((a, b) => a.label.localeCompare(b.label) || a.source.localeCompare(b.source));
}

function formatTable(result: EvalResult, ner: boolean): string {
  const pct = (x: number): string => x.toFixed(3);
  const width = Math.max(6, ...result.entities.map((e) => e.length));
  const header = `${'entity'.padEnd(width)} ${'gold'.padStart(5)} ${'pred'.padStart(5)} │ ${'exact P/R/F1/F2'.padEnd(27)} │ ${'overlap P/R/F1/F2'.padEnd(27)} │ note`;
  const rows = result.entities.map((e) => {
    const x = result.exact[e];
    const o = result.overlap[e];
    const gold = o.truePositives + o.falseNegatives;
    const pred = o.truePositives + o.falsePositives;
    // Without gold spans the scores say nothing; show dashes rather than a misleading 1.000 or 0.000.
    const four = (s: EntityScores): string => (gold === 0 ? '    -     -     -     -' : [s.precision, s.recall, s.f1, s.f2].map(pct).join(' '));
    const note = NER_ENTITIES.includes(e) ? (ner ? NOTES[e]! : 'NER model off: not a target') : (NOTES[e] ?? (TARGET_ENTITIES.includes(e) ? '' : 'not a target'));
    return `${e.padEnd(width)} ${String(gold).padStart(5)} ${String(pred).padStart(5)} │ ${four(x).padEnd(27)} │ ${four(o).padEnd(27)} │ ${note}`.trimEnd();
  });
  return [header, '─'.repeat(header.length), ...rows].join('\n');
}

/**
 * Predictions of the `rml lint` pipeline itself (readers, positions, linter, JSON report): the
 * texts are written as a JSONL file and linted with `--format json`; each finding's `start`/`end`
 * are UTF-16 offsets inside the decoded `text`, the same offsets the labels use.
 */
async function predictViaCli(records: readonly LabelledRecord[], minScore: number, ner: boolean): Promise<Map<number, LabelledSpan[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'rml-eval-'));
  const file = join(dir, 'texts.jsonl');
  writeFileSync(file, records.map((r) => JSON.stringify({ text: r.text })).join('\n') + '\n');
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['lint', file, '--format', 'json', '--max-problems', '0', '--field', 'text', '--min-score', String(minScore), ...(ner ? [] : ['--no-ner'])], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: dir,
  });
  rmSync(dir, { recursive: true, force: true });
  if (code === 2) throw new Error(`rml lint failed: ${err.join('\n')}`);
  const report = JSON.parse(out.join('')) as { files: Array<{ findings: Array<{ scope: string; entity?: string; record?: number; start?: number; end?: number }> }> };
  const byRecord = new Map<number, LabelledSpan[]>();
  for (const f of report.files[0]?.findings ?? []) {
    if (f.scope !== 'value' || !f.entity || f.record === undefined) continue;
    const list = byRecord.get(f.record) ?? [];
    list.push({ start: f.start!, end: f.end!, label: f.entity });
    byRecord.set(f.record, list);
  }
  return byRecord;
}

async function main(argv: string[]): Promise<void> {
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: npm run eval:pii -- <labelled.jsonl> [--json] [--engine] [--no-ner] [--errors[=ENTITY]] [--min-score=0.5]\n');
    process.exit(2);
  }
  const minScoreArg = argv.find((a) => a.startsWith('--min-score='));
  const minScore = minScoreArg ? Number(minScoreArg.split('=')[1]) : DEFAULT_MIN_SCORE;
  const records = readLabelled(file);
  // --engine scores findPiiInValue directly; by default the whole CLI is scored.
  let predict: (text: string) => LabelledSpan[];
  // The model runs in `rml lint` when it ships (models/pii-ner) and --no-ner is not given.
  const ner = !argv.includes('--engine') && !argv.includes('--no-ner') && shippedNerModel() !== undefined;
  if (argv.includes('--engine')) {
    const registry = createDefaultRegistry();
    predict = (text) => findPiiInValue(text, { field: 'text' }, registry, { minScore }).map((m) => ({ start: m.start, end: m.end, label: m.entity }));
  } else {
    const byRecord = await predictViaCli(records, minScore, ner);
    const indexOf = new Map(records.map((r, i) => [r.text, i]));
    predict = (text) => byRecord.get(indexOf.get(text) ?? -1) ?? [];
  }
  const result = evaluate(records, predict);
  const bySource = recallBySourceLabel(records, predict);
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ file, via: argv.includes('--engine') ? 'engine' : 'cli', ner, records: records.length, minScore, exact: result.exact, overlap: result.overlap, recallBySourceLabel: bySource }, null, 2)}\n`);
    return;
  }
  const via = argv.includes('--engine') ? 'findPiiInValue (patterns only)' : `rml lint --format json${ner ? ' (with the NER model models/pii-ner)' : ' --no-ner'}`;
  process.stdout.write(`${file}: ${records.length} records, minScore ${minScore}, scored through ${via}\n`);
  process.stdout.write(
    'Labels: the gold spans\' `label` as the file gives it; where a span also has `source_label` (the set\'s own label before\n' +
      'mapping), the table below breaks recall down by it. Predictions carry our entity names; the NER model\'s tags map\n' +
      'PER→PERSON, LOC→LOCATION, ORG→ORGANIZATION. Gold labels we have no recognizer for are listed as "not a target".\n',
  );
  process.stdout.write(`${formatTable(result, ner)}\n`);
  if (bySource.length) {
    process.stdout.write('\nOverlap recall by source label:\n');
    for (const c of bySource) process.stdout.write(`  ${c.label.padEnd(13)} ← ${c.source.padEnd(16)} ${String(c.found).padStart(5)}/${String(c.gold).padEnd(5)} ${(c.gold ? c.found / c.gold : 0).toFixed(3)}\n`);
  }
  // A DOB prediction can only be checked against the set's DATE spans (which are any date).
  const dobHitsDate = records.reduce((n, r) => {
    const dob = predict(r.text).filter((p) => p.label === 'DATE_OF_BIRTH');
    return n + dob.filter((p) => r.spans.some((s) => s.label === 'DATE' && s.start < p.end && p.start < s.end)).length;
  }, 0);
  const dobPredicted = result.overlap.DATE_OF_BIRTH.falsePositives;
  process.stdout.write(`DATE_OF_BIRTH: ${dobPredicted} predicted, ${dobHitsDate} of them on a gold DATE span\n`);
  const errorsArg = argv.find((a) => a.startsWith('--errors'));
  if (errorsArg) {
    const only = errorsArg.includes('=') ? errorsArg.split('=')[1] : undefined;
    for (const e of result.errors) {
      if (only ? e.label !== only : !TARGET_ENTITIES.includes(e.label) && !(ner && NER_ENTITIES.includes(e.label))) continue;
      process.stdout.write(`${e.kind === 'false-positive' ? 'FP' : 'FN'} ${e.label.padEnd(12)} ${e.id.padEnd(14)} ${JSON.stringify(e.text)}\n`);
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  });
}
