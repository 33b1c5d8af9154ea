/**
 * Ids, secrets and hashes: the one place the server makes them (comment ids, author and admin
 * tokens, avatar seeds of hidden comments, SHA-256 digests of tokens, drafts, pages and scripts).
 */
import { createHash, randomBytes } from 'node:crypto';

/** The SHA-256 digest of `data`: hex (stored hashes, keys), base64url (ETags) or base64 (CSP hashes). */
export const sha256 = (data: string | Buffer, encoding: 'hex' | 'base64url' | 'base64' = 'hex') =>
  createHash('sha256').update(data).digest(encoding);

/**
 * Random bytes from a pool filled 4 kB at a time, each byte given out once: a post takes three small
 * random values, and a call into OpenSSL for each cost more than the values are worth.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolUsed = 0;
function random(bytes: number): Buffer {
  if (poolUsed + bytes > pool.length) {
    pool = randomBytes(Math.max(POOL_BYTES, bytes));
    poolUsed = 0;
  }
  return pool.subarray(poolUsed, (poolUsed += bytes));
}

/** A new random secret value of `bytes` random bytes (author tokens, generated secrets). */
export const randomToken = (bytes = 24) => random(bytes).toString('base64url');

/** The avatar seed of a comment the public does not see: random, shaped like `Store.avatarSeed`'s. */
export const randomSeed = () => random(16).toString('base64url');

let seq = 0;
/** A unique, roughly time-ordered id. */
export function newCommentId(now: number): string {
  seq = (seq + 1) % 1679616;
  return `${now.toString(36)}${seq.toString(36).padStart(4, '0')}${random(6).toString('base64url')}`;
}
