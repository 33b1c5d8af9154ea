/**
 * Privacy requests (GDPR Articles 15 and 17): what is stored about an email address, and erasing it.
 * An erasure runs in one transaction of the group commit that also bumps the versions of the
 * threads it changed, so public pages and every cache show the change at once.
 *
 * - `anonymize`: the comments stay; their author name, email, website, IP address, user agent and
 *   author token are emptied, and the avatar seed (derived from the email) is replaced by a random one.
 * - `delete`: the comments go, with the text their edits replaced. A comment that has replies stays
 *   as a placeholder (the `deleted` flag, text and author fields emptied), so the replies of other
 *   people keep their place in the thread; placeholders left without replies go too.
 *
 * Either way the idempotency records of the erased comments (a day's replay of their `201`, which
 * carries the name and text) are removed.
 */
import type { EraseReport } from 'comment-box/api';
import { sql, type Kysely } from 'kysely';
import { WriteBatcher } from './batch.js';
import type { Store } from './comment-store.js';
import { randomSeed } from './ids.js';
import type { DB } from './tables.js';

export type EraseMode = 'anonymize' | 'delete';

/** What an erasure did: the shared contract's `EraseReport`, which the admin API answers. */
export type EraseResult = EraseReport;

/** What notifications keep about an address (the privacy export's `notifications`). */
export interface NotificationData {
  address: {
    email: string;
    language: string | null;
    createdAt: string;
    confirmedAt: string | null;
    unsubscribedAllAt: string | null;
  } | null;
  subscriptions: Array<{ threadId: string; commentId: string | null; createdAt: string }>;
  emails: Array<{ type: string; status: string; attempts: number; createdAt: string; sentAt: string | null }>;
}

/** An email as the store keeps it. */
export const storedEmail = (email: string) => email.trim().toLowerCase();

export class PrivacyStore {
  readonly #store: Store;
  readonly #writer: WriteBatcher;

  constructor(store: Store) {
    this.#store = store;
    this.#writer = new WriteBatcher(store.database);
  }

  /** How many comments carry this email. */
  async count(email: string): Promise<number> {
    const row = await this.#store.reader
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('author_email', '=', storedEmail(email))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * What notifications keep about an address: whether it confirmed (or unsubscribed from
   * everything), its subscriptions, and the emails of the outbox sent or to send to it (their kind,
   * status and dates; not their secret links).
   */
  async notificationData(email: string): Promise<NotificationData> {
    const address = storedEmail(email);
    const db = this.#store.reader;
    const row = await db.selectFrom('mail_addresses').selectAll().where('address', '=', address).executeTakeFirst();
    const subscriptions = await db
      .selectFrom('subscriptions')
      .select(['thread_id', 'comment_id', 'created_at'])
      .where('address', '=', address)
      .orderBy('created_at')
      .execute();
    const emails = await db
      .selectFrom('outbox')
      .select(['payload', 'status', 'attempts', 'created_at', 'sent_at'])
      .where('recipient', '=', address)
      .orderBy('created_at')
      .execute();
    return {
      address: row
        ? {
            email: row.address,
            language: row.language,
            createdAt: row.created_at,
            confirmedAt: row.confirmed_at,
            unsubscribedAllAt: row.unsubscribed_all_at,
          }
        : null,
      subscriptions: subscriptions.map((s) => ({
        threadId: s.thread_id,
        commentId: s.comment_id,
        createdAt: s.created_at,
      })),
      emails: emails.map((e) => ({
        type: String((JSON.parse(e.payload) as { type?: unknown }).type ?? 'email'),
        status: e.status,
        attempts: Number(e.attempts),
        createdAt: e.created_at,
        sentAt: e.sent_at,
      })),
    };
  }

  async erase(email: string, mode: EraseMode): Promise<EraseResult> {
    const address = storedEmail(email);
    const result: EraseResult = {
      anonymized: 0,
      placeholders: 0,
      deleted: 0,
      threads: [],
      subscriptions: 0,
      emails: 0,
    };
    if (address === '') return result;
    return this.#writer.run({
      work: async (trx, changed) => {
        // Notifications: the address, its subscriptions and its emails go (every link in them dies).
        const subs = await trx.deleteFrom('subscriptions').where('address', '=', address).executeTakeFirst();
        result.subscriptions = Number(subs.numDeletedRows);
        const mails = await trx.deleteFrom('outbox').where('recipient', '=', address).executeTakeFirst();
        result.emails = Number(mails.numDeletedRows);
        await trx.deleteFrom('mail_addresses').where('address', '=', address).execute();
        const rows = await trx
          .selectFrom('comments')
          .select(['id', 'thread_id'])
          .where('author_email', '=', address)
          .execute();
        if (rows.length === 0) return result;
        const ids = rows.map((r) => r.id);
        const threads = [...new Set(rows.map((r) => r.thread_id))].sort();
        await forgetReplays(trx, ids);
        const emptied = {
          author_name: '',
          author_email: '',
          author_url: '',
          ip: '',
          user_agent: '',
          author_token_hash: '',
        };
        if (mode === 'anonymize') {
          for (const id of ids) {
            await trx
              .updateTable('comments')
              .set({ ...emptied, avatar_seed: randomSeed() })
              .where('id', '=', id)
              .execute();
          }
          result.anonymized = ids.length;
        } else {
          // Leaves first, again and again: a comment whose replies were all erased goes too.
          let left = new Set(ids);
          for (;;) {
            const withReplies = new Set(
              (
                await trx
                  .selectFrom('comments')
                  .select('parent_id')
                  .distinct()
                  .where('parent_id', 'in', [...left])
                  .execute()
              ).map((r) => r.parent_id!),
            );
            const leaves = [...left].filter((id) => !withReplies.has(id));
            if (leaves.length === 0) break;
            await trx.deleteFrom('comment_revisions').where('comment_id', 'in', leaves).execute();
            await trx.deleteFrom('comments').where('id', 'in', leaves).execute();
            result.deleted += leaves.length;
            left = new Set([...left].filter((id) => withReplies.has(id)));
            if (left.size === 0) break;
          }
          for (const id of left) {
            await trx.deleteFrom('comment_revisions').where('comment_id', '=', id).execute();
            await trx
              .updateTable('comments')
              .set({ ...emptied, content: '', deleted: 1, avatar_seed: randomSeed() })
              .where('id', '=', id)
              .execute();
          }
          result.placeholders = left.size;
        }
        for (const t of threads) changed(t);
        result.threads = threads;
        return result;
      },
    });
  }
}

/** Removes the idempotency records whose stored answer is one of these comments. */
async function forgetReplays(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const pattern = `%${JSON.stringify({ id })
      .slice(1, -1)
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    await trx
      .deleteFrom('idempotency')
      .where(sql<boolean>`response like ${pattern} escape '\\'`)
      .execute();
  }
}
