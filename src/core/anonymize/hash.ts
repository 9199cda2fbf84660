import type { PiiEntity } from '../lint/finding';
import { assertSalt, keyedDigest } from './keyed-digest';
import type { AnonymizeOptions } from './operator';

const DEFAULT_HASH_LENGTH = 8;

/**
 * Replaces a value by a salted, truncated HMAC-SHA256 tag, e.g. `<EMAIL:3f9a1c2e>`. Equal values
 * get equal tags within a workspace, so joins and duplicate counts still work after hashing.
 */
export function hashValue(entity: PiiEntity, value: string, options: AnonymizeOptions = {}): string {
  assertSalt(options.salt, 'The hash operator');
  const length = options.hashLength ?? DEFAULT_HASH_LENGTH;
  if (!Number.isInteger(length) || length < 4 || length > 64) {
    throw new RangeError(`hashLength must be an integer from 4 to 64, got ${length}.`);
  }
  const hex = keyedDigest(options.salt, ['hash', entity, value]).toString('hex');
  return `<${entity}:${hex.slice(0, length)}>`;
}
