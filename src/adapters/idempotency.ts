/**
 * Idempotent creates, as the in-browser adapters keep them: a key names one submission, its first
 * request body is remembered with it, a retry with the same body gets the first result again, and
 * the key used for another body is refused.
 */
import type { CommentDraft } from '../schema.js';
import { CommentAdapterError } from './types.js';

/**
 * What a key is remembered with: the thread and the validated draft, as JSON. Without `notify`: these
 * adapters send no email, and keep nothing of the request for one.
 */
export function requestBody(threadId: string, draft: CommentDraft): string {
  return JSON.stringify([threadId, { ...draft, notify: undefined }]);
}

/**
 * Whether `earlier` (the record of this key, if any) is the same request as `body`: then the caller
 * replays its first result. Throws `invalid` (`idempotencyMismatch`) when the key was used for
 * another body; false for a key not seen before.
 */
export function isReplay(earlier: { body: string } | undefined, body: string): boolean {
  if (!earlier) return false;
  if (earlier.body !== body) {
    throw new CommentAdapterError('invalid', 'This idempotency key was used for another comment.', {
      messageKey: 'idempotencyMismatch',
    });
  }
  return true;
}
