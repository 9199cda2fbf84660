// The PII engine's public surface: registry and scan, column checks, display masking.
export type { PiiMatch, Recognizer, RecognizerContext } from './recognizer';
export type { ModelRecognizer } from './model-recognizer';
export {
  createDefaultRegistry,
  findPiiInValue,
  findPiiInValues,
  DEFAULT_MIN_SCORE,
  type FindPiiOptions,
  type PiiRegistry,
  type RegistryOptions,
} from './registry';
export { resolveOverlaps } from './overlaps';
export { detectColumnPii, type ColumnPii, type ColumnPiiOptions } from './column-pii';
export { classifyColumnName, entityForFieldName, type ColumnNameVerdict } from './column-names';
export { maskValue } from './mask';
export { DEFAULT_PHONE_REGIONS, unsupportedPhoneRegions } from './recognizers/phone';
