/**
 * The public entry of the representativeness engine: `profileDataset(file, spec, options)`.
 * DuckDB scans the file once (GROUPING SETS over every attribute and intersection); shares,
 * intervals and tests are computed here in TypeScript. `integrity` is left for
 * src/core/lint/integrity to fill.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatasetSpec, ProjectConfig } from '../config/project-config';
import { buildProfile } from './build-profile';
import {
  describeSourceSql,
  fieldSql,
  isNumericType,
  listFieldPaths,
  parseCsvSniff,
  profileFormatOf,
  resolveField,
  sniffCsvSql,
  sourceSql,
  type CsvDialect,
  type ProfileFileFormat,
  type ResolvedField,
} from './dataset-source';
import { DuckDbSession, type ColumnInfo } from './duckdb-session';
import { countCube, countGroups, sampleCardinality, type GroupedColumn } from './group-counts-query';
import { tallyLabels, tallySet } from './group-tally';
import { resolveProfileSpec, type ProfileOverrides, type ProfileSpec } from './profile-spec';
import type { DatasetProfile } from './profile-types';
import { loadConfiguredReferences } from './reference-population';

export interface ProfileOptions {
  /** Folder that reference `file`s are relative to (the config file's); default: the data file's folder. */
  configDir?: string;
  /** The config's `bootstrap` settings. */
  bootstrap?: ProjectConfig['bootstrap'];
  /** CLI flags or editor choices layered over the DatasetSpec. */
  overrides?: ProfileOverrides;
  signal?: AbortSignal;
  /** DuckDB threads (default: all cores). */
  threads?: number;
  /** Most cells of the one-pass cube before falling back to GROUPING SETS (tests force the fallback). */
  maxCubeCells?: number;
}

/** A problem with the input a user can fix: unreadable file, unknown column, unusable attribute. */
export class ProfileInputError extends Error {}

/** Most cells of the full (attributes × label) cube counted in one pass; beyond, GROUPING SETS. */
const MAX_CUBE_CELLS = 100_000;
/** Rows read to find the attribute with too many values when the cube overflows. */
const CARDINALITY_SAMPLE_ROWS = 100_000;
/** An unbinned attribute with more distinct values than this in the sample is not a group attribute. */
const MAX_GROUPS = 1000;
/** A label with more distinct values than this in the sample is not a class label. */
const MAX_LABEL_VALUES = 100;

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}

/** Profiles one dataset file: group shares per sensitive attribute and intersection, against the references. */
export async function profileDataset(file: string, spec: DatasetSpec | undefined, options: ProfileOptions = {}): Promise<DatasetProfile> {
  const format = profileFormatOf(file);
  if (!format) throw new ProfileInputError(`${file}: cannot profile this file type (use .csv, .tsv, .jsonl, .ndjson or .parquet)`);
  if (!existsSync(file) || !statSync(file).isFile()) throw new ProfileInputError(`${file}: no such file`);
  const configDir = options.configDir ?? dirname(file);
  const profileSpec = resolveProfileSpec({
    dataset: spec,
    config: options.bootstrap ? { bootstrap: options.bootstrap } : undefined,
    references: loadConfiguredReferences(spec?.reference, configDir),
    overrides: options.overrides,
  });
  const session = await DuckDbSession.open({ signal: options.signal, threads: options.threads });
  try {
    return await profileWith(session, file, format, profileSpec, options.signal, options.maxCubeCells ?? MAX_CUBE_CELLS);
  } finally {
    session.close();
  }
}

async function describe(session: DuckDbSession, file: string, format: ProfileFileFormat): Promise<{ columns: ColumnInfo[]; dialect?: CsvDialect }> {
  if (format === 'csv' || format === 'tsv') {
    const [row] = await session.rows(sniffCsvSql(file, format));
    return parseCsvSniff(row ?? {});
  }
  return { columns: await session.columns(describeSourceSql(file, format)) };
}

async function profileWith(session: DuckDbSession, file: string, format: ProfileFileFormat, spec: ProfileSpec, signal: AbortSignal | undefined, maxCubeCells: number): Promise<DatasetProfile> {
  const wrap = async <T>(what: Promise<T>): Promise<T> => {
    try {
      return await what;
    } catch (err) {
      if (signal?.aborted || err instanceof ProfileInputError) throw err;
      throw new ProfileInputError(`${file}: DuckDB could not read the file: ${firstLine(err)}`);
    }
  };
  const { columns, dialect } = await wrap(describe(session, file, format));
  const available = (): string => listFieldPaths(columns).join(', ');
  const resolve = (column: string, role: string): ResolvedField => {
    const field = resolveField(column, columns);
    if (!field) throw new ProfileInputError(`${file}: no column '${column}' (${role}); the file has: ${available()}`);
    if (field.type === 'STRUCT' || /^STRUCT|^MAP|\[\]$/.test(field.type ?? '')) {
      throw new ProfileInputError(`${file}: '${column}' (${role}) holds objects or lists, not values; name a field inside it (${available()})`);
    }
    return field;
  };

  const fields = spec.attributes.map((a) => resolve(a.column, `sensitive attribute ${a.name}`));
  let labelField = spec.label !== undefined ? resolve(spec.label, 'label') : undefined;
  const grouped: GroupedColumn[] = spec.attributes.map((a, i) => ({
    sql: fieldSql(fields[i]!),
    ...(a.bins ? { bins: a.bins } : {}),
    // JSONL fields are read as text whatever the sample says; Parquet numbers stay numbers.
    numeric: format !== 'jsonl' && isNumericType(fields[i]!.type),
  }));
  const warnings: string[] = [];

  const index = new Map(spec.attributes.map((a, i) => [a.name, i]));
  const intersectionSets = spec.intersections.map((names) => names.map((n) => index.get(n)!));
  const sets = [...spec.attributes.map((_, i) => [i]), ...intersectionSets];
  const sourceOf = (): string => sourceSql(file, format, [...fields, ...(labelField ? [labelField] : [])], dialect);
  const labelSql = (): string | undefined => (labelField ? fieldSql(labelField) : undefined);

  // Usually the whole cube is small (a few attributes of a few values): one scan, done.
  let counts = await wrap(countCube(session, sourceOf(), grouped, labelSql(), sets, maxCubeCells));
  if (!counts) {
    // Too many combinations: find out why on a sample, then count only the sets needed.
    const card = await wrap(sampleCardinality(session, sourceOf(), grouped, labelSql(), CARDINALITY_SAMPLE_ROWS));
    spec.attributes.forEach((a, i) => {
      if (!a.bins && card.columns[i]! > MAX_GROUPS) {
        throw new ProfileInputError(
          `${file}: '${a.column}' has more than ${MAX_GROUPS} distinct values in the first ${CARDINALITY_SAMPLE_ROWS.toLocaleString('en-US')} rows, too many for groups; ` +
            `if it is a number give it bins (e.g. --sensitive ${a.column}:18,30,45,65)`,
        );
      }
    });
    if (labelField && card.label! > MAX_LABEL_VALUES) {
      warnings.push(`label '${spec.label}' has more than ${MAX_LABEL_VALUES} distinct values: not a class label, so label rates were skipped`);
      labelField = undefined;
    }
    const unique = [...new Map(sets.map((s) => [s.join(','), s])).values()];
    counts = await wrap(countGroups(session, sourceOf(), grouped, labelSql(), unique));
  }
  const bySet = new Map(counts.sets.map((s) => [s.attributes.join(','), s]));
  const tallyOf = (s: number[]) => tallySet(bySet.get(s.join(','))!, s.map((i) => spec.attributes[i]!.bins));
  const attributeTallies = spec.attributes.map((_, i) => tallyOf([i]));
  spec.attributes.forEach((a, i) => {
    const n = attributeTallies[i]!.size;
    if (!a.bins && n > MAX_GROUPS) {
      throw new ProfileInputError(`${file}: '${a.column}' has ${n.toLocaleString('en-US')} distinct values, too many for groups; if it is a number give it bins (e.g. --sensitive ${a.column}:18,30,45,65)`);
    }
  });

  const labels = counts.labels ? tallyLabels(counts.labels) : undefined;
  if (labelField && labels && labels.labels.size > MAX_LABEL_VALUES) {
    warnings.push(`label '${spec.label}' has ${labels.labels.size.toLocaleString('en-US')} distinct values: not a class label, so label rates were skipped`);
    labelField = undefined;
  }
  const effective: ProfileSpec = labelField ? spec : { ...spec, label: undefined };
  return buildProfile(
    {
      file,
      format,
      rows: counts.rows,
      attributes: attributeTallies,
      intersections: intersectionSets.map(tallyOf),
      labels: labelField ? labels : undefined,
      warnings,
    },
    effective,
  );
}
