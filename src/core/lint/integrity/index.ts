/*
 * Integrity checks of datasets: duplicate texts, conflicting labels, leakage between splits,
 * missing required fields, mixed-type and constant columns — as Findings and as the
 * `integrity` part of the dataset profile. See docs/rules/<rule>.md for each rule.
 */
export { checkIntegrity, checkIntegrityOfText, type CheckIntegrityOptions } from './check-integrity';
export { IntegrityChecker, type IntegrityCheckerOptions, type IntegrityResult } from './integrity-checker';
export { INTEGRITY_RULE_SEVERITY, INTEGRITY_LIMITS, type IntegrityCheckOptions, type IntegrityRuleId } from './integrity-options';
export { indexSplits, listSplitFiles, SplitIndex, SplitTexts, type ListFiles, type SplitListing, type SplitPlace } from './split-index';
export { normaliseText } from './normalise-text';
