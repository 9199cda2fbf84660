// The public surface of core/anonymize; everything else in this folder is an implementation detail.
export { anonymizeValue } from './anonymize-value';
export { applyReplacements, sortReplacements, type Replacement } from './apply-replacements';
export { writeFileAtomic, withAtomicFile } from './atomic-file';
export { luhnCheckDigit, ibanCheckDigits } from './check-digits';
export { escapeForCsvField, escapeForJsonString } from './field-escape';
export { hashValue } from './hash';
export type { Salt } from './keyed-digest';
export { mask } from './mask';
export { ANONYMIZE_OPERATORS, type AnonymizeOperator, type AnonymizeOptions } from './operator';
export { pseudonymize } from './pseudonymize';
export { splitAtCsvRecordEnd, splitAtLastNewline } from './record-boundaries';
export { redact } from './redact';
export { planFromReplacements, type ListedReplacementPlan } from './replacement-plan';
export {
  anonymizeFile,
  anonymizeStream,
  type AnonymizeStreamOptions,
  type RewritePlan,
  type RewriteSummary,
  type TextEncodingName,
} from './rewrite-file';
export { loadOrCreateSalt, SALT_ENV_VAR, SALT_FILE_NAME, type WorkspaceSalt } from './workspace-salt';
