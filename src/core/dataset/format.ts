/** The dataset formats the readers understand. TSV is CSV with a tab delimiter. */
export type DatasetFormat = 'jsonl' | 'csv' | 'tsv' | 'text';

/** Every format, in the order the CLI lists them. */
export const DATASET_FORMATS: readonly DatasetFormat[] = ['jsonl', 'csv', 'tsv', 'text'];

const BY_EXTENSION: Record<string, DatasetFormat> = {
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  txt: 'text',
  text: 'text',
  md: 'text',
  markdown: 'text',
};

// `csv_semicolon`/`csv_pipe` are what the Rainbow CSV extension names its variants.
const BY_LANGUAGE_ID: Record<string, DatasetFormat> = {
  jsonl: 'jsonl',
  csv: 'csv',
  csv_semicolon: 'csv',
  csv_pipe: 'csv',
  tsv: 'tsv',
  plaintext: 'text',
  markdown: 'text',
};

/** True when `name` is one of DATASET_FORMATS. */
export function isDatasetFormat(name: string): name is DatasetFormat {
  return (DATASET_FORMATS as readonly string[]).includes(name);
}

/** Format for a file name or path by its extension (case-insensitive); `.json` is not guessed. */
export function formatFromPath(path: string): DatasetFormat | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
}

/** Format for a VS Code languageId. */
export function formatFromLanguageId(languageId: string): DatasetFormat | undefined {
  return BY_LANGUAGE_ID[languageId];
}

/**
 * Picks the format: an explicit one wins (this is how a `.json` file holding JSON Lines is read),
 * then a specific languageId (the user may have switched the mode), then the extension, then a
 * generic languageId (plaintext/markdown). Undefined when nothing fits.
 */
export function detectFormat(hints: { format?: string; languageId?: string; path?: string }): DatasetFormat | undefined {
  if (hints.format !== undefined) return isDatasetFormat(hints.format) ? hints.format : undefined;
  const byLanguage = hints.languageId === undefined ? undefined : formatFromLanguageId(hints.languageId);
  if (byLanguage !== undefined && byLanguage !== 'text') return byLanguage;
  return (hints.path === undefined ? undefined : formatFromPath(hints.path)) ?? byLanguage;
}
