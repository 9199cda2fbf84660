import { createHmac } from 'node:crypto';

/** A per-workspace secret: the text of the salt file / `RML_SALT`, or raw bytes. */
export type Salt = string | Uint8Array;

/**
 * Throws unless `salt` is usable. An empty salt would turn every keyed digest into a plain
 * hash, and plain hashes of phone numbers or SSNs can be reversed by trying every value.
 */
export function assertSalt(salt: Salt | undefined, operation: string): asserts salt is Salt {
  if (salt === undefined || salt.length === 0) {
    throw new Error(`${operation} needs a non-empty workspace salt (RML_SALT or .responsible-ml/salt).`);
  }
}

/** HMAC-SHA256 of the parts joined with NUL, so ('ab','c') and ('a','bc') never collide. */
export function keyedDigest(salt: Salt, parts: readonly string[]): Buffer {
  return createHmac('sha256', salt).update(parts.join('\0'), 'utf8').digest();
}
