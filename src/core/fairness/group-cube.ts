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
  const radix = cols.map((c) => Math.max(1, c.values.length));
  const space = radix.reduce((a, b) => a * b, 1);
  const found = space <= 1 << 22 ? denseGroups(cols.map((c) => c.codes), radix, table.rows) : sparseGroups(cols.map((c) => c.codes), radix, table.rows);
  return { attributes: cols.map((c) => c.name), values: cols.map((c) => c.values), ...found };
}

/**
 * Finest groups through a table over the whole key space (small): each row's mixed-radix key
 * (first attribute most significant) is built one attribute at a time, so every pass is a
 * plain loop over typed arrays; numbering the keys that occur in increasing order numbers the
 * groups in sorted order of their codes, with no sort and no renumbering of the rows.
 */
function denseGroups(codes: Uint32Array[], radix: number[], n: number): Pick<FinestGroups, 'groups' | 'keys' | 'rowGroup'> {
  const space = radix.reduce((a, b) => a * b, 1);
  const rowGroup = n > 0 && codes.length > 0 ? Uint32Array.from(codes[0]!) : new Uint32Array(n);
  for (let a = 1; a < codes.length; a++) addDigit(rowGroup, codes[a]!, radix[a]!);
  const id = new Int32Array(space).fill(-1);
  for (let r = 0; r < n; r++) id[rowGroup[r]!] = 0;
  let groups = 0;
  for (let k = 0; k < space; k++) if (id[k] === 0) id[k] = groups++;
  const keys = new Uint32Array(groups * codes.length);
  for (let k = 0; k < space; k++) {
    const g = id[k]!;
    if (g < 0) continue;
    for (let a = codes.length - 1, rest = k; a >= 0; a--) {
      keys[g * codes.length + a] = rest % radix[a]!;
      rest = Math.floor(rest / radix[a]!);
    }
  }
  for (let r = 0; r < n; r++) rowGroup[r] = id[rowGroup[r]!]!;
  return { groups, keys, rowGroup };
}

/** key[r] = key[r] · radix + codes[r]. */
function addDigit(key: Uint32Array, codes: Uint32Array, radix: number): void {
  for (let r = 0; r < key.length; r++) key[r] = key[r]! * radix + codes[r]!;
}

/** Finest groups through a Map of the keys that occur (a key space too large for a table), then sorted. */
function sparseGroups(codes: Uint32Array[], radix: number[], n: number): Pick<FinestGroups, 'groups' | 'keys' | 'rowGroup'> {
  const provisional = new Uint32Array(n);
  const firstCodes: number[][] = [];
  const seen = new Map<number, number>();
  for (let r = 0; r < n; r++) {
    // Mixed radix as a double: exact up to 2^53, far beyond any key space of real groups.
    let key = 0;
    for (let a = 0; a < codes.length; a++) key = key * radix[a]! + codes[a]![r]!;
    let id = seen.get(key);
    if (id === undefined) {
      id = firstCodes.length;
      seen.set(key, id);
      firstCodes.push(codes.map((c) => c[r]!));
    }
    provisional[r] = id;
  }
  const groups = firstCodes.length;
  const order = firstCodes.map((_, i) => i).sort((x, y) => {
    for (let a = 0; a < codes.length; a++) {
      const d = firstCodes[x]![a]! - firstCodes[y]![a]!;
      if (d !== 0) return d;
    }
    return 0;
  });
  const rename = new Uint32Array(groups);
  order.forEach((old, i) => (rename[old] = i));
  const keys = new Uint32Array(groups * codes.length);
  order.forEach((old, i) => firstCodes[old]!.forEach((c, a) => (keys[i * codes.length + a] = c)));
  for (let r = 0; r < n; r++) provisional[r] = rename[provisional[r]!]!;
  return { groups, keys, rowGroup: provisional };
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

