import type { DatasetRecord, FieldValue, HeaderCell, ReadProblem, SourcePosition } from '../dataset/record';
import { PII_ENTITIES, type Finding, type PiiEntity, type Severity } from './finding';
import { ColumnTally, columnKey, type ColumnCounts } from './column-tally';
import type { LintOptions } from './lint-options';
import { entityForFieldName } from './pii/column-names';
import { detached } from './pii/detached-string';
import { maskValue } from './pii/mask';
import type { PiiMatch, RecognizerContext } from './pii/recognizer';
import { createDefaultRegistry, findPiiInValue, type FindPiiOptions, type PiiRegistry } from './pii/registry';
import { piiRuleId } from './rules';
import type { ModelPass } from './model-pass';

/** What the linter needs to know about one field path. */
interface PathInfo {
  /** Column key (`messages[].content`). */
  key: string;
  /** False when `fields` is set and names neither the path nor its column. */
  wanted: boolean;
  /** Recognizer context for values at this path. */
  context: RecognizerContext;
  /** Matches of short values seen at this path: roles, categories, dates and flags repeat from record to record. */
  shortValues?: Map<string, readonly PiiMatch[]>;
  /** The column's counts in the tally, once counted (an entry, once made, is kept). */
  counts?: ColumnCounts;
  /** True once a key at this path has been offered as the column's anchor: later ones change nothing. */
  anchored?: boolean;
}

const PATH_CACHE_LIMIT = 4096;
/** Values up to this long are remembered per path, up to SHORT_VALUES_PER_PATH of them. */
const SHORT_VALUE_LENGTH = 40;
const SHORT_VALUES_PER_PATH = 1024;

function positionOf(field: FieldValue, offset: number): SourcePosition {
  if (field.toSourcePosition) return field.toSourcePosition(offset);
  throw new Error(`field ${field.path} has no source positions`);
}

/**
 * Finds PII in records fed to it batch by batch (a whole document, a stream, or one line),
 * keeping only counts per column so memory stays flat however large the file is.
 */
export class PiiLinter {
  readonly tally = new ColumnTally();
  /** Where each column is named: its CSV header cell or first JSON key. */
  readonly anchors = new Map<string, FieldValue>();
  private readonly valueFindings: Finding[] = [];
  private readonly registry: PiiRegistry;
  private readonly wanted: Set<string> | undefined;
  private readonly enabledEntities: PiiEntity[];
  private readonly findOptions: FindPiiOptions;
  private readonly paths = new Map<string, PathInfo>();
  private recordCount = 0;
  /** Called for every reported value match (the anonymizer collects replacements here). */
  onValueMatch?: (field: FieldValue, match: PiiMatch, value: string) => void;
  /** Collects free-text values for the model recognizers (NER); the caller flushes it after each batch. */
  modelPass?: ModelPass;

  constructor(private readonly options: LintOptions, registry?: PiiRegistry) {
    this.registry = registry ?? createDefaultRegistry({ phoneRegions: options.phoneRegions });
    this.wanted = options.fields ? new Set(options.fields) : undefined;
    this.enabledEntities = PII_ENTITIES.filter((e) => options.entitySeverity[e] !== 'off');
    this.findOptions = { minScore: options.minScore, entities: this.enabledEntities };
  }

  /** CSV/TSV header cells anchor column findings. */
  addHeader(header: readonly HeaderCell[]): void {
    for (const cell of header) this.anchor(cell.path, cell);
  }

  /** Scans every (wanted) string field of the records. */
  addRecords(records: readonly DatasetRecord[]): void {
    for (const record of records) {
      this.recordCount++;
      if (record.keys) {
        for (const key of record.keys) {
          const info = this.pathInfo(key.path);
          if (info.anchored) continue;
          this.anchor(info.key, key);
          info.anchored = true;
        }
      }
      for (const field of record.fields) {
        const info = this.pathInfo(field.path);
        if (info.wanted) this.scanField(record, field, info);
      }
    }
  }

  /** Reader problems become malformed-record / unreadable-file findings. */
  addProblems(problems: readonly ReadProblem[]): void {
    for (const p of problems) {
      const unreadable = p.code === 'binary-file' || p.code === 'invalid-encoding';
      this.valueFindings.push({
        ruleId: unreadable ? 'unreadable-file' : 'malformed-record',
        severity: 'error',
        score: 1,
        scope: unreadable ? 'file' : 'record',
        // The finding carries the line; a "Line N:" prefix would go stale as lines move.
        message: p.message.replace(/^Line \d+: /, ''),
        line: p.line,
        column: p.column ?? 1,
        endLine: p.line,
        endColumn: (p.column ?? 1) + 1,
        ...(p.record !== undefined ? { record: p.record } : {}),
      });
    }
  }

  get records(): number {
    return this.recordCount;
  }

  /** Value and structural findings so far (no column findings). */
  get findings(): readonly Finding[] {
    return this.valueFindings;
  }

  /** All findings, column findings included, sorted by position. */
  finish(): Finding[] {
    const all = [...this.valueFindings, ...columnFindings(this.tally, (key) => this.anchors.get(key), this.options)];
    return sortFindings(all);
  }

  private anchor(key: string, at: FieldValue): void {
    this.tally.touch(key);
    if (!this.anchors.has(key)) this.anchors.set(key, at);
  }

  /**
   * What a field path implies, worked out once per path: every record repeats the same few
   * paths, and the column key, name check and recognizer context are the same each time.
   */
  private pathInfo(path: string): PathInfo {
    let info = this.paths.get(path);
    if (!info) {
      const own = detached(path);
      const key = columnKey(own);
      const nameEntity = entityForFieldName(key);
      info = {
        key,
        wanted: !this.wanted || this.wanted.has(own) || this.wanted.has(key),
        context: { field: own, ...(nameEntity ? { columnEntity: nameEntity } : {}), phoneRegions: this.options.phoneRegions },
      };
      // Arrays with thousands of elements make thousands of paths; start over rather than grow.
      if (this.paths.size >= PATH_CACHE_LIMIT) this.paths.clear();
      this.paths.set(own, info);
    }
    return info;
  }

  /** PII in a value at a path; short values are looked up first, the scan of one costs more than the lookup. */
  private matchesOf(value: string, info: PathInfo): readonly PiiMatch[] {
    if (value.length > SHORT_VALUE_LENGTH) return findPiiInValue(value, info.context, this.registry, this.findOptions);
    const seen = (info.shortValues ??= new Map());
    let matches = seen.get(value);
    if (matches === undefined) {
      matches = findPiiInValue(value, info.context, this.registry, this.findOptions);
      if (seen.size < SHORT_VALUES_PER_PATH) seen.set(detached(value), matches);
    }
    return matches;
  }

  /** Findings for what a model recognizer found in a value scanned earlier (see ModelPass). */
  addModelMatches(record: DatasetRecord, field: FieldValue, key: string, matches: readonly PiiMatch[]): void {
    const seen = new Set<PiiEntity>();
    for (const m of matches) {
      const value = field.value.slice(m.start, m.end);
      if (this.options.isSuppressed?.(m.entity, field.path, value)) continue;
      seen.add(m.entity);
      this.onValueMatch?.(field, m, value);
      this.valueFindings.push(valueFinding(record, field, m, value, severityOf(this.options, m.entity)));
    }
    // The value was counted as non-empty by the pattern scan; only the entity hits are added.
    this.tally.count(key, false, seen);
  }

  private scanField(record: DatasetRecord, field: FieldValue, info: PathInfo): void {
    const matches = this.matchesOf(field.value, info);
    this.modelPass?.collect(record, field, info.key, info.context, matches);
    const counts = (info.counts ??= this.tally.touch(info.key));
    if (matches.length === 0) {
      if (field.value.trim().length > 0) counts.nonEmpty++;
      return;
    }
    const seen = new Set<PiiEntity>();
    for (const m of matches) {
      const value = field.value.slice(m.start, m.end);
      if (this.options.isSuppressed?.(m.entity, field.path, value)) continue;
      seen.add(m.entity);
      this.onValueMatch?.(field, m, value);
      this.valueFindings.push(valueFinding(record, field, m, value, severityOf(this.options, m.entity)));
    }
    ColumnTally.add(counts, true, seen);
  }
}

function severityOf(options: LintOptions, entity: PiiEntity): Severity {
  const s = options.entitySeverity[entity];
  return s === 'off' ? 'hint' : s;
}

function valueFinding(record: DatasetRecord, field: FieldValue, m: PiiMatch, value: string, severity: Severity): Finding {
  const from = positionOf(field, m.start);
  const to = positionOf(field, m.end);
  const masked = maskValue(m.entity, value);
  return {
    ruleId: piiRuleId(m.entity),
    entity: m.entity,
    severity,
    score: m.score,
    scope: 'value',
    message: `${m.entity} in ${field.path}: ${masked}`,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    record: record.index,
    field: field.path,
    start: m.start,
    end: m.end,
    masked,
    ...(field.quoted ? { quotedField: true } : {}),
  };
}

/** One finding per column that holds PII, placed on its header cell or first key. */
export function columnFindings(tally: ColumnTally, anchorOf: (key: string) => FieldValue | undefined, options: LintOptions): Finding[] {
  const out: Finding[] = [];
  for (const [key, counts] of tally.columns) {
    const verdict = tally.verdict(key);
    if (!verdict || options.entitySeverity[verdict.entity] === 'off') continue;
    const anchor = anchorOf(key);
    if (!anchor) continue;
    const from = positionOf(anchor, 0);
    const to = positionOf(anchor, anchor.value.length);
    out.push({
      ruleId: piiRuleId(verdict.entity),
      entity: verdict.entity,
      severity: severityOf(options, verdict.entity),
      score: verdict.score,
      scope: 'column',
      message: `Column '${key}' holds ${verdict.entity} (${verdict.reason}): ${counts.nonEmpty} non-empty value${counts.nonEmpty === 1 ? '' : 's'}`,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      field: key,
      count: counts.nonEmpty,
    });
  }
  return out;
}

/** Sorts findings by position, then rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}
