/**
 * Live updates, `GET /api/threads/:threadId/events` (Server-Sent Events): `event: ready` once, then
 * `event: comment` with `id: <comment id>` and the public comment as its JSON `data`.
 */
import { commentSchema } from '../schema.js';

/** The event names of the stream. */
export const LIVE_EVENTS = { ready: 'ready', comment: 'comment' } as const;

/** The `data` of a `comment` event: a newly approved comment, as the list shows it. */
export const liveCommentSchema = commentSchema;
