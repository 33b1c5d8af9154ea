/** Strong validators (ETags) and `If-None-Match`, for the comment pages and the static files. */
import { sha256 } from '../store/ids.js';

/** A strong ETag of a body: its content hash. */
export const etagOf = (body: string | Buffer) => `"${sha256(body, 'base64url').slice(0, 27)}"`;

/** Whether an `If-None-Match` header matches `etag` or is `*` (weak comparison, as RFC 9110 asks for GET). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const tag = part.trim();
    return tag === '*' || (tag.startsWith('W/') ? tag.slice(2) : tag) === etag;
  });
}
