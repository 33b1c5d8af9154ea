/**
 * `<comment-admin>`: the moderation page the server shows at `/admin`. The site owner enters the
 * admin token (kept for this browser tab only), then approves, marks as spam or deletes comments.
 * Loaded by the server with an import map for Lit; not part of the element bundle.
 */
import { LitElement, css, html, nothing } from 'lit';

// Type only: the moderation API's shape, defined once by the server's store.
import type { AdminComment } from '../api/admin.js';

type Status = AdminComment['status'];
const TOKEN_KEY = 'comment-box-admin-token';

/**
 * A name for a status message, set apart from the text around it (FIRST STRONG ISOLATE … POP
 * DIRECTIONAL ISOLATE, its own isolate controls dropped). The element's `isolate` (src/localize.ts)
 * does the same; this page loads on its own, without the element's modules.
 */
function isolate(text: string): string {
  return `\u2068${text.replace(/[\u2066-\u2069]/g, '')}\u2069`;
}

function savedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export class CommentAdminElement extends LitElement {
  static override properties = {
    token: { state: true },
    status: { state: true },
    comments: { state: true },
    message: { state: true },
    busy: { state: true },
  };

  static override styles = css`
    :host { display: block; }
    form, nav { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-block: 0.5rem 1rem; align-items: center; }
    nav button[aria-pressed='true'] { font-weight: bold; }
    ul { list-style: none; padding: 0; }
    li { border: 1px solid #ccc; border-radius: 6px; padding: 0.75rem; margin-block-end: 0.75rem; }
    .meta { font-size: 0.875rem; color: #555; overflow-wrap: anywhere; }
    .content { white-space: pre-wrap; overflow-wrap: anywhere; margin-block: 0.5rem; }
    .actions { display: flex; gap: 0.5rem; }
    [role='status'] { min-height: 1.5em; }
  `;

  token = savedToken();
  status: Status = 'pending';
  comments: AdminComment[] = [];
  message = '';
  busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.token) void this.load();
  }

  async #api(path: string, init: RequestInit = {}): Promise<Response | null> {
    const res = await fetch(path, {
      ...init,
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
    }).catch(() => null);
    if (!res) this.message = 'The server could not be reached.';
    else if (res.status === 401) {
      this.message = 'The admin token was refused.';
      this.comments = [];
    } else if (!res.ok) this.message = `The server answered ${res.status}.`;
    return res && res.ok ? res : null;
  }

  async load(): Promise<void> {
    this.busy = true;
    const res = await this.#api(`/api/admin/comments?status=${this.status}&limit=200`);
    this.busy = false;
    if (!res) return;
    this.comments = ((await res.json()) as { comments: AdminComment[] }).comments;
    this.message = `${this.comments.length} ${this.status} comment${this.comments.length === 1 ? '' : 's'}.`;
  }

  #signIn(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    this.token = input.value.trim();
    try {
      sessionStorage.setItem(TOKEN_KEY, this.token);
    } catch {
      /* kept in memory only */
    }
    void this.load();
  }

  async #act(comment: AdminComment, action: 'approved' | 'spam' | 'delete'): Promise<void> {
    const path = `/api/admin/comments/${encodeURIComponent(comment.id)}`;
    const res =
      action === 'delete'
        ? await this.#api(path, { method: 'DELETE' })
        : await this.#api(path, { method: 'PATCH', body: JSON.stringify({ status: action }) });
    if (!res) return;
    this.comments = this.comments.filter((c) => c.id !== comment.id);
    const done = action === 'delete' ? 'deleted' : action === 'spam' ? 'marked as spam' : 'approved';
    this.message = `Comment by ${isolate(comment.authorName || 'Anonymous')} ${done}.`;
  }

  #show(status: Status): void {
    this.status = status;
    void this.load();
  }

  override render() {
    return html`
      <form @submit=${this.#signIn}>
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" .value=${this.token} required />
        <button type="submit">Sign in</button>
      </form>
      <nav aria-label="Status">
        ${(['pending', 'spam', 'approved'] as const).map(
          (s) =>
            html`<button type="button" aria-pressed=${String(this.status === s)} @click=${() => this.#show(s)}>${s}</button>`,
        )}
      </nav>
      <p role="status">${this.busy ? 'Loading…' : this.message}</p>
      <ul>
        ${this.comments.map(
          (c) => html`<li data-id=${c.id}>
            <div class="meta">
              <strong><bdi>${c.authorName || 'Anonymous'}</bdi></strong> &lt;<bdi>${c.authorEmail}</bdi>&gt;
              ${c.authorUrl ? html` · <bdi>${c.authorUrl}</bdi>` : nothing} · ${new Date(c.createdAt).toLocaleString()} ·
              thread <bdi>${c.threadId}</bdi>${c.parentId ? ' · reply' : ''} · <bdi>${c.ip}</bdi>
            </div>
            <div class="content" dir="auto">${c.content}</div>
            <div class="actions">
              ${
                c.status !== 'approved'
                  ? html`<button type="button" @click=${() => this.#act(c, 'approved')}>Approve</button>`
                  : nothing
              }
              ${c.status !== 'spam' ? html`<button type="button" @click=${() => this.#act(c, 'spam')}>Spam</button>` : nothing}
              <button type="button" @click=${() => this.#act(c, 'delete')}>Delete</button>
            </div>
          </li>`,
        )}
      </ul>
    `;
  }
}

if (!customElements.get('comment-admin')) customElements.define('comment-admin', CommentAdminElement);
