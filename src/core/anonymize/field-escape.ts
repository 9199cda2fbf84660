/**
 * Escapes text for use inside an existing JSON string literal (without the quotes): `"`, `\`,
 * control characters and lone surrogates, exactly as JSON.stringify does.
 */
export function escapeForJsonString(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/**
 * Escapes text that replaces part of a CSV/TSV field. Inside a quoted field, quotes are doubled.
 * An unquoted field cannot carry the delimiter, quotes or line breaks, and quoting only part of
 * a field is not possible, so those characters become spaces: the fake changes a little, the
 * row keeps its columns.
 */
export function escapeForCsvField(s: string, quoted: boolean, delimiter = ','): string {
  if (quoted) return s.replace(/"/g, '""');
  let out = '';
  for (const c of s) out += c === delimiter || c === '"' || c === '\r' || c === '\n' ? ' ' : c;
  return out;
}
