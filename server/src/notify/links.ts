/**
 * Signed links in emails. The signing secret is generated once and kept in the database's
 * `settings` (key `link-secret`), so every instance signs and checks alike; it is separate from the
 * avatar secret (`--secret`), so that rotating one does not touch the other.
 *
 * A signed value is `payload.signature`, both base64url; the signature is an HMAC-SHA256 of the
 * payload with the secret and a purpose (`action`, `confirm`, `unsubscribe`), so a signature made
 * for one use is worth nothing for another.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { randomToken } from '../store/ids.js';
import type { DB } from '../store/tables.js';

const KEY = 'link-secret';

/** The link secret of this database, created by the first instance that asks. */
export async function loadLinkSecret(db: Kysely<DB>): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key: KEY, value: randomToken(32) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirstOrThrow();
  return row.value;
}

export class LinkSigner {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  #mac(purpose: string, payload: string): Buffer {
    return createHmac('sha256', this.#secret).update(`${purpose}\n${payload}`).digest();
  }

  /** `payload` (any JSON value) signed for `purpose`, as one URL-safe token. */
  sign(purpose: string, payload: unknown): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.#mac(purpose, body).toString('base64url')}`;
  }

  /** The payload of a token signed for `purpose`, or undefined when it was not (tampered, other purpose). */
  verify<T = unknown>(purpose: string, token: string): T | undefined {
    if (typeof token !== 'string' || token.length > 2000) return undefined;
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.#mac(purpose, body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }
}
