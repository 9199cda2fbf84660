/** Words that mark a column as a protected or sensitive attribute (in the sense of fairness law and practice). */
const SENSITIVE_WORDS: Record<string, string> = {
  gender: 'gender',
  sex: 'sex',
  race: 'race',
  ethnicity: 'ethnicity',
  ethnic: 'ethnicity',
  age: 'age',
  agecat: 'age',
  religion: 'religion',
  religious: 'religion',
  nationality: 'nationality',
  citizenship: 'nationality',
  country: 'national origin',
  native: 'national origin',
  disability: 'disability',
  disabled: 'disability',
  marital: 'marital status',
  pregnant: 'pregnancy',
  pregnancy: 'pregnancy',
  orientation: 'sexual orientation',
  lgbt: 'sexual orientation',
  veteran: 'veteran status',
  caste: 'caste',
  language: 'language',
};

/** Why a column looks sensitive (the attribute it names), or undefined. */
export function sensitiveReason(column: string): string | undefined {
  const tokens = column
    .replace(/\[\]|\[\d+\]/g, '')
    .split(/[.]/)
    .pop()!
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (const t of tokens) if (SENSITIVE_WORDS[t]) return SENSITIVE_WORDS[t];
  return undefined;
}

/** Columns proposed as sensitive attributes, with the reason; the user confirms each one. */
export function proposeSensitiveColumns(columns: readonly string[]): Array<{ column: string; reason: string }> {
  return columns.flatMap((column) => {
    const reason = sensitiveReason(column);
    return reason ? [{ column, reason }] : [];
  });
}

const LABEL_NAMES = ['label', 'labels', 'target', 'y', 'y_true', 'class', 'outcome', 'approved', 'income', 'category', 'is_recid', 'two_year_recid'];

/** The likeliest label column by name, if any. */
export function guessLabelColumn(columns: readonly string[]): string | undefined {
  const lower = columns.map((c) => c.toLowerCase());
  for (const name of LABEL_NAMES) {
    const i = lower.indexOf(name);
    if (i >= 0) return columns[i];
  }
  return columns.find((c) => /label|target|class/i.test(c));
}
