import type { DatasetSpec } from '../../config/project-config';
import type { FileFormat } from '../../dataset/file-format';
import type { DatasetRecord, FieldValue } from '../../dataset/record';
import { FieldSelector } from './field-selector';

/** The text of a record compared for duplicates and leakage, and the fields it came from. */
export interface RecordText {
  text: string;
  /** First and last field that make up the text, for the finding's range. */
  first: FieldValue;
  last: FieldValue;
}

/** True for formats whose fields are columns named exactly (no JSON paths). */
export function isTabular(format: FileFormat): boolean {
  return format === 'csv' || format === 'tsv' || format === 'parquet';
}

/**
 * Picks the text of each record: the values of the configured `textFields`, in record order,
 * joined with a line break (so "ab"+"c" and "a"+"bc" stay apart). Without `textFields` every
 * string field except the label is used; an id column then makes every record unique, which is
 * why the docs ask for `textFields`. Text files always use their one field.
 */
export class TextSelection {
  private readonly text: FieldSelector | undefined;
  private readonly label: FieldSelector | undefined;

  constructor(spec: Pick<DatasetSpec, 'textFields' | 'labelField'>, format: FileFormat) {
    const tabular = isTabular(format);
    const configured = format === 'text' ? undefined : spec.textFields;
    this.text = configured !== undefined && configured.length > 0 ? new FieldSelector(configured, tabular) : undefined;
    this.label = format !== 'text' && spec.labelField !== undefined ? new FieldSelector([spec.labelField], tabular) : undefined;
  }

  /** True when the field at `path` is part of the text. */
  isText(path: string): boolean {
    if (this.text !== undefined) return this.text.matches(path);
    return this.label === undefined || !this.label.matches(path);
  }

  /** True when the field at `path` is the label. */
  isLabel(path: string): boolean {
    return this.label !== undefined && this.label.matches(path);
  }

  /** The record's text, or undefined when none of its fields is text. */
  textOf(record: DatasetRecord): RecordText | undefined {
    let first: FieldValue | undefined;
    let last: FieldValue | undefined;
    let parts: string[] | undefined;
    for (const field of record.fields) {
      if (!this.isText(field.path)) continue;
      if (first === undefined) first = field;
      else (parts ??= [first.value]).push(field.value);
      last = field;
    }
    if (first === undefined) return undefined;
    return { text: parts === undefined ? first.value : parts.join('\n'), first, last: last! };
  }
}
