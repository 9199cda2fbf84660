/**
 * A predictions CSV/TSV with a plain header read without DuckDB: one pass over the bytes in
 * JavaScript that interns the label and sensitive fields per column, numbers each distinct
 * combination (a "cell") and parses the score and weight fields into doubles. On the 1M-row
 * bench file it takes about what DuckDB's query alone did, and skips loading DuckDB's native
 * library and starting its instance (~0.2–0.3 CPU s of a cold read).
 *
 * It reads only files it can read exactly as DuckDB's `read_csv` with the same columns
 * (all VARCHAR, header, no auto-detect) would: no quote character anywhere, every line with
 * the header's number of fields, LF or CRLF line ends, no blank line, valid UTF-8, and number
 * fields that are plain decimals (or empty, or nan/inf). Anything else returns undefined and
 * the caller reads the file through DuckDB, so both readings give the same table (a unit test
 * compares them).
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { CellScan } from './cell-scan';

const NL = 10;
const CR = 13;
const QUOTE = 34;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const CHUNK = 4 << 20;

/** 10^k for k ≤ 22: exact doubles, so m / 10^k is one correctly rounded division. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Texts DuckDB would take for a non-finite number or none: bad either way. */
const NON_FINITE = /^[-+]?(nan|inf|infinity)$/i;
/** Texts that JavaScript's Number() and DuckDB's cast both parse, correctly rounded. */
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;

/** Where each column of the file goes. */
export interface PlainCsvColumns {
  delim: string;
  /** Fields per line (the header's). */
  fields: number;
  /** Column index of each keyed field (labels, then sensitive attributes). */
  keyed: number[];
  score?: number;
  weight?: number;
}

/** Distinct byte strings of one column, each with a small integer id. */
class ValueIds {
  private slots = new Int32Array(64).fill(-1);
  private hashes: number[] = [];
  starts: number[] = [];
  lengths: number[] = [];
  pool = new Uint8Array(256);
  private used = 0;

  get size(): number {
    return this.starts.length;
  }

  /** The id of bytes [from, to) of `buf` (hash given), adding them when new. */
  idOf(buf: Uint8Array, from: number, to: number, hash: number): number {
    const mask = this.slots.length - 1;
    const len = to - from;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const id = this.slots[s]!;
      if (id < 0) return this.add(buf, from, len, hash, s);
      if (this.hashes[id] === hash && this.lengths[id] === len && this.same(buf, from, this.starts[id]!, len)) return id;
    }
  }

  private same(buf: Uint8Array, from: number, at: number, len: number): boolean {
    const pool = this.pool;
    for (let k = 0; k < len; k++) if (buf[from + k] !== pool[at + k]) return false;
    return true;
  }

  private add(buf: Uint8Array, from: number, len: number, hash: number, slot: number): number {
    const id = this.starts.length;
    if (this.used + len > this.pool.length) {
      const grown = new Uint8Array(Math.max(2 * this.pool.length, this.used + len));
      grown.set(this.pool.subarray(0, this.used));
      this.pool = grown;
    }
    this.pool.set(buf.subarray(from, from + len), this.used);
    this.starts.push(this.used);
    this.lengths.push(len);
    this.hashes.push(hash);
    this.used += len;
    this.slots[slot] = id;
    if (2 * (id + 1) > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.hashes.length; id++) {
      let s = this.hashes[id]! & mask;
      while (slots[s]! >= 0) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.slots = slots;
  }

  /** The values as text (an empty field is NULL, as DuckDB reads it); undefined when one is not valid UTF-8. */
  texts(): Array<string | null> | undefined {
    const out: Array<string | null> = [];
    for (let id = 0; id < this.starts.length; id++) {
      const bytes = this.pool.subarray(this.starts[id]!, this.starts[id]! + this.lengths[id]!);
      if (!isUtf8(bytes)) return undefined;
      out.push(bytes.length === 0 ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'));
    }
    return out;
  }
}

/** Distinct tuples of value ids (one per keyed column): the cells. */
class CellIds {
  private slots = new Int32Array(1024).fill(-1);
  tuples: Int32Array;
  counts: number[] = [];
  private hashes: number[] = [];

  constructor(private readonly width: number) {
    this.tuples = new Int32Array(64 * width);
  }

  get size(): number {
    return this.counts.length;
  }

  /** The cell of the tuple in `ids`, adding it when new; counts its rows. */
  idOf(ids: Int32Array): number {
    const w = this.width;
    let hash = 0x811c9dc5;
    for (let k = 0; k < w; k++) hash = Math.imul(hash ^ ids[k]!, 0x01000193);
    hash ^= hash >>> 15;
    const mask = this.slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const id = this.slots[s]!;
      if (id < 0) return this.add(ids, hash, s);
      if (this.hashes[id] !== hash) continue;
      let same = true;
      for (let k = 0; k < w; k++) {
        if (this.tuples[id * w + k] !== ids[k]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.counts[id]!++;
        return id;
      }
    }
  }

  private add(ids: Int32Array, hash: number, slot: number): number {
    const id = this.counts.length;
    const w = this.width;
    if ((id + 1) * w > this.tuples.length) {
      const grown = new Int32Array(2 * this.tuples.length);
      grown.set(this.tuples);
      this.tuples = grown;
    }
    this.tuples.set(ids.subarray(0, w), id * w);
    this.counts.push(1);
    this.hashes.push(hash);
    this.slots[slot] = id;
    if (2 * (id + 1) > this.slots.length) {
      const slots = new Int32Array(2 * this.slots.length).fill(-1);
      const m = slots.length - 1;
      for (let i = 0; i < this.hashes.length; i++) {
        let s = this.hashes[i]! & m;
        while (slots[s]! >= 0) s = (s + 1) & m;
        slots[s] = i;
      }
      this.slots = slots;
    }
    return id;
  }
}

/** Per-row outputs that grow as lines are read. */
class RowColumns {
  cells: Uint32Array;
  scores: Float64Array | undefined;
  weights: Float64Array | undefined;
  rows = 0;

  constructor(capacity: number, withScores: boolean, withWeights: boolean) {
    this.cells = new Uint32Array(capacity);
    this.scores = withScores ? new Float64Array(capacity) : undefined;
    this.weights = withWeights ? new Float64Array(capacity) : undefined;
  }

  grow(): void {
    const capacity = Math.ceil(this.cells.length * 1.5) + 1024;
    const cells = new Uint32Array(capacity);
    cells.set(this.cells);
    this.cells = cells;
    if (this.scores) {
      const s = new Float64Array(capacity);
      s.set(this.scores);
      this.scores = s;
    }
    if (this.weights) {
      const w = new Float64Array(capacity);
      w.set(this.weights);
      this.weights = w;
    }
  }
}

/** Reading this file exactly as DuckDB would is not assured: read it through DuckDB. */
class NotPlain extends Error {}

/**
 * A number field [from, to): its value, or NaN when DuckDB's TRY_CAST would give no finite
 * number (then `bad` gets its text). Plain decimals of ≤ 15 digits are parsed from the bytes;
 * other decimals through Number() (both correctly rounded, as DuckDB's cast is).
 */
function numberField(buf: Uint8Array, from: number, to: number, row: number, bad: Map<number, string>): number {
  let p = from;
  const negative = buf[p] === MINUS;
  if (negative) p++;
  let mantissa = 0;
  let digits = 0;
  let intDigits = 0;
  let fraction = -1;
  for (; p < to; p++) {
    const b = buf[p]!;
    if (b >= ZERO && b <= NINE) {
      mantissa = mantissa * 10 + (b - ZERO);
      digits++;
      if (fraction >= 0) fraction++;
      else intDigits++;
    } else if (b === DOT && fraction < 0) fraction = 0;
    else break;
  }
  if (p === to && intDigits > 0 && fraction !== 0 && digits <= 15) {
    const v = fraction > 0 ? mantissa / POW10[fraction]! : mantissa;
    return negative ? -v : v;
  }
  if (from === to) {
    bad.set(row, '');
    return Number.NaN;
  }
  const text = latin1(buf, from, to);
  if (DECIMAL.test(text)) {
    const v = Number(text);
    if (Number.isFinite(v)) return v;
  } else if (!NON_FINITE.test(text)) throw new NotPlain();
  bad.set(row, text);
  return Number.NaN;
}

/** Scans the lines of `buf` in [from, end), which holds whole lines only (the last may lack its line end at the end of the file). */
function scanLines(buf: Uint8Array, from: number, end: number, columns: PlainCsvColumns, roles: Int32Array, values: ValueIds[], cells: CellIds, out: RowColumns, badScores: Map<number, string>, badWeights: Map<number, string>, ids: Int32Array, maxCells: number): void {
  const delim = columns.delim.charCodeAt(0);
  const nFields = columns.fields;
  const nKeyed = columns.keyed.length;
  let p = from;
  while (p < end) {
    if (buf[p] === NL || (buf[p] === CR && buf[p + 1] === NL)) throw new NotPlain();
    const row = out.rows;
    if (row === out.cells.length) out.grow();
    for (let f = 0; f < nFields; f++) {
      const start = p;
      const role = roles[f]!;
      let b = 0;
      if (role >= 0 && role < nKeyed) {
        let hash = 0x811c9dc5;
        while (p < end && (b = buf[p]!) !== delim && b !== NL && b !== CR) {
          hash = Math.imul(hash ^ b, 0x01000193);
          p++;
        }
        ids[role] = values[role]!.idOf(buf, start, p, hash);
      } else {
        while (p < end && (b = buf[p]!) !== delim && b !== NL && b !== CR) p++;
        if (role === nKeyed) out.scores![row] = numberField(buf, start, p, row, badScores);
        else if (role === nKeyed + 1) {
          const w = numberField(buf, start, p, row, badWeights);
          // A negative weight is unusable too (DuckDB's filter is isfinite(w) AND w >= 0).
          if (w < 0) badWeights.set(row, latin1(buf, start, p));
          out.weights![row] = w < 0 ? Number.NaN : w;
        }
      }
      if (f < nFields - 1) {
        if (p >= end || b !== delim) throw new NotPlain();
        p++;
      } else if (p < end) {
        if (b === CR) {
          if (buf[p + 1] !== NL) throw new NotPlain();
          p++;
        }
        if (buf[p] !== NL) throw new NotPlain();
        p++;
      }
    }
    const cell = cells.idOf(ids);
    if (cells.size > maxCells) throw new NotPlain();
    out.cells[row] = cell;
    out.rows++;
  }
}

function latin1(buf: Uint8Array, from: number, to: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + from, to - from).toString('latin1');
}

/**
 * Reads a plain CSV/TSV (header line `headerBytes` long, columns as given) into label and
 * group cells with per-row scores and weights, or undefined when the file is not plain enough
 * to be read exactly as DuckDB reads it.
 */
export async function scanPlainCsv(file: string, headerBytes: number, columns: PlainCsvColumns, maxCells: number, signal?: AbortSignal): Promise<CellScan | undefined> {
  const nKeyed = columns.keyed.length;
  const roles = new Int32Array(columns.fields).fill(-1);
  columns.keyed.forEach((c, k) => (roles[c] = k));
  // A column used twice (a label also a group) cannot take two roles in one pass.
  if (columns.score !== undefined) {
    if (roles[columns.score]! >= 0) return undefined;
    roles[columns.score] = nKeyed;
  }
  if (columns.weight !== undefined) {
    if (roles[columns.weight]! >= 0) return undefined;
    roles[columns.weight] = nKeyed + 1;
  }
  if (new Set(columns.keyed).size !== nKeyed) return undefined;
  const values = columns.keyed.map(() => new ValueIds());
  const cells = new CellIds(nKeyed);
  const badScores = new Map<number, string>();
  const badWeights = new Map<number, string>();
  const ids = new Int32Array(nKeyed);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    let buf = Buffer.allocUnsafe(Math.min(CHUNK, size + 1));
    let filled = 0;
    let offset = headerBytes;
    let out: RowColumns | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const n = readSync(fd, buf, filled, buf.length - filled, offset);
      const last = n === 0 || offset + n >= size;
      if (buf.subarray(filled, filled + n).indexOf(QUOTE) >= 0) return undefined;
      offset += n;
      filled += n;
      // Rows expected from the first lines' length, so the columns rarely grow.
      out ??= new RowColumns(Math.ceil(((size - headerBytes) / Math.min(filled, 1 << 16)) * Math.max(1, countLines(buf, Math.min(filled, 1 << 16))) * 1.02) + 16, columns.score !== undefined, columns.weight !== undefined);
      // Whole lines only: the unfinished last line waits for the next chunk unless the file ends.
      const upTo = last ? filled : buf.lastIndexOf(NL, filled - 1) + 1;
      scanLines(buf, 0, upTo, columns, roles, values, cells, out, badScores, badWeights, ids, maxCells);
      if (last) break;
      // The unfinished line moves to the front; a line longer than the buffer doubles it.
      const rest = filled - upTo;
      if (upTo === 0) {
        const bigger = Buffer.allocUnsafe(2 * buf.length);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      } else buf.copy(buf, 0, upTo, filled);
      filled = rest;
      // Let an abort (a message to the worker) through between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (out.rows === 0) return undefined;
    const texts = values.map((v) => v.texts());
    if (texts.some((t) => t === undefined)) return undefined;
    const cellValues: Array<Array<string | null>> = [];
    for (let c = 0; c < cells.size; c++) {
      const row: Array<string | null> = [];
      for (let k = 0; k < nKeyed; k++) row.push(texts[k]![cells.tuples[c * nKeyed + k]!]!);
      cellValues.push(row);
    }
    return {
      cells: cellValues,
      cellRows: cells.counts,
      rows: out.rows,
      rowCells: out.cells.subarray(0, out.rows),
      ...(out.scores ? { scores: out.scores.subarray(0, out.rows) } : {}),
      ...(out.weights ? { weights: out.weights.subarray(0, out.rows) } : {}),
      badText: { sc: badScores, w: badWeights },
    };
  } catch (err) {
    if (err instanceof NotPlain) return undefined;
    throw err;
  } finally {
    closeSync(fd);
  }
}

function countLines(buf: Uint8Array, upTo: number): number {
  let n = 0;
  for (let p = 0; p < upTo; p++) if (buf[p] === NL) n++;
  return n;
}
