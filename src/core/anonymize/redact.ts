import type { PiiEntity } from '../lint/finding';

/** Replaces a value by its entity tag, e.g. `[EMAIL]`. */
export function redact(entity: PiiEntity, _value?: string): string {
  return `[${entity}]`;
}
