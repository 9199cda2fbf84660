/**
 * Column names for CSV/TSV cells: the header text as written, except that a blank header becomes
 * `column_<n>` (1-based) and a repeated one gets `_2`, `_3`… so every field path is unique.
 */
export class ColumnNames {
  private readonly names: string[] = [];
  private readonly used = new Set<string>();

  /** Number of header columns. */
  readonly width: number;

  /** Names the header cells, in order. */
  constructor(header: readonly string[]) {
    header.forEach((text, i) => this.names.push(this.claim(text.trim() === '' ? `column_${i + 1}` : text)));
    this.width = header.length;
  }

  /** Name of column `i` (0-based); columns beyond the header get `column_<i+1>`, made unique. */
  nameAt(i: number): string {
    while (this.names.length <= i) this.names.push(this.claim(`column_${this.names.length + 1}`));
    return this.names[i];
  }

  private claim(base: string): string {
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }
}
