/**
 * A predictions CSV/TSV with a plain header read without DuckDB: one pass over the bytes in
 * JavaScript that hashes each row's label and sensitive fields into a table of their distinct
 * combinations ("cells") and parses the score and weight fields into doubles. On the 1M-row
 * bench file a cold read takes ~0.47 CPU s where DuckDB took ~0.88 (~0.2 of it loading its
 * native library and starting its instance, which this skips).
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

/**
 * The distinct combinations of the keyed fields' bytes ("cells"), each with a small integer id:
 * one open-addressing table over a hash of all the keyed fields of a row, so a row costs one
 * lookup and one byte comparison with the cell's stored fields.
 */
class CellTable {
  // Sized for a few thousand cells up front: growing replaces these arrays, and replacing a
  // field's value throws away the optimised code of the loop that reads it.
  private slots = new Int32Array(8192).fill(-1);
  private hashes: Int32Array = new Int32Array(4096);
  /** Per cell and keyed field: where its bytes start in `pool`, and how many there are. */
  private starts: Int32Array;
  private lengths: Int32Array;
  private pool = new Uint8Array(4096);
  private used = 0;
  size = 0;

  constructor(private readonly width: number) {
    this.starts = new Int32Array(4096 * width);
    this.lengths = new Int32Array(4096 * width);
  }

  /** The cell of the row whose keyed fields are buf[from[k], to[k]), hash given. */
  idOf(buf: Uint8Array, from: Int32Array, to: Int32Array, hash: number): number {
    const mask = this.slots.length - 1;
    for (let s = (hash ^ (hash >>> 15)) & mask; ; s = (s + 1) & mask) {
      const id = this.slots[s]!;
      if (id < 0) return this.add(buf, from, to, hash, s);
      if (this.hashes[id] === hash && this.same(buf, from, to, id)) return id;
    }
  }

  private same(buf: Uint8Array, from: Int32Array, to: Int32Array, id: number): boolean {
    const w = this.width;
    const pool = this.pool;
    for (let k = 0; k < w; k++) {
      const f = from[k]!;
      const len = to[k]! - f;
      if (this.lengths[id * w + k] !== len) return false;
      const at = this.starts[id * w + k]!;
      for (let j = 0; j < len; j++) if (buf[f + j] !== pool[at + j]) return false;
    }
    return true;
  }

  private add(buf: Uint8Array, from: Int32Array, to: Int32Array, hash: number, slot: number): number {
    const id = this.size++;
    const w = this.width;
    if (id === this.hashes.length) {
      this.hashes = grownInt32(this.hashes, 2 * id);
      this.starts = grownInt32(this.starts, 2 * id * w);
      this.lengths = grownInt32(this.lengths, 2 * id * w);
    }
    for (let k = 0; k < w; k++) {
      const len = to[k]! - from[k]!;
      if (this.used + len > this.pool.length) {
        const pool = new Uint8Array(2 * (this.pool.length + len));
        pool.set(this.pool.subarray(0, this.used));
        this.pool = pool;
      }
      this.pool.set(buf.subarray(from[k]!, to[k]!), this.used);
      this.starts[id * w + k] = this.used;
      this.lengths[id * w + k] = len;
      this.used += len;
    }
    this.hashes[id] = hash;
    this.slots[slot] = id;
    if (2 * this.size > this.slots.length) {
      const slots = new Int32Array(2 * this.slots.length).fill(-1);
      const m = slots.length - 1;
      for (let i = 0; i < this.size; i++) {
        const h = this.hashes[i]!;
        let s = (h ^ (h >>> 15)) & m;
        while (slots[s]! >= 0) s = (s + 1) & m;
        slots[s] = i;
      }
      this.slots = slots;
    }
    return id;
  }

  /**
   * Each cell's field texts (an empty field is NULL, as DuckDB reads it); undefined when one is
   * not valid UTF-8 (DuckDB refuses such a file).
   */
  texts(): Array<Array<string | null>> | undefined {
    const w = this.width;
    const seen = new Map<string, string>();
    const out: Array<Array<string | null>> = [];
    for (let id = 0; id < this.size; id++) {
      const row: Array<string | null> = [];
      for (let k = 0; k < w; k++) {
        const at = this.starts[id * w + k]!;
        const bytes = Buffer.from(this.pool.buffer, this.pool.byteOffset + at, this.lengths[id * w + k]!);
        if (bytes.length === 0) {
          row.push(null);
          continue;
        }
        const key = bytes.toString('latin1');
        let text = seen.get(key);
        if (text === undefined) {
          if (!isUtf8(bytes)) return undefined;
          text = bytes.toString('utf8');
          seen.set(key, text);
        }
        row.push(text);
      }
      out.push(row);
    }
    return out;
  }
}

function grownInt32(a: Int32Array, length: number): Int32Array {
  const out = new Int32Array(length);
  out.set(a);
  return out;
}

/** Per-row outputs that grow as lines are read (an empty array for a column not mapped). */
interface RowColumns {
  cells: Uint32Array;
  scores: Float64Array;
  weights: Float64Array;
}

function grownColumns(out: RowColumns, withScores: boolean, withWeights: boolean): RowColumns {
  const capacity = Math.ceil(out.cells.length * 1.5) + 1024;
  const grown = { cells: new Uint32Array(capacity), scores: new Float64Array(withScores ? capacity : 0), weights: new Float64Array(withWeights ? capacity : 0) };
  grown.cells.set(out.cells);
  grown.scores.set(out.scores);
  grown.weights.set(out.weights);
  return grown;
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

/**
 * Scans the lines of `buf` in [from, end), which holds whole lines only (the last may lack its
 * line end at the end of the file), into the rows from `cursor[0]` on; stops early when the
 * columns are full. Returns where it stopped, with `cursor[0]` the next row. Everything the loop
 * touches comes in as an argument, so its optimised code does not depend on object shapes.
 */
function scanLines(buf: Uint8Array, from: number, end: number, delim: number, roles: Int32Array, cells: CellTable, rowCells: Uint32Array, scores: Float64Array, weights: Float64Array, cursor: Int32Array, badScores: Map<number, string>, badWeights: Map<number, string>, starts: Int32Array, ends: Int32Array, maxCells: number): number {
  const nFields = roles.length;
  const nKeyed = starts.length;
  const capacity = rowCells.length;
  let row = cursor[0]!;
  let p = from;
  while (p < end && row < capacity) {
    if (buf[p] === NL || (buf[p] === CR && buf[p + 1] === NL)) throw new NotPlain();
    // One hash over all the keyed fields of the row (with a field separator mixed in).
    let hash = 0x811c9dc5 | 0;
    for (let f = 0; f < nFields; f++) {
      const start = p;
      const role = roles[f]!;
      let b = 0;
      if (role >= 0 && role < nKeyed) {
        while (p < end && (b = buf[p]!) !== delim && b !== NL && b !== CR) {
          hash = Math.imul(hash ^ b, 0x01000193);
          p++;
        }
        hash = Math.imul(hash ^ 0x1f, 0x01000193);
        starts[role] = start;
        ends[role] = p;
      } else {
        while (p < end && (b = buf[p]!) !== delim && b !== NL && b !== CR) p++;
        if (role === nKeyed) scores[row] = numberField(buf, start, p, row, badScores);
        else if (role === nKeyed + 1) {
          const w = numberField(buf, start, p, row, badWeights);
          // A negative weight is unusable too (DuckDB's filter is isfinite(w) AND w >= 0).
          if (w < 0) badWeights.set(row, latin1(buf, start, p));
          weights[row] = w < 0 ? Number.NaN : w;
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
    rowCells[row] = cells.idOf(buf, starts, ends, hash);
    if (cells.size > maxCells) throw new NotPlain();
    // Stored every row, not once at the end: a store first reached after the loop has been
    // optimised (on stack) has no type feedback and throws that code away at every chunk.
    cursor[0] = ++row;
  }
  return p;
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
  const cells = new CellTable(nKeyed);
  const badScores = new Map<number, string>();
  const badWeights = new Map<number, string>();
  const starts = new Int32Array(nKeyed);
  const ends = new Int32Array(nKeyed);
  const delim = columns.delim.charCodeAt(0);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    let buf = Buffer.allocUnsafe(Math.min(CHUNK, size + 1));
    let filled = 0;
    let offset = headerBytes;
    const withScores = columns.score !== undefined;
    const withWeights = columns.weight !== undefined;
    let out: RowColumns | undefined;
    const cursor = new Int32Array(1);
    for (;;) {
      // Let an abort (a message to the worker, maybe already waiting) through before each chunk:
      // the scan itself never waits, so without this a small file would be read whole.
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      const n = readSync(fd, buf, filled, buf.length - filled, offset);
      const last = n === 0 || offset + n >= size;
      if (buf.subarray(filled, filled + n).indexOf(QUOTE) >= 0) return undefined;
      offset += n;
      filled += n;
      if (!out) {
        // Rows expected from the first lines' length, so the columns rarely grow.
        const sample = Math.min(filled, 1 << 16);
        const expected = Math.ceil(((size - headerBytes) / sample) * Math.max(1, countLines(buf, sample)) * 1.02) + 16;
        out = { cells: new Uint32Array(expected), scores: new Float64Array(withScores ? expected : 0), weights: new Float64Array(withWeights ? expected : 0) };
      }
      // Whole lines only: the unfinished last line waits for the next chunk unless the file ends.
      const upTo = last ? filled : buf.lastIndexOf(NL, filled - 1) + 1;
      let p = 0;
      for (;;) {
        p = scanLines(buf, p, upTo, delim, roles, cells, out.cells, out.scores, out.weights, cursor, badScores, badWeights, starts, ends, maxCells);
        if (p >= upTo) break;
        out = grownColumns(out, withScores, withWeights);
      }
      if (last) break;
      // The unfinished line moves to the front; a line longer than the buffer doubles it.
      const rest = filled - upTo;
      if (upTo === 0) {
        const bigger = Buffer.allocUnsafe(2 * buf.length);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      } else buf.copy(buf, 0, upTo, filled);
      filled = rest;
    }
    const rows = cursor[0]!;
    if (rows === 0) return undefined;
    const cellValues = cells.texts();
    if (!cellValues) return undefined;
    const rowCells = out.cells.subarray(0, rows);
    const cellRows = new Array<number>(cells.size).fill(0);
    for (let r = 0; r < rows; r++) cellRows[rowCells[r]!]!++;
    return {
      cells: cellValues,
      cellRows,
      rows,
      rowCells,
      ...(withScores ? { scores: out.scores.subarray(0, rows) } : {}),
      ...(withWeights ? { weights: out.weights.subarray(0, rows) } : {}),
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
