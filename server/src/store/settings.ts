/**
 * The settings the site owner changes in the desk (`SiteSettings`), kept in the `settings` table as
 * one JSON row, `site`. They are applied onto the server's `config` object in place, over the
 * defaults the flags and environment gave at start, so every route reads `config` as before.
 * `refresh()` reads the row again (one indexed read of a short text, skipped when it did not
 * change): before every write request, and every few seconds for the read paths. So a change is
 * effective on the next post on every instance (SQLite or PostgreSQL), without a restart.
 */
import { maskOf, type SiteSettings, type SiteSettingsInput, type SiteSettingsView } from 'comment-box/api';
import type { ServerConfig } from '../config.js';
import type { Store } from './comment-store.js';

const SITE_KEY = 'site';

/** The keys of `ServerConfig` the desk may change. */
export const SETTING_KEYS = [
  'moderation',
  'maxLinks',
  'editWindow',
  'rateLimit',
  'rateWindow',
  'allowedOrigins',
  'closeAfterDays',
  'closedThreads',
  'openThreads',
  'ownerName',
  'trashDays',
  'blocks',
  'notifyOwner',
  'notifyInterval',
  'webhookUrl',
  'webhookFormat',
  'webhookEvents',
  'webhookSecret',
] as const satisfies ReadonlyArray<keyof SiteSettings & keyof ServerConfig>;

export class Settings {
  readonly #store: Store;
  readonly #config: ServerConfig;
  /** What the flags and environment gave: the value of every setting never saved. */
  readonly #defaults: SiteSettings;
  /** The row as last read ('' for none), so an unchanged row is not parsed again. */
  #raw = '';
  /** The read in flight, and the one that follows it (shared by those who asked meanwhile). */
  #reading: Promise<void> | undefined;
  #nextRead: Promise<void> | undefined;

  constructor(store: Store, config: ServerConfig) {
    this.#store = store;
    this.#config = config;
    this.#defaults = this.#pick(config);
  }

  #pick(from: ServerConfig | SiteSettings): SiteSettings {
    return Object.fromEntries(SETTING_KEYS.map((k) => [k, structuredClone(from[k])])) as SiteSettings;
  }

  /** The effective settings, as the desk may see them (the webhook's secret masked). */
  current(): SiteSettingsView {
    const current = this.#pick(this.#config);
    return {
      ...current,
      webhookSecret: maskOf(current.webhookSecret),
      setByEnvironment: [...this.#config.webhookFromEnvironment],
    };
  }

  /**
   * The keys of `change` that a flag or the environment sets and that `change` would change: the
   * desk may not (a `PUT` of what `GET` answered changes nothing, so it passes).
   */
  fixedChanges(change: SiteSettingsInput): Array<keyof SiteSettings> {
    const current = this.current();
    return this.#config.webhookFromEnvironment.filter(
      (key) => key in change && JSON.stringify(change[key]) !== JSON.stringify(current[key]),
    );
  }

  #apply(raw: string): void {
    if (raw === this.#raw) return;
    let saved: SiteSettingsInput = {};
    try {
      saved = raw ? (JSON.parse(raw) as SiteSettingsInput) : {};
    } catch {
      saved = {};
    }
    this.#raw = raw;
    // What a flag or the environment sets wins over the desk.
    for (const key of this.#config.webhookFromEnvironment) delete saved[key];
    Object.assign(this.#config, this.#defaults, saved);
  }

  /** Reads the saved settings again and applies them. */
  /**
   * Reads the saved settings again. One read at a time: whoever asks while one is in flight (it may
   * have started before their request arrived) shares the next one, so a burst of writes makes two
   * reads, not one each.
   */
  refresh(): Promise<void> {
    if (!this.#reading) return this.#read();
    return (this.#nextRead ??= this.#reading.then(
      () => this.#read(),
      () => this.#read(),
    ));
  }

  #read(): Promise<void> {
    this.#nextRead = undefined;
    const reading: Promise<void> = this.#store.reader
      .selectFrom('settings')
      .select('value')
      .where('key', '=', SITE_KEY)
      .executeTakeFirst()
      .then((row) => this.#apply(row?.value ?? ''))
      .finally(() => {
        if (this.#reading === reading) this.#reading = undefined;
      });
    this.#reading = reading;
    return reading;
  }

  /**
   * Saves `change` over what was saved (a key set to its default stays saved: the flag no longer
   * changes it), in one statement, and applies the result. Two desks saving different keys at once
   * on two instances: the later write wins for the whole row (last writer wins, as WordPress).
   */
  async save(change: SiteSettingsInput): Promise<SiteSettingsView> {
    await this.refresh();
    change = { ...change };
    // The secret as answered (masked) leaves it as it is; so does what the environment sets.
    if (change.webhookSecret !== undefined && change.webhookSecret === maskOf(this.#config.webhookSecret)) {
      delete change.webhookSecret;
    }
    for (const key of this.#config.webhookFromEnvironment) delete change[key];
    const saved = { ...(this.#raw ? (JSON.parse(this.#raw) as SiteSettingsInput) : {}), ...change };
    const value = JSON.stringify(saved);
    await this.#store.db
      .insertInto('settings')
      .values({ key: SITE_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    this.#apply(value);
    return this.current();
  }
}
