/** `GET /api/counts?thread=a&thread=b` → `{ counts: { a: 1, b: 0 } }`: approved comments per thread. */
import * as z from 'zod/mini';
import { recordOf } from '../record.js';

export const countsSchema = z.object({
  counts: recordOf(z.custom<number>((v) => Number.isSafeInteger(v) && (v as number) >= 0)),
});
export type Counts = z.infer<typeof countsSchema>;
