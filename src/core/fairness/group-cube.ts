/**
 * Weighted confusion counts per finest group: the combinations of every analysed attribute that
 * occur in the data. One pass over the rows fills the cube; every attribute and intersection is
 * then a sum over its cells (O(groups)), and the bootstrap resamples the cube, not the rows, so
 * all analyses of one resample come from the same resampled data set.
 */
import type { PredictionTable } from './prediction-table';

/** Codes of the finest groups and each row's group. */
export interface FinestGroups {
  /** Attribute names, in analysis order. */
  attributes: string[];
  /** Per attribute, its values by code. */
  values: string[][];
  groups: number;
  /** groups × attributes codes, groups sorted by their values. */
  keys: Uint32Array;
  /** Per row, its finest group. */
  rowGroup: Uint32Array;
}

/** Confusion cells per finest group: tp, fp, tn, fn at [4g … 4g+3]. */
export interface CountCube {
  attributes: string[];
  values: string[][];
  groups: number;
  keys: Uint32Array;
  /** Rows per group (unweighted). */
  count: Float64Array;
  /** Weighted tp, fp, tn, fn per group (= row counts without weights). */
  cells: Float64Array;
  /** Row counts per cell when weighted (the bootstrap resamples rows, then scales by mean weight). */
  cellRows?: Float64Array;
}

/** Cell offsets inside a group's four cells. */
export const TP = 0;
export const FP = 1;
export const TN = 2;
export const FN = 3;

/** Assigns every row its finest group over the attributes `attrs` (indexes into table.sensitive). */
export function finestGroups(table: PredictionTable, attrs: readonly number[]): FinestGroups {
  const cols = attrs.map((a) => table.sensitive[a]!);
  const n = table.rows;
  const radix = cols.map((c) => Math.max(1, c.values.length));
  const space = radix.reduce((a, b) => a * b, 1);
  const provisional = new Uint32Array(n);
  const firstKeys: number[] = [];
  // Mixed-radix key of a row; dense lookup when the key space is small, a Map otherwise.
  const dense = space <= 1 << 22 ? new Int32Array(space).fill(-1) : undefined;
  const sparse = dense ? undefined : new Map<number, number>();
  let next = 0;
  for (let r = 0; r < n; r++) {
    let key = 0;
    for (let a = cols.length - 1; a >= 0; a--) key = key * radix[a]! + cols[a]!.codes[r]!;
    let id: number;
    if (dense) {
      id = dense[key]!;
      if (id < 0) {
        id = dense[key] = next++;
        firstKeys.push(key);
      }
    } else {
      const found = sparse!.get(key);
      if (found === undefined) {
        id = next++;
        sparse!.set(key, id);
        firstKeys.push(key);
      } else id = found;
    }
    provisional[r] = id;
  }
  const groups = next;
  const decoded = firstKeys.map((key) => {
    const codes: number[] = [];
    for (let a = 0; a < cols.length; a++) {
      codes.push(key % radix[a]!);
      key = Math.floor(key / radix[a]!);
    }
    return codes;
  });
  // Values are sorted within each column, so sorting by code tuples sorts by values.
  const order = decoded.map((_, i) => i).sort((x, y) => {
    for (let a = 0; a < cols.length; a++) {
      const d = decoded[x]![a]! - decoded[y]![a]!;
      if (d !== 0) return d;
    }
    return 0;
  });
  const rename = new Uint32Array(groups);
  order.forEach((old, i) => (rename[old] = i));
  const keys = new Uint32Array(groups * cols.length);
  order.forEach((old, i) => decoded[old]!.forEach((c, a) => (keys[i * cols.length + a] = c)));
  const rowGroup = provisional;
  for (let r = 0; r < n; r++) rowGroup[r] = rename[rowGroup[r]!]!;
  return { attributes: cols.map((c) => c.name), values: cols.map((c) => c.values), groups, keys, rowGroup };
}

/** Counts weighted confusion cells per finest group from 0/1 label and prediction arrays. */
export function countCube(fine: FinestGroups, yTrue: Uint8Array, yPred: Uint8Array, weights?: Float64Array): CountCube {
  const G = fine.groups;
  const count = new Float64Array(G);
  const cells = new Float64Array(G * 4);
  const cellRows = weights ? new Float64Array(G * 4) : undefined;
  const rg = fine.rowGroup;
  // Cell index of (y, p): tp 0, fp 1, tn 2, fn 3.
  const CELL = [TN, FP, FN, TP];
  const n = rg.length;
  if (weights) {
    for (let r = 0; r < n; r++) {
      const g = rg[r]!;
      const c = 4 * g + CELL[(yTrue[r]! << 1) | yPred[r]!]!;
      cells[c] += weights[r]!;
      cellRows![c]++;
    }
    for (let g = 0; g < G; g++) count[g] = cellRows![4 * g]! + cellRows![4 * g + 1]! + cellRows![4 * g + 2]! + cellRows![4 * g + 3]!;
  } else {
    for (let r = 0; r < n; r++) {
      const g = rg[r]!;
      cells[4 * g + CELL[(yTrue[r]! << 1) | yPred[r]!]!]++;
    }
    for (let g = 0; g < G; g++) count[g] = cells[4 * g]! + cells[4 * g + 1]! + cells[4 * g + 2]! + cells[4 * g + 3]!;
  }
  return { attributes: fine.attributes, values: fine.values, groups: G, keys: fine.keys, count, cells, ...(cellRows ? { cellRows } : {}) };
}

/** The groups of one analysis (a subset of the cube's attributes) and where each finest group falls. */
export interface Marginal {
  /** Attribute indexes into the cube, in analysis order. */
  attributes: number[];
  groups: number;
  /** groups × attributes codes, sorted. */
  keys: Uint32Array;
  /** finest group → analysis group. */
  map: Uint32Array;
}

/** Projects the cube's finest groups onto the attributes `attrs`. */
export function marginal(cube: Pick<CountCube, 'groups' | 'keys' | 'attributes'>, attrs: readonly number[]): Marginal {
  const width = cube.attributes.length;
  const seen = new Map<string, number[]>();
  const fineKey: string[] = [];
  for (let g = 0; g < cube.groups; g++) {
    const codes = attrs.map((a) => cube.keys[g * width + a]!);
    const k = codes.join(',');
    fineKey.push(k);
    if (!seen.has(k)) seen.set(k, codes);
  }
  const sorted = [...seen.entries()].sort(([, x], [, y]) => {
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  });
  const index = new Map(sorted.map(([k], i) => [k, i]));
  const keys = new Uint32Array(sorted.length * attrs.length);
  sorted.forEach(([, codes], i) => codes.forEach((c, j) => (keys[i * attrs.length + j] = c)));
  const map = new Uint32Array(cube.groups);
  fineKey.forEach((k, g) => (map[g] = index.get(k)!));
  return { attributes: [...attrs], groups: sorted.length, keys, map };
}

/** Sums finest-group cells (4 per group) into the analysis groups of `m`. */
export function sumCells(m: Marginal, cells: Float64Array, out = new Float64Array(m.groups * 4)): Float64Array {
  out.fill(0);
  for (let g = 0; g < m.map.length; g++) {
    const t = 4 * m.map[g]!;
    out[t] += cells[4 * g]!;
    out[t + 1] += cells[4 * g + 1]!;
    out[t + 2] += cells[4 * g + 2]!;
    out[t + 3] += cells[4 * g + 3]!;
  }
  return out;
}

/** Sums one value per finest group into the analysis groups of `m`. */
export function sumPerGroup(m: Marginal, values: Float64Array, out = new Float64Array(m.groups)): Float64Array {
  out.fill(0);
  for (let g = 0; g < m.map.length; g++) out[m.map[g]!] += values[g]!;
  return out;
}

/** The group of an analysis row as attribute → value. */
export function groupRecord(cube: Pick<CountCube, 'attributes' | 'values'>, m: Marginal, group: number): Record<string, string> {
  const out: Record<string, string> = {};
  m.attributes.forEach((a, j) => (out[cube.attributes[a]!] = cube.values[a]![m.keys[group * m.attributes.length + j]!]!));
  return out;
}

/** A group's display label: its values joined with ", " in attribute order. */
export function groupLabel(group: Record<string, string>, attributes: readonly string[]): string {
  return attributes.map((a) => group[a]).join(', ');
}

