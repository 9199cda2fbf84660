import type { PiiEntity } from '../lint/finding';
import { hashValue } from './hash';
import { mask } from './mask';
import type { AnonymizeOperator, AnonymizeOptions } from './operator';
import { pseudonymize } from './pseudonymize';
import { redact } from './redact';

/** Replaces one PII value with the chosen operator: redact, mask, hash or pseudonymize. */
export function anonymizeValue(
  entity: PiiEntity,
  value: string,
  operator: AnonymizeOperator,
  options: AnonymizeOptions = {},
): string {
  switch (operator) {
    case 'redact':
      return redact(entity, value);
    case 'mask':
      return mask(entity, value, options);
    case 'hash':
      return hashValue(entity, value, options);
    case 'pseudonymize':
      return pseudonymize(entity, value, options);
    default:
      throw new Error(`Unknown anonymization operator ${JSON.stringify(operator satisfies never)}.`);
  }
}
