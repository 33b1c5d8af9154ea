/**
 * `<comment-admin>`: the moderation desk the server shows at `/admin`. The site owner signs in
 * with the desk password or the admin token (a session cookie; see docs/server.md), then works
 * through the queues (Pending, Approved, Spam, Trash, with counts): approve, unapprove, spam, not
 * spam, trash (with Undo for 10 seconds), restore, delete for good from the trash (asked once),
 * edit, reply as the site owner, and the same in bulk on a selection; search by text, author, email
 * or thread; page through any number.
 *
 * Focus: after an action that takes a comment out of the list, focus goes to the next comment's
 * card (an `article`, never its buttons), so pressing Enter again never acts on another comment;
 * the result is announced in one polite live region. Cards are keyed by id (`repeat`), and a comment
 * being acted on takes no second action.
 *
 * Loaded by the server with an import map for Lit; not part of the element bundle. What commenters
 * wrote goes through Lit bindings only (text, never HTML), names and addresses in `<bdi>`s.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AdminAction, AdminComment, AdminCounts, SiteSettings, StoredStatus } from '../api/admin.js';
import { deskStyles } from './admin-page.styles.js';
import { DeskApi } from './desk-api.js';
import './data-panel.js';
import './notify-panel.js';

type Status = StoredStatus;

/** One entry a line; blank lines dropped. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The block lists, as the settings form shows them: [key, kind, label]. */
const BLOCK_FIELDS = [
  ['words', 'hold', 'Words that hold a comment'],
  ['words', 'spam', 'Words that send a comment to spam'],
  ['emails', 'hold', 'Emails or domains that hold a comment'],
  ['emails', 'spam', 'Emails or domains that send a comment to spam'],
  ['ips', 'hold', 'Addresses or ranges (CIDR) that hold a comment'],
  ['ips', 'spam', 'Addresses or ranges (CIDR) that send a comment to spam'],
] as const;

const TABS: ReadonlyArray<{ status: Status; label: string }> = [
  { status: 'pending', label: 'Pending' },
  { status: 'approved', label: 'Approved' },
  { status: 'spam', label: 'Spam' },
  { status: 'trash', label: 'Trash' },
];

/** What each action is called on a button, and what is announced once it is done. */
const ACTIONS: Record<AdminAction, { label: string; done: string }> = {
  approve: { label: 'Approve', done: 'approved' },
  unapprove: { label: 'Unapprove', done: 'sent back to Pending' },
  spam: { label: 'Spam', done: 'marked as spam' },
  'not-spam': { label: 'Not spam', done: 'sent back to Pending' },
  trash: { label: 'Trash', done: 'moved to the trash' },
  restore: { label: 'Restore', done: 'restored' },
  delete: { label: 'Delete for good', done: 'deleted for good' },
};

/** The actions of a comment in each queue. */
const ACTIONS_OF: Record<Status, AdminAction[]> = {
  pending: ['approve', 'spam', 'trash'],
  approved: ['unapprove', 'spam', 'trash'],
  spam: ['not-spam', 'trash'],
  trash: ['restore', 'delete'],
};

/** The bulk actions of each queue. */
const BULK_OF: Record<Status, AdminAction[]> = {
  pending: ['approve', 'spam', 'trash'],
  approved: ['unapprove', 'spam', 'trash'],
  spam: ['not-spam', 'trash'],
  trash: ['restore'],
};

const REASONS: Record<string, string> = {
  all: 'every comment is held (moderation mode "all")',
  'first-time': 'first comment from this name and email',
  links: 'too many links',
  'spam-word': 'spam word',
  'block-word': 'block list: word',
  'block-email': 'block list: email',
  'block-ip': 'block list: address',
  honeypot: 'honeypot field filled (a bot)',
  moderator: 'set by a moderator',
};

/** How long Undo stays after a trash. */
export const UNDO_MS = 10_000;

/**
 * A name for a status message, set apart from the text around it (FIRST STRONG ISOLATE … POP
 * DIRECTIONAL ISOLATE, its own isolate controls dropped).
 */
function isolate(text: string): string {
  return `\u2068${text.replace(/[\u2066-\u2069]/g, '')}\u2069`;
}

/** A link to the thread's page and the comment's anchor, when the thread id is a site path. */
function threadHref(c: AdminComment, anchor: boolean): string | null {
  if (!/^\/(?!\/)[^\s\\]*$/.test(c.threadId)) return null;
  return anchor ? `${c.threadId}#comment-${encodeURIComponent(c.id)}` : c.threadId;
}

export class CommentAdminElement extends LitElement {
  static override properties = {
    signedIn: { state: true },
    status: { state: true },
    counts: { state: true },
    comments: { state: true },
    nextCursor: { state: true },
    query: { state: true },
    thread: { state: true },
    selected: { state: true },
    busy: { state: true },
    message: { state: true },
    undo: { state: true },
    editing: { state: true },
    replying: { state: true },
    confirming: { state: true },
    loading: { state: true },
    settings: { state: true },
    data: { state: true },
    notify: { state: true },
  };

  static override styles = deskStyles;

  /** The API; tests pass one with a stub `fetch`. */
  api = new DeskApi();
  signedIn = false;
  status: Status = 'pending';
  counts: AdminCounts | null = null;
  comments: AdminComment[] = [];
  nextCursor: string | null = null;
  query = '';
  /** Only this thread's comments (its exact id), or all threads. */
  thread = '';
  selected = new Set<string>();
  /** Ids being acted on: no second action until the first is done. */
  busy = new Set<string>();
  message = '';
  undo: { ids: string[]; timer: ReturnType<typeof setTimeout> } | null = null;
  editing: string | null = null;
  replying: string | null = null;
  confirming: string | null = null;
  loading = false;
  /** The settings screen's values, when it is shown (instead of a queue). */
  settings: SiteSettings | null = null;
  /** The "Import and export" screen is shown (instead of a queue). */
  data = false;
  /** The "Notifications" screen is shown (instead of a queue). */
  notify = false;
  /** Where focus goes after the next render: a card's id, or 'list' (the queue's heading). */
  #focusNext: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.api.resume().then((open) => {
      if (open) this.#enter();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.undo) clearTimeout(this.undo.timer);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const target = this.#focusNext;
    if (target === null) return;
    this.#focusNext = null;
    const root = this.renderRoot as ShadowRoot;
    if (target === 'data' || target === 'notify') {
      // The screen's own heading, once the screen has rendered.
      const panel = root.querySelector<LitElement>(target === 'data' ? 'comment-admin-data' : 'comment-admin-notify');
      void panel?.updateComplete.then(() => panel.shadowRoot?.getElementById('queue-heading')?.focus());
      return;
    }
    const el =
      target === 'list'
        ? root.getElementById('queue-heading')
        : target.startsWith('#')
          ? root.getElementById(target.slice(1))
          : root.querySelector<HTMLElement>(`article[data-id="${CSS.escape(target)}"]`);
    el?.focus();
  }

  #enter(): void {
    this.signedIn = true;
    this.#focusNext = 'list';
    void this.load();
  }

  /** The current queue from its start, and the counts. */
  async load(): Promise<void> {
    this.loading = true;
    const [page, counts] = await Promise.all([
      this.api.list(this.status, this.query, null, 50, this.thread),
      this.api.counts(),
    ]);
    this.loading = false;
    if (!this.#check(page.status)) return;
    if (counts.ok && counts.body) this.counts = counts.body;
    this.comments = page.body?.comments ?? [];
    this.nextCursor = page.body?.nextCursor ?? null;
    this.selected = new Set();
  }

  async #more(): Promise<void> {
    if (!this.nextCursor) return;
    const first = this.comments.length;
    const page = await this.api.list(this.status, this.query, this.nextCursor, 50, this.thread);
    if (!this.#check(page.status) || !page.body) return;
    this.comments = [...this.comments, ...page.body.comments];
    this.nextCursor = page.body.nextCursor;
    const next = this.comments[first];
    this.#focusNext = next ? next.id : null;
    this.message = `${page.body.comments.length} more comments loaded.`;
  }

  /** False (and signed out) on a 401; a message on other failures. */
  #check(status: number): boolean {
    if (status === 401) {
      this.signedIn = false;
      this.message = 'Your session has ended. Sign in again.';
      return false;
    }
    if (status === 0) this.message = 'The server could not be reached.';
    else if (status >= 400) this.message = `The server answered ${status}.`;
    return status > 0 && status < 400;
  }

  async #signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('secret') as HTMLInputElement;
    const r = await this.api.signIn(input.value);
    if (r.ok) {
      input.value = '';
      this.message = 'Signed in.';
      this.#enter();
    } else {
      this.message = r.status === 429 ? 'Too many attempts. Wait a few minutes.' : 'The password or token was refused.';
      input.focus();
    }
  }

  async #signOut(): Promise<void> {
    await this.api.signOut();
    this.signedIn = false;
    this.comments = [];
    this.counts = null;
    this.message = 'Signed out.';
  }

  #show(status: Status): void {
    this.status = status;
    this.settings = null;
    this.data = false;
    this.notify = false;
    this.editing = this.replying = this.confirming = null;
    void this.load();
  }

  #search(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.query = (form.elements.namedItem('q') as HTMLInputElement).value.trim();
    this.thread = (form.elements.namedItem('thread') as HTMLInputElement).value.trim();
    void this.load().then(() => {
      this.message = `${this.comments.length}${this.nextCursor ? '+' : ''} ${this.comments.length === 1 ? 'comment' : 'comments'} found.`;
    });
  }

  /**
   * One action on `ids` (one card or the selection). The cards acted on leave the list; focus goes
   * to the card after the first of them (or before, at the end), never to a button.
   */
  async act(ids: string[], action: AdminAction): Promise<void> {
    const fresh = ids.filter((id) => !this.busy.has(id));
    if (fresh.length === 0) return;
    this.busy = new Set([...this.busy, ...fresh]);
    const r = await this.api.bulk(fresh, action);
    this.busy = new Set([...this.busy].filter((id) => !fresh.includes(id)));
    this.confirming = null;
    if (!this.#check(r.status) || !r.body) return;
    const done = new Set(r.body.done);
    const index = this.comments.findIndex((c) => done.has(c.id));
    const who = this.comments.find((c) => done.has(c.id));
    const rest = this.comments.filter((c) => !done.has(c.id));
    this.comments = rest;
    this.selected = new Set([...this.selected].filter((id) => !done.has(id)));
    const next = rest[Math.min(Math.max(index, 0), rest.length - 1)];
    this.#focusNext = next ? next.id : 'list';
    const what =
      done.size === 1 && who ? `Comment by ${isolate(who.authorName || 'Anonymous')}` : `${done.size} comments`;
    this.message = `${what} ${ACTIONS[action].done}.`;
    if (action === 'trash' && done.size > 0) this.#offerUndo([...done]);
    void this.api.counts().then((c) => {
      if (c.ok && c.body) this.counts = c.body;
    });
  }

  #offerUndo(ids: string[]): void {
    if (this.undo) clearTimeout(this.undo.timer);
    this.undo = { ids, timer: setTimeout(() => (this.undo = null), UNDO_MS) };
  }

  async #undo(): Promise<void> {
    if (!this.undo) return;
    const { ids, timer } = this.undo;
    clearTimeout(timer);
    this.undo = null;
    const r = await this.api.bulk(ids, 'restore');
    if (!this.#check(r.status)) return;
    await this.load();
    this.#focusNext = ids.find((id) => this.comments.some((c) => c.id === id)) ?? 'list';
    this.requestUpdate();
    this.message = `${ids.length === 1 ? 'Comment' : `${ids.length} comments`} restored.`;
  }

  async #saveEdit(c: AdminComment, form: HTMLFormElement): Promise<void> {
    const text = (form.elements.namedItem('content') as HTMLTextAreaElement).value;
    const r = await this.api.edit(c.id, text);
    if (!this.#check(r.status) || !r.body) return;
    this.comments = this.comments.map((x) => (x.id === c.id ? { ...x, ...r.body!.comment } : x));
    this.editing = null;
    this.#focusNext = c.id;
    this.message = 'Comment edited; the original is kept.';
  }

  async #sendReply(c: AdminComment, form: HTMLFormElement): Promise<void> {
    const text = (form.elements.namedItem('content') as HTMLTextAreaElement).value;
    const r = await this.api.reply(c.id, text);
    if (!this.#check(r.status)) return;
    this.replying = null;
    this.message = `Reply published as the site owner, under ${isolate(c.authorName || 'Anonymous')}.`;
    if (c.status !== 'approved') {
      // Replying approved it: it leaves this queue.
      this.comments = this.comments.filter((x) => x.id !== c.id);
      this.#focusNext = this.comments[0]?.id ?? 'list';
    } else this.#focusNext = c.id;
    void this.api.counts().then((x) => {
      if (x.ok && x.body) this.counts = x.body;
    });
  }

  /** A delete for good asks once; focus goes to its "Keep" (the safe answer). */
  #confirm(id: string): void {
    this.confirming = id;
    this.#focusNext = `#keep-${id}`;
  }

  async #openSettings(): Promise<void> {
    const r = await this.api.settings();
    if (!this.#check(r.status) || !r.body) return;
    this.settings = r.body;
    this.data = false;
    this.notify = false;
    this.#focusNext = 'list';
  }

  #openData(): void {
    this.settings = null;
    this.notify = false;
    this.data = true;
    this.#focusNext = 'data';
  }

  #openNotify(): void {
    this.settings = null;
    this.data = false;
    this.notify = true;
    this.#focusNext = 'notify';
  }

  async #saveSettings(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    const blocks = structuredClone(this.settings!.blocks);
    for (const [key, kind] of BLOCK_FIELDS) blocks[key][kind] = lines(value(`${key}-${kind}`));
    const r = await this.api.saveSettings({
      moderation: value('moderation') as SiteSettings['moderation'],
      maxLinks: Number(value('maxLinks')),
      editWindow: Number(value('editWindow')) * 60,
      closeAfterDays: Number(value('closeAfterDays')),
      closedThreads: lines(value('closedThreads')),
      trashDays: Number(value('trashDays')),
      ownerName: value('ownerName').trim(),
      blocks,
    });
    if (r.status === 422) {
      this.message = 'Not saved: check the values (numbers, addresses or ranges).';
      return;
    }
    if (!this.#check(r.status) || !r.body) return;
    this.settings = r.body;
    this.message = 'Settings saved. They apply to the next comment.';
  }

  /** Says `message` in the live region, again when it is the one already there (cleared first). */
  async #announce(message: string): Promise<void> {
    if (this.message === message) {
      this.message = '';
      await this.updateComplete;
    }
    this.message = message;
  }

  #toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  override render() {
    return html`<main>
      <header>
        <h1>Comments</h1>
        ${this.signedIn ? html`<button type="button" @click=${this.#signOut}>Sign out</button>` : nothing}
      </header>
      <p role="status" aria-live="polite">${this.loading ? 'Loading…' : this.message}</p>
      ${this.signedIn ? this.#renderDesk() : this.#renderSignIn()}
    </main>`;
  }

  #renderSignIn() {
    return html`<form class="signin" @submit=${this.#signIn}>
      <label for="secret">Password or admin token</label>
      <input id="secret" name="secret" type="password" autocomplete="current-password" required />
      <button class="primary" type="submit">Sign in</button>
    </form>`;
  }

  #renderDesk() {
    const counts = this.counts;
    return html`
      <nav aria-label="Queues">
        ${TABS.map(
          (t) =>
            html`<button
              type="button"
              aria-pressed=${String(!this.settings && !this.data && !this.notify && this.status === t.status)}
              @click=${() => this.#show(t.status)}
            >
              ${t.label}${counts ? html` <span class="count">(${counts[t.status]})</span>` : nothing}
            </button>`,
        )}
        <button type="button" aria-pressed=${String(this.settings !== null)} @click=${this.#openSettings}>
          Settings
        </button>
        <button type="button" aria-pressed=${String(this.notify)} @click=${this.#openNotify}>Notifications</button>
        <button type="button" aria-pressed=${String(this.data)} @click=${this.#openData}>Import and export</button>
      </nav>
      ${
        this.data
          ? html`<comment-admin-data .api=${this.api}></comment-admin-data>`
          : this.notify
            ? html`<comment-admin-notify
                .api=${this.api}
                .announce=${(message: string) => this.#announce(message)}
                .check=${(status: number) => this.#check(status)}
              ></comment-admin-notify>`
            : this.settings
              ? this.#renderSettings(this.settings)
              : this.#renderQueue()
      }`;
  }

  #renderSettings(s: SiteSettings) {
    const number = (name: string, label: string, value: number, min: number) =>
      html`<p>
        <label for=${name}>${label}</label><br />
        <input id=${name} name=${name} type="number" min=${min} required .value=${String(value)} />
      </p>`;
    return html`<h2 id="queue-heading" tabindex="-1">Settings</h2>
      <form class="settings" @submit=${this.#saveSettings}>
        <p>
          <label for="moderation">Hold for moderation</label><br />
          <select id="moderation" name="moderation" .value=${s.moderation}>
            <option value="first-time" ?selected=${s.moderation === 'first-time'}>
              A first comment (same name and email not approved before)
            </option>
            <option value="all" ?selected=${s.moderation === 'all'}>Every comment</option>
            <option value="none" ?selected=${s.moderation === 'none'}>None (the rules below still apply)</option>
          </select>
        </p>
        ${number('maxLinks', 'Hold a comment with this many links or more', s.maxLinks, 1)}
        ${number('editWindow', 'Minutes a reader may edit or delete their comment (0: never)', Math.round(s.editWindow / 60), 0)}
        ${number('closeAfterDays', 'Close threads whose first comment is older than this many days (0: never)', s.closeAfterDays, 0)}
        ${number('trashDays', 'Days in the trash before deletion', s.trashDays, 1)}
        <p>
          <label for="ownerName">Your name on replies (with the "Author" badge)</label><br />
          <input id="ownerName" name="ownerName" required .value=${s.ownerName} />
        </p>
        <p>
          <label for="closedThreads">Closed threads (one a line)</label><br />
          <textarea id="closedThreads" name="closedThreads" .value=${s.closedThreads.join('\n')}></textarea>
        </p>
        <fieldset>
          <legend>Block lists (one entry a line; matched literally, in any case)</legend>
          ${BLOCK_FIELDS.map(
            ([key, kind, label]) =>
              html`<p>
                <label for="${key}-${kind}">${label}</label><br />
                <textarea id="${key}-${kind}" name="${key}-${kind}" .value=${s.blocks[key][kind].join('\n')}></textarea>
              </p>`,
          )}
        </fieldset>
        <button class="primary" type="submit">Save settings</button>
      </form>`;
  }

  #renderQueue() {
    const bulk = BULK_OF[this.status];
    const selected = [...this.selected];
    const all = this.comments.length > 0 && this.comments.every((c) => this.selected.has(c.id));
    return html`
      <form class="search" role="search" @submit=${this.#search}>
        <label for="search">Search text, author, email or thread</label>
        <input id="search" name="q" type="search" .value=${this.query} />
        <label for="thread-filter">Only the thread (its id, such as /2019/sourdough/)</label>
        <input id="thread-filter" name="thread" .value=${this.thread} />
        <button type="submit">Search</button>
      </form>
      ${
        this.undo
          ? html`<div class="toast">
            <span>${this.undo.ids.length === 1 ? 'Comment' : `${this.undo.ids.length} comments`} moved to the trash.</span>
            <button type="button" class="primary" @click=${this.#undo}>Undo</button>
          </div>`
          : nothing
      }
      <h2 id="queue-heading" tabindex="-1">${TABS.find((t) => t.status === this.status)!.label}</h2>
      ${
        this.comments.length > 0
          ? html`<div class="toolbar" role="group" aria-label="Selected comments">
            <label class="check"
              ><input
                type="checkbox"
                .checked=${all}
                @change=${(e: Event) =>
                  (this.selected = (e.target as HTMLInputElement).checked
                    ? new Set(this.comments.map((c) => c.id))
                    : new Set())}
              />Select all</label
            >
            ${bulk.map(
              (a) =>
                html`<button type="button" ?disabled=${selected.length === 0} @click=${() => this.act(selected, a)}>
                  ${ACTIONS[a].label} selected${selected.length > 0 ? ` (${selected.length})` : ''}
                </button>`,
            )}
          </div>`
          : html`<p>${this.loading ? '' : 'Nothing here.'}</p>`
      }
      <ol>
        ${repeat(
          this.comments,
          (c) => c.id,
          (c) => html`<li>${this.#renderCard(c)}</li>`,
        )}
      </ol>
      ${this.nextCursor ? html`<button type="button" @click=${this.#more}>Load more</button>` : nothing}
    `;
  }

  #renderCard(c: AdminComment) {
    const name = c.authorName || 'Anonymous';
    const busy = this.busy.has(c.id);
    const page = threadHref(c, false);
    const anchor = threadHref(c, true);
    const reason = c.reason
      ? `${REASONS[c.reason.code] ?? c.reason.code}${c.reason.detail ? ` “${c.reason.detail}”` : ''}`
      : '';
    return html`<article tabindex="-1" data-id=${c.id} aria-labelledby="author-${c.id}">
      <label class="check"
        ><input
          type="checkbox"
          .checked=${this.selected.has(c.id)}
          @change=${(e: Event) => this.#toggle(c.id, (e.target as HTMLInputElement).checked)}
        /><span>Select</span></label
      >
      <div class="meta">
        <strong id="author-${c.id}"><bdi>${name}</bdi></strong>
        ${c.byOwner ? html`<span class="owner">Author</span>` : nothing}
        ${c.authorEmail ? html` &lt;<bdi>${c.authorEmail}</bdi>&gt;` : nothing}
        ${c.authorUrl ? html` · <bdi>${c.authorUrl}</bdi>` : nothing} · <bdi>${c.ip}</bdi> ·
        <time datetime=${c.createdAt}>${new Date(c.createdAt).toLocaleString()}</time> · thread
        ${page ? html`<a href=${page}><bdi>${c.threadId}</bdi></a>` : html`<bdi>${c.threadId}</bdi>`}
        ${anchor ? html` · <a href=${anchor}>comment</a>` : nothing}
      </div>
      ${
        c.parent
          ? html`<p class="parent">In reply to <bdi>${c.parent.authorName || 'Anonymous'}</bdi>: <span dir="auto">${c.parent.excerpt}</span></p>`
          : nothing
      }
      ${
        this.editing === c.id
          ? html`<form @submit=${(e: SubmitEvent) => (e.preventDefault(), this.#saveEdit(c, e.target as HTMLFormElement))}>
            <label for="edit-${c.id}">Text</label>
            <textarea id="edit-${c.id}" name="content" required .value=${c.content}></textarea>
            <div class="actions">
              <button class="primary" type="submit">Save</button>
              <button type="button" @click=${() => ((this.editing = null), (this.#focusNext = c.id))}>Cancel</button>
            </div>
          </form>`
          : html`<div class="content" dir="auto">${c.content}</div>`
      }
      ${reason ? html`<p class="reason">Why: ${reason}</p>` : nothing}
      <div class="actions">
        ${ACTIONS_OF[c.status].map((a) =>
          a === 'delete' && this.confirming === c.id
            ? html`<span>Delete for good?</span>
                <button type="button" class="primary" ?disabled=${busy} @click=${() => this.act([c.id], 'delete')}>
                  Yes, delete
                </button>
                <button type="button" id="keep-${c.id}" @click=${() => ((this.confirming = null), (this.#focusNext = c.id))}>
                  Keep
                </button>`
            : html`<button
                type="button"
                class=${a === 'approve' ? 'primary' : ''}
                ?disabled=${busy}
                aria-label="${ACTIONS[a].label}: ${name}"
                @click=${() => (a === 'delete' ? this.#confirm(c.id) : this.act([c.id], a))}
              >
                ${ACTIONS[a].label}
              </button>`,
        )}
        ${
          c.status === 'pending' || c.status === 'approved'
            ? html`<button
                  type="button"
                  aria-label="Edit: ${name}"
                  @click=${() => ((this.editing = c.id), (this.#focusNext = `#edit-${c.id}`))}
                >
                  Edit
                </button>
                <button
                  type="button"
                  aria-label="Reply: ${name}"
                  @click=${() => ((this.replying = c.id), (this.#focusNext = `#reply-${c.id}`))}
                >
                  Reply
                </button>`
            : nothing
        }
      </div>
      ${
        this.replying === c.id
          ? html`<form @submit=${(e: SubmitEvent) => (e.preventDefault(), this.#sendReply(c, e.target as HTMLFormElement))}>
            <label for="reply-${c.id}">Your reply, as the site owner</label>
            <textarea id="reply-${c.id}" name="content" required></textarea>
            <div class="actions">
              <button class="primary" type="submit">Publish reply</button>
              <button type="button" @click=${() => ((this.replying = null), (this.#focusNext = c.id))}>Cancel</button>
            </div>
          </form>`
          : nothing
      }
    </article>`;
  }
}

if (!customElements.get('comment-admin')) customElements.define('comment-admin', CommentAdminElement);
