/**
 * The desk's calls to the moderation API (`/api/admin/…`, same origin): the session cookie goes by
 * itself; every change carries the session's CSRF token. Loaded by the moderation page only.
 */
import type {
  AdminAction,
  AdminComment,
  AdminCommentPage,
  AdminCounts,
  SiteSettingsInput,
  SiteSettingsView,
  StoredStatus,
} from '../api/admin.js';
import type { EraseReport, ImportReport } from '../api/admin-data.js';
import type { NotificationStatus, NotificationTestResult, OutboxPage } from '../api/notifications.js';

export type { EraseReport, ImportReport };

export interface DeskReply<T> {
  ok: boolean;
  status: number;
  body: T | undefined;
}

export class DeskApi {
  csrf = '';
  readonly #fetch: typeof fetch;

  constructor(fetchImpl: typeof fetch = (...args) => fetch(...args)) {
    this.#fetch = fetchImpl;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<DeskReply<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    const res = await this.#fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(() => null);
    if (!res) return { ok: false, status: 0, body: undefined };
    const text = await res.text().catch(() => '');
    let parsed: T | undefined;
    try {
      parsed = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      parsed = undefined;
    }
    return { ok: res.ok, status: res.status, body: parsed };
  }

  /** Opens a session with the password or the admin token. */
  async signIn(secret: string): Promise<DeskReply<{ csrf: string }>> {
    const r = await this.call<{ csrf: string }>('POST', '/api/admin/session', { secret });
    if (r.ok && r.body) this.csrf = r.body.csrf;
    return r;
  }

  /** The session already open (after a reload), if any. */
  async resume(): Promise<boolean> {
    const r = await this.call<{ csrf: string }>('GET', '/api/admin/session');
    if (r.ok && r.body) this.csrf = r.body.csrf;
    return r.ok;
  }

  signOut() {
    return this.call<never>('DELETE', '/api/admin/session');
  }

  counts() {
    return this.call<AdminCounts>('GET', '/api/admin/counts');
  }

  list(status: StoredStatus, q: string, cursor: string | null, limit = 50, thread = '') {
    const params = new URLSearchParams({ status, limit: String(limit) });
    if (q) params.set('q', q);
    if (thread) params.set('thread', thread);
    if (cursor) params.set('cursor', cursor);
    return this.call<AdminCommentPage>('GET', `/api/admin/comments?${params}`);
  }

  bulk(ids: string[], action: AdminAction) {
    return this.call<{ done: string[]; missing: string[] }>('POST', '/api/admin/bulk', { ids, action });
  }

  edit(id: string, content: string) {
    return this.call<{ comment: AdminComment }>('PATCH', `/api/admin/comments/${encodeURIComponent(id)}`, {
      content,
    });
  }

  settings() {
    return this.call<SiteSettingsView>('GET', '/api/admin/settings');
  }

  saveSettings(change: SiteSettingsInput) {
    return this.call<SiteSettingsView>('PUT', '/api/admin/settings', change);
  }

  /** Whether email is on, its From, the owner's address. */
  notifications() {
    return this.call<NotificationStatus>('GET', '/api/admin/notifications');
  }

  /** Sends a test email now: the SMTP server's answer or its error. */
  sendTestEmail(to: string) {
    return this.call<NotificationTestResult>('POST', '/api/admin/notifications/test', to ? { to } : {});
  }

  /** The outbox, newest first, with the counts per status. */
  outbox(cursor: string | null = null, limit = 20) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (cursor) params.set('cursor', cursor);
    return this.call<OutboxPage>('GET', `/api/admin/outbox?${params}`);
  }

  /** Imports a file (sent as it is, the body of the request): the report. */
  async importFile(from: string, file: Blob, dryRun: boolean): Promise<DeskReply<ImportReport>> {
    const query = new URLSearchParams({ from, ...(dryRun ? { dryRun: '1' } : {}) });
    const res = await this.#fetch(`/api/admin/import?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': this.csrf },
      credentials: 'same-origin',
      body: file,
    }).catch(() => null);
    if (!res) return { ok: false, status: 0, body: undefined };
    const body = (await res.json().catch(() => undefined)) as ImportReport | undefined;
    return { ok: res.ok, status: res.status, body };
  }

  erase(email: string, mode: 'anonymize' | 'delete') {
    return this.call<EraseReport>('POST', '/api/admin/privacy/erase', { email, mode });
  }

  reply(id: string, content: string) {
    return this.call<{ comment: AdminComment }>('POST', `/api/admin/comments/${encodeURIComponent(id)}/reply`, {
      content,
    });
  }
}
