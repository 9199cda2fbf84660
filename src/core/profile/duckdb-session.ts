/**
 * One DuckDB in-memory database and connection for a profile run. The native module (~70 MB)
 * is loaded on first use only, so loading the CLI or the extension does not pay for it.
 * Cancellation: aborting the signal calls connection.interrupt(), which fails the running query
 * within a millisecond; never terminate a worker mid-query (that aborts the whole process).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBDataChunk, DuckDBInstance, DuckDBType } from '@duckdb/node-api';

/** A column of a query result with its DuckDB type, and fields when it is a STRUCT. */
export interface ColumnInfo {
  name: string;
  type: string;
  children?: ColumnInfo[];
}

export interface DuckDbOptions {
  /** Worker threads (default: DuckDB's, the number of cores). */
  threads?: number;
  signal?: AbortSignal;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The profile was cancelled', 'AbortError');
}

function toColumnInfo(name: string, type: DuckDBType): ColumnInfo {
  const info: ColumnInfo = { name, type: type.toString() };
  const struct = type as { entryNames?: readonly string[]; entryTypes?: readonly DuckDBType[] };
  if (struct.entryNames && struct.entryTypes) info.children = struct.entryNames.map((n, i) => toColumnInfo(n, struct.entryTypes![i]!));
  return info;
}

/** An open database with a query helper that honours the abort signal. */
export class DuckDbSession {
  private readonly onAbort = (): void => this.connection.interrupt();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Loads DuckDB and opens an in-memory database. */
  static async open(options: DuckDbOptions = {}): Promise<DuckDbSession> {
    options.signal?.throwIfAborted();
    // A lazy require, not import(): from CommonJS, import() of this package runs Node's ESM
    // loader and cjs-module-lexer over every file of it, ~0.5 s of CPU measured per process.
    const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
    // Spill files (large aggregations) go to the system temp folder, not a `.tmp` in the user's cwd.
    const settings: Record<string, string> = { temp_directory: join(tmpdir(), 'rml-duckdb') };
    if (options.threads) settings.threads = String(options.threads);
    const instance = await DuckDBInstance.create(':memory:', settings);
    const connection = await instance.connect();
    return new DuckDbSession(instance, connection, options.signal);
  }

  /** Runs a query and returns its rows as JSON-like objects (BIGINT as strings). */
  async rows(sql: string): Promise<Array<Record<string, unknown>>> {
    this.signal?.throwIfAborted();
    try {
      const reader = await this.connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as Array<Record<string, unknown>>;
    } catch (err) {
      if (this.signal?.aborted) throw abortError(this.signal);
      throw err;
    }
  }

  /** Runs a statement that returns no rows (CREATE, COPY…). */
  async exec(sql: string): Promise<void> {
    await this.rows(sql);
  }

  /**
   * Runs a query and hands its result to `onChunk` chunk by chunk (column vectors of up to
   * 2048 rows): no per-row objects, for results of millions of rows.
   */
  async forEachChunk(sql: string, onChunk: (chunk: DuckDBDataChunk) => void): Promise<void> {
    this.signal?.throwIfAborted();
    try {
      // Streamed: chunks are produced as they are fetched, never all held at once.
      const result = await this.connection.stream(sql);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) return;
        onChunk(chunk);
        this.signal?.throwIfAborted();
      }
    } catch (err) {
      if (this.signal?.aborted) throw abortError(this.signal);
      throw err;
    }
  }

  /** The columns (and STRUCT fields) a query returns, without reading its rows. */
  async columns(sql: string): Promise<ColumnInfo[]> {
    this.signal?.throwIfAborted();
    try {
      const result = await this.connection.run(`SELECT * FROM (${sql}) LIMIT 0`);
      const types = result.columnTypes();
      return result.columnNames().map((n, i) => toColumnInfo(n, types[i]!));
    } catch (err) {
      if (this.signal?.aborted) throw abortError(this.signal);
      throw err;
    }
  }

  /** Closes the connection and the database. */
  close(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Quotes an SQL identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes an SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
