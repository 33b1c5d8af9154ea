/**
 * Ids, secrets and hashes: the one place the server makes them (comment ids, author and admin
 * tokens, avatar seeds of hidden comments, SHA-256 digests of tokens, drafts, pages and scripts).
 */
import { createHash, randomBytes } from 'node:crypto';

/** The SHA-256 digest of `data`: hex (stored hashes, keys), base64url (ETags) or base64 (CSP hashes). */
export const sha256 = (data: string | Buffer, encoding: 'hex' | 'base64url' | 'base64' = 'hex') =>
  createHash('sha256').update(data).digest(encoding);

/** A new random secret value of `bytes` random bytes (author tokens, generated secrets). */
export const randomToken = (bytes = 24) => randomBytes(bytes).toString('base64url');

/** The avatar seed of a comment the public does not see: random, shaped like `Store.avatarSeed`'s. */
export const randomSeed = () => randomBytes(16).toString('base64url');

let seq = 0;
/** A unique, roughly time-ordered id. */
export function newCommentId(now: number): string {
  seq = (seq + 1) % 1679616;
  return `${now.toString(36)}${seq.toString(36).padStart(4, '0')}${randomBytes(6).toString('base64url')}`;
}
