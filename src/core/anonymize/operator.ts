import type { Salt } from './keyed-digest';

/** The ways a PII value can be replaced, from least to most useful downstream. */
export const ANONYMIZE_OPERATORS = ['redact', 'mask', 'hash', 'pseudonymize'] as const;
export type AnonymizeOperator = (typeof ANONYMIZE_OPERATORS)[number];

/** Options shared by all operators; each operator reads only what it needs. */
export interface AnonymizeOptions {
  /** Per-workspace secret (see `loadOrCreateSalt`); required by `hash` and `pseudonymize`. */
  salt?: Salt;
  /** The character `mask` writes in place of hidden characters (default `*`). */
  maskChar?: string;
  /** How many hex characters of the HMAC `hash` keeps (default 8, 4–64). */
  hashLength?: number;
}
