/**
 * The body of every error answer: `{ error, fields?, messageKey?, retryAfter? }`. `error` is a word
 * (`invalid`, `rate-limited`, `conflict`, `not-found`, `unavailable`, …); `fields` the error keys per
 * field of a 400/422; `messageKey` a message of the element's translations; `retryAfter` repeats the
 * `Retry-After` header, in seconds (clients read the header, so the schema leaves it out: a number
 * check would cost the script-tag bundle, which holds the REST adapter).
 */
import * as z from 'zod/mini';
import { recordOf } from '../record.js';

/**
 * As clients read it: the server always sends `error`, but a reader keeps the `fields` and
 * `messageKey` of a body without one (a proxy's, another server's).
 */
export const errorBodySchema = z.object({
  error: z.optional(z.string()),
  fields: z.optional(recordOf(z.array(z.string()))),
  messageKey: z.optional(z.string()),
});
/** As the server sends it: `error` always. */
export type ErrorBody = z.infer<typeof errorBodySchema> & { error: string; retryAfter?: number };
