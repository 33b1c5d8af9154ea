/**
 * The moderation API's data routes (Bearer admin token, like the rest of `/api/admin/`): export,
 * import (an upload of the file the CLI's `import` reads) and privacy requests. Shapes the server
 * accepts; see docs/import-export.md.
 */
import * as z from 'zod/mini';

const flag = () => z.optional(z.custom<'0' | '1'>((v) => v === '0' || v === '1'));

/** `GET /api/admin/export?thread=`: the comment-box JSON export, of one thread or of all. */
export const adminExportQuerySchema = z.object({ thread: z.optional(z.string().check(z.maxLength(500))) });

/**
 * `POST /api/admin/import?from=&threadId=&dryRun=1&includeTrash=1` with the file as the body: the
 * report (`imported`, `skipped`, `failed`, reasons) as JSON. Thread-id maps are the CLI's (`--map`).
 */
export const adminImportQuerySchema = z.object({
  from: z.custom<'wordpress' | 'disqus' | 'comment-box'>(
    (v) => v === 'wordpress' || v === 'disqus' || v === 'comment-box',
  ),
  threadId: z.optional(z.custom<'path' | 'url' | 'id'>((v) => v === 'path' || v === 'url' || v === 'id')),
  dryRun: flag(),
  includeTrash: flag(),
});
export type AdminImportQuery = z.infer<typeof adminImportQuerySchema>;

const email = () =>
  z.string().check(
    z.minLength(3),
    z.maxLength(200),
    z.refine((v) => v.includes('@')),
  );

/** `GET /api/admin/privacy?email=`: everything stored about an address (GDPR Article 15). */
export const adminPrivacyQuerySchema = z.object({ email: email() });

/** `POST /api/admin/privacy/erase` with `{ email, mode }` (GDPR Article 17); answered with the counts. */
export const adminEraseSchema = z.strictObject({
  email: email(),
  mode: z.custom<'anonymize' | 'delete'>((v) => v === 'anonymize' || v === 'delete'),
});

/** The answer of an import (and of the CLI's `import --json`). */
export interface ImportReport {
  read: number;
  imported: number;
  skipped: number;
  failed: number;
  /** Counts per reason. */
  skippedReasons: Record<string, number>;
  failedReasons: Record<string, number>;
  /** The first failures, by source key or place in the file (never an email). */
  failures: Array<{ source: string; reason: string }>;
  /** Comments imported with a field dropped or cut to fit, per what was done. */
  adjusted: Record<string, number>;
  /** Threads that received comments. */
  threads: number;
  dryRun: boolean;
}

/** The answer of an erasure. */
export interface EraseReport {
  /** Comments whose author fields were emptied (anonymize). */
  anonymized: number;
  /** Comments kept as "deleted" placeholders (delete, with replies). */
  placeholders: number;
  deleted: number;
  threads: string[];
  /** Notification subscriptions of the address that were removed (with its confirmation). */
  subscriptions?: number;
  /** Emails to the address that were removed from the outbox (sent, waiting or failed). */
  emails?: number;
}
