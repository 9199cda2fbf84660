import type { DatasetFormat } from '../dataset/format';
import { escapeForCsvField, escapeForJsonString } from './field-escape';

/**
 * Decodes the source characters of a finding back into the value they spell: JSON escapes in
 * JSONL, doubled quotes in a quoted CSV field.
 */
export function decodeSourceSlice(raw: string, format: DatasetFormat, quotedField: boolean): string {
  if (format === 'jsonl') {
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw; // a slice that is not a whole escape sequence: keep it as written
    }
  }
  if ((format === 'csv' || format === 'tsv') && quotedField) return raw.replace(/""/g, '"');
  return raw;
}

/** Escapes a replacement for the place it is written: inside a JSON string or a CSV field. */
export function encodeForSource(value: string, format: DatasetFormat, quotedField: boolean, delimiter?: string): string {
  if (format === 'jsonl') return escapeForJsonString(value);
  if (format === 'csv') return escapeForCsvField(value, quotedField, delimiter ?? ',');
  if (format === 'tsv') return escapeForCsvField(value, quotedField, '\t');
  return value;
}
