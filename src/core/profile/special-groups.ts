/**
 * Group values that are not demographic groups: they are shown in the profile but left out of
 * the reference comparison, the imbalance ratio, small-cell and label-rate-gap checks.
 */

/** The group of rows whose attribute is null, absent or blank. */
export const MISSING_GROUP = '(missing)';
/** The group of rows whose binned attribute is present but not a number. */
export const NOT_A_NUMBER_GROUP = '(not a number)';

/** True for (missing) and (not a number), and for intersection cells containing either. */
export function isSpecialGroup(value: string, parts?: readonly string[]): boolean {
  if (parts) return parts.some((p) => p === MISSING_GROUP || p === NOT_A_NUMBER_GROUP);
  return value === MISSING_GROUP || value === NOT_A_NUMBER_GROUP;
}
