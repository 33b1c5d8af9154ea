import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { getAdapterFactory } from '../adapters/registry.js';
import type { CommentAdapter, CommentOrder } from '../adapters/types.js';
import type { DraftField } from '../schema.js';
import { renderList, type ListView } from './templates/list.js';
import { renderForm } from './templates/form.js';
import { styles } from './comment-box.styles.js';
import { ThreadController } from './controllers/thread-controller.js';
import { DraftController } from './controllers/draft-controller.js';
import { PostingController } from './controllers/posting-controller.js';
import { EditingController } from './controllers/editing-controller.js';
import { loadedRenderers, loadRenderers } from './body/renderers.js';
import {
  LocaleController,
  resolveLang,
  translationFor,
  withOverrides,
  type Translation,
  type TranslationOverrides,
} from '../i18n/localize.js';
import { clockTicks, RelativeTimeController } from '../relative-time.js';
import { nextTask } from '../next-task.js';

const booleanDefaultTrue = {
  fromAttribute: (value: string | null) => value !== 'false',
  toAttribute: (value: boolean) => (value ? '' : 'false'),
};

/**
 * `<comment-box>`: a WordPress-grade comment section, with a threaded list and a "Leave a Reply"
 * form, on a pluggable backend.
 *
 * @fires comment-box-submit - Before a comment is sent; cancelable. `event.draft` is the validated draft.
 * @fires comment-box-submitted - After the backend stored a comment. `event.comment` is the stored comment.
 * @fires comment-box-error - A load or a post failed. `event.error` (a `CommentAdapterError`) and `event.phase`;
 *   also after a page loaded without `event.dropped` comments that did not fit the schema.
 * @fires comment-box-load - A page of comments arrived. `event.page`.
 *
 * @csspart base - The outer wrapper.
 * @csspart count-heading - The heading with the number of comments.
 * @csspart storage-note - The note that comments are kept in this browser only.
 * @csspart status - Loading, empty and error messages of the list.
 * @csspart comment-list - The top-level list of comments.
 * @csspart replies - A nested list of replies.
 * @csspart comment - One comment (an `li`), with its replies.
 * @csspart article - One comment without its replies: avatar, name, date, text, buttons (style it for cards).
 * @csspart avatar - A comment's avatar.
 * @csspart author - A comment's author name.
 * @csspart owner-badge - "Author" beside the name of a comment the site owner wrote (set by the backend).
 * @csspart date - A comment's `<time>`.
 * @csspart in-reply-to - "in reply to Marta", a link to the parent, where the indent no longer shows it.
 * @csspart comment-body - A comment's text.
 * @csspart moderation-note - "Your comment is awaiting moderation."
 * @csspart reply-button - A comment's Reply button.
 * @csspart edited - "edited" beside the date of an edited comment (its time in a tooltip).
 * @csspart edit-button - The Edit button of the reader's own comment, while they may still change it.
 * @csspart delete-button - The Delete button of the reader's own comment.
 * @csspart edit-form - The form that edits a comment's text in place.
 * @csspart edit-field - The field of that form.
 * @csspart save-button - "Save" of that form.
 * @csspart cancel-edit-button - "Cancel" of that form.
 * @csspart delete-confirm - "Delete this comment?" with its buttons.
 * @csspart confirm-delete-button - The "Delete" that confirms it.
 * @csspart cancel-delete-button - The "Cancel" that keeps the comment.
 * @csspart edit-error - Why an edit or a delete failed.
 * @csspart deleted-note - "This comment was deleted." (a deleted comment with replies).
 * @csspart load-more - The "Load more comments" button.
 * @csspart new-comments - The "N new comments" button.
 * @csspart respond - The reply section (heading and form).
 * @csspart form-heading - "Leave a Reply".
 * @csspart cancel-reply - The "Cancel reply" button.
 * @csspart form - The `<form>`.
 * @csspart textarea - The comment field.
 * @csspart preview-button - The "Preview" button beside the comment field ("Write" while the preview shows).
 * @csspart preview - The comment's preview, shown in place of the comment field.
 * @csspart input - The name, email and website fields.
 * @csspart field-error - A field's error message.
 * @csspart form-error - The error shown when a post failed.
 * @csspart offline-note - "Saved; your comment will be sent when you are back online."
 * @csspart draft-note - "Your draft can’t be saved in this browser." (storage refused it).
 * @csspart notify - The "Notify me of follow-up comments by email." checkbox (only when the backend can email replies).
 * @csspart notify-label - Its label, the whole row (the checkbox and its text).
 * @csspart notify-note - "A new address gets one email to confirm it first.", under the checked box.
 * @csspart submit-button - "Post Comment".
 * @csspart closed - "Comments are closed."
 *
 * @cssproperty --comment-box-accent - Links, buttons and focus (default: a WordPress block theme's contrast color, else the system link color).
 * @cssproperty --comment-box-text - Text color (default: the page's).
 * @cssproperty --comment-box-muted - Secondary text (dates, notes).
 * @cssproperty --comment-box-background - The section's background (default: transparent in light mode).
 * @cssproperty --comment-box-surface - Background of code in comments.
 * @cssproperty --comment-box-border - Thread rails, separators and other lines.
 * @cssproperty --comment-box-danger - Errors.
 * @cssproperty --comment-box-radius - Corner radius.
 * @cssproperty --comment-box-spacing - Base spacing unit.
 * @cssproperty --comment-box-font - Font family (inherits the page's by default).
 * @cssproperty --comment-box-focus-ring - Focus outline color.
 * @cssproperty --comment-box-indent - Indent of each reply level.
 * @cssproperty --comment-box-on-accent - Text on accent-colored buttons.
 * @cssproperty --comment-box-field - Background of the form fields.
 * @cssproperty --comment-box-avatar-size - Width and height of the avatars (default 2.25rem).
 */
export class CommentBoxElement extends LitElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    threadId: { attribute: 'thread-id' },
    backend: {},
    endpoint: {},
    requireNameEmail: { attribute: 'require-name-email', converter: booleanDefaultTrue, reflect: true },
    maxDepth: { attribute: 'max-depth', type: Number },
    order: {},
    pageSize: { attribute: 'page-size', type: Number },
    closed: { type: Boolean, reflect: true },
    timeout: { type: Number },
    strings: { attribute: false },
    theme: { reflect: true },
    // Internal reactive state (the private fields below); the controllers' state renders through
    // their own requestUpdate.
    announcement: { state: true },
    lang_: { state: true },
    previewing: { state: true },
  };

  /** Registers `<comment-box>` (or another tag). Safe to call more than once. */
  static define(tag = 'comment-box', registry: CustomElementRegistry = customElements): void {
    if (!registry.get(tag)) registry.define(tag, this);
  }

  // ---- public API ---------------------------------------------------------------------------

  /** The discussion's id. Defaults to the page's path. */
  threadId = '';

  /** A registered backend name: `local` (default, this browser only), `memory`, `rest`, `wordpress`… */
  backend = 'local';

  /** The backend's address, for backends that need one (`rest`, `wordpress`). */
  endpoint = '';

  /** Name and email required (WordPress's default). `require-name-email="false"` makes them optional. */
  requireNameEmail = true;

  /** Replies nest up to this depth; deeper replies attach at the deepest level. */
  maxDepth = 5;

  /** Top-level comments oldest first (`asc`, default) or newest first (`desc`). */
  order: CommentOrder = 'asc';

  /** Top-level threads per page. */
  pageSize = 50;

  /** Comments are closed: no form and no Reply buttons. */
  closed = false;

  /** Milliseconds before a backend call is given up with an error. */
  timeout = 15000;

  /** Replaces any text of the current language, per instance (for example `leaveReply`). */
  strings: TranslationOverrides = {};

  /** `auto` (default) follows the system's light or dark mode; `light` or `dark` forces one. */
  theme: 'auto' | 'light' | 'dark' = 'auto';

  /** The adapter in use. Assign one to override `backend`. */
  get adapter(): CommentAdapter | undefined {
    return this.#assignedAdapter ?? this.#backendAdapter;
  }
  set adapter(value: CommentAdapter | undefined) {
    const old = this.adapter;
    this.#assignedAdapter = value;
    this.requestUpdate('adapter', old);
  }

  // ---- state --------------------------------------------------------------------------------

  private announcement = '';
  private lang_ = 'en';
  /** The form shows the comment's preview in place of its field. */
  private previewing = false;

  #assignedAdapter: CommentAdapter | undefined;
  #backendAdapter: CommentAdapter | undefined;
  #backendKey = '';
  #langObserver: MutationObserver | undefined;
  /** A selector of what to focus after the next render: the form, a Reply button, a new comment. */
  #focusAfterRender: string | null = null;
  /** The first load started (once, even when the first render fails: see update). */
  #loadStarted = false;
  /** What broke rendering, if anything: the element then shows only an error (see update). */
  #renderFailure: unknown;

  /** What the controllers read of the element and may tell it. */
  #source = ((el: CommentBoxElement) => ({
    get thread() {
      return el.#threadId;
    },
    get adapter() {
      return el.adapter;
    },
    get backend() {
      return el.backend;
    },
    get timeout() {
      return el.timeout;
    },
    get pageSize() {
      return el.pageSize;
    },
    get order() {
      return el.order;
    },
    get closed() {
      return el.closed;
    },
    get requireNameEmail() {
      return el.requireNameEmail;
    },
    get notifications() {
      return el.thread.notifications;
    },
    get translation() {
      return el.#t;
    },
    get lang() {
      return el.lang_;
    },
    get focusAfterRender() {
      return el.#focusAfterRender;
    },
    set focusAfterRender(selector: string | null) {
      el.#focusAfterRender = selector;
    },
    announce: (text: string) => (el.announcement = text),
    onEdit: () => el.posting.newSubmission(),
    onReset: () => el.posting.reset(),
  }))(this);

  // The element composes one controller per concern (TypeScript-private rather than #private, so
  // that tests may look at their state).
  private readonly thread = new ThreadController(this, this.#source);
  private readonly draft = new DraftController(this, this.#source);
  private readonly posting = new PostingController(this, this.#source, this.draft, this.thread);
  private readonly editing = new EditingController(this, this.#source, this.thread);

  constructor() {
    super();
    // Controllers that only react to the element's lifecycle (re-render when a locale registers, and
    // as relative times such as "5 minutes ago" go stale): the element keeps them (addController).
    new LocaleController(this);
    new RelativeTimeController(this);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.lang_ = resolveLang(this);
    this.#langObserver = new MutationObserver(() => (this.lang_ = resolveLang(this)));
    // An `attributeFilter` implies `attributes: true`.
    this.#langObserver.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
    this.#langObserver.observe(this, { attributeFilter: ['lang'] });
    if (this.#loadStarted) void this.thread.reload();
    this.posting.sendWhenOnline();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#langObserver?.disconnect();
  }

  /**
   * The first render waits for a task of its own: connecting the element (inside a page's script, or
   * a frame's callback) stays short, and the form renders in a task that does nothing else.
   */
  protected override async scheduleUpdate(): Promise<unknown> {
    if (!this.hasUpdated) await nextTask();
    return super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const sourceChanged = (['threadId', 'backend', 'endpoint', 'adapter', 'order', 'pageSize'] as const).some((key) =>
      changed.has(key),
    );
    if (changed.has('backend') || changed.has('endpoint')) this.#resolveBackend();
    if (changed.has('threadId') && this.hasUpdated) this.draft.restoreDraft();
    if (sourceChanged || !this.#loadStarted) {
      this.#loadStarted = true;
      void this.thread.reload();
    }
  }

  /**
   * Renders, and when rendering throws (a broken translation or `strings` entry, a bug) renders
   * an error instead, once: the failure is not left to repeat with every update that follows.
   */
  protected override update(changed: PropertyValues<this>): void {
    try {
      super.update(changed);
    } catch (error) {
      if (this.#renderFailure !== undefined) throw error;
      console.error('comment-box: rendering failed', error);
      this.#renderFailure = error;
      super.update(changed);
    }
  }

  protected override updated(): void {
    const selector = this.#focusAfterRender;
    this.#focusAfterRender = null;
    if (selector) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Validates and posts the form, as the Post Comment button does. Resolves when done. */
  submit(): Promise<void> {
    this.previewing = false;
    return this.posting.submit();
  }

  // ---- derived ------------------------------------------------------------------------------

  /** The effective thread id. */
  get #threadId(): string {
    return this.threadId || globalThis.location?.pathname || '/';
  }

  get #t(): Translation {
    return withOverrides(translationFor(this.lang_), this.strings);
  }

  #resolveBackend(): void {
    const key = `${this.backend}\u0000${this.endpoint}`;
    if (key === this.#backendKey && this.#backendAdapter) return;
    this.#backendKey = key;
    const factory = getAdapterFactory(this.backend || 'local');
    this.#backendAdapter = undefined;
    if (!factory) return;
    try {
      this.#backendAdapter = factory({ endpoint: this.endpoint || undefined, element: this });
    } catch (error) {
      console.error(`comment-box: backend "${this.backend}" could not be created`, error);
    }
  }

  // ---- handlers -----------------------------------------------------------------------------

  /**
   * One listener on the list for every Reply, Edit and Delete button and "in reply to" link (none on
   * each comment): each names its comment in `data-reply`, `data-edit`, `data-delete` or `data-parent`.
   */
  #onListClick = (event: Event) => {
    const { reply, edit, delete: remove, parent } = (event.target as HTMLElement).dataset;
    // The link's fragment does not reach into the shadow root: focus moves to the parent comment.
    if (parent) {
      event.preventDefault();
      this.#focusFirst({ id: parent });
    } else if (reply) {
      this.draft.setReplyTo(reply);
      this.previewing = false;
      this.#focusAfterRender = '#comment';
    } else if (edit) void this.editing.startEdit(edit);
    else if (remove) void this.editing.askDelete(remove);
  };

  #cancelReply = () => {
    const from = this.draft.replyTo;
    this.draft.setReplyTo(null);
    this.previewing = false;
    // Back to the Reply button the form was opened from.
    this.#focusAfterRender = from && `[data-reply="${CSS.escape(from)}"]`;
  };

  #onFormKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.draft.replyTo !== null) {
      event.preventDefault();
      this.#cancelReply();
    }
  };

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.submit();
  };

  #onInput = (field: DraftField, event: Event) =>
    this.draft.input(field, (event.target as HTMLInputElement | HTMLTextAreaElement).value);
  #onBlur = (field: DraftField) => this.draft.blur(field);
  #onSaveDetailsChange = (event: Event) => this.draft.setSaveDetails((event.target as HTMLInputElement).checked);
  #onNotifyChange = (event: Event) => this.draft.setNotify((event.target as HTMLInputElement).checked);
  /** The "N new comments" button goes: focus moves to the first comment it showed. */
  #showIncoming = () => {
    this.#focusFirst(this.thread.incoming[0]);
    this.thread.showIncoming();
  };
  #reload = () => void this.thread.reload();
  /**
   * Focus stays on Load more while it loads (aria-disabled), and while it remains; when the last
   * page made it go, focus on it (or lost with it: the page may have rendered already) goes to the
   * first comment it showed.
   */
  #loadMore = async () => {
    const thread = this.thread;
    if (thread.loadingMore) return;
    const shown = thread.comments.length;
    const hadFocus = this.renderRoot.querySelector('[part="load-more"]:focus');
    await thread.loadPage(thread.nextCursor);
    // Nothing else in the element took focus meanwhile.
    if (hadFocus && thread.nextCursor === null && !this.renderRoot.querySelector(':focus:not([part="load-more"])'))
      this.#focusFirst(thread.comments[shown]);
  };
  #onEditInput = (event: Event) => this.editing.input((event.target as HTMLTextAreaElement).value);
  #onEditSubmit = (event: Event) => {
    event.preventDefault();
    void this.editing.save();
  };
  #onConfirmDelete = () => void this.editing.confirmDelete();
  #onCancelChange = () => this.editing.cancel();
  #onChangeKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.editing.cancel();
  };

  /** Focuses `comment` after the next render. */
  #focusFirst(comment: { id: string } | undefined): void {
    this.#focusAfterRender = comment ? `#comment-${CSS.escape(comment.id)} > article` : null;
    this.requestUpdate();
  }

  /**
   * Shows the preview once the renderer it needs has loaded (so it shows formatted from its first
   * frame) and focuses it, so that it is read out; or goes back to the comment field and focuses it.
   */
  #togglePreview = async () => {
    const show = !this.previewing;
    if (show) await loadRenderers([{ id: '', content: this.draft.values.content }]);
    this.previewing = show;
    this.#focusAfterRender = show ? '#comment-preview' : '#comment';
  };

  // ---- render -------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    if (this.#renderFailure !== undefined) return this.#renderFailed();
    const t = this.#t;
    const replyTo = this.draft.replyTo;
    const view: ListView = {
      t,
      lang: this.lang_,
      closed: this.closed,
      maxDepth: this.maxDepth,
      replyTo,
      host: this,
      thread: this.thread,
      browserOnly: this.adapter?.scope === 'browser',
      commentInputs: this.#commentInputs(),
      onListClick: this.#onListClick,
      onShowIncoming: this.#showIncoming,
      onRetry: this.#reload,
      onLoadMore: this.#loadMore,
      renderForm: () => this.#renderForm(t),
      editing: this.editing,
      onEditInput: this.#onEditInput,
      onEditSubmit: this.#onEditSubmit,
      onConfirmDelete: this.#onConfirmDelete,
      onCancelChange: this.#onCancelChange,
      onChangeKeydown: this.#onChangeKeydown,
    };
    return html`
      <section part="base" class="base" lang=${t.$code} dir=${t.$dir} aria-labelledby="comments-title">
        <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
        ${renderList(view)}
        ${
          this.closed
            ? html`<p part="closed" class="closed">${t.commentsClosed}</p>`
            : replyTo === null
              ? this.#renderForm(t)
              : nothing
        }
      </section>
    `;
  }

  /** What shows after rendering failed: an error, and Retry (which renders everything again). */
  #renderFailed(): TemplateResult {
    const t = translationFor(this.lang_);
    return html`<div part="status" class="status error" role="alert">
      <span>${t.loadError}</span>
      <button class="button secondary" @click=${this.#retryRender}>${t.retry}</button>
    </div>`;
  }

  #retryRender = () => {
    this.#renderFailure = undefined;
    this.requestUpdate();
  };

  /**
   * Everything a rendered comment depends on: a chunk of comments renders again only when one
   * changes (and the chunk holding the reply form, on every render: see templates/list.ts).
   */
  #commentInputs(): unknown[] {
    return [
      this.thread.comments,
      this.draft.replyTo,
      this.closed,
      this.maxDepth,
      this.strings,
      this.lang_,
      translationFor(this.lang_),
      clockTicks(),
      this.editing.editing,
      this.editing.deleting,
      this.editing.busy,
      this.editing.error,
      this.adapter,
      ...loadedRenderers(),
    ];
  }

  #renderForm(t: Translation): TemplateResult {
    const draft = this.draft;
    return renderForm({
      t,
      draft,
      posting: this.posting,
      errors: draft.visibleErrors(),
      target: this.thread.comments.find((c) => c.id === draft.replyTo),
      requireNameEmail: this.requireNameEmail,
      notifications: this.thread.notifications,
      onSubmit: this.#onSubmit,
      onKeydown: this.#onFormKeydown,
      onCancelReply: this.#cancelReply,
      onInput: this.#onInput,
      onBlur: this.#onBlur,
      onSaveDetailsChange: this.#onSaveDetailsChange,
      onNotifyChange: this.#onNotifyChange,
      preview: {
        t,
        host: this,
        previewing: this.previewing,
        text: draft.values.content,
        onToggle: this.#togglePreview,
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comment-box': CommentBoxElement;
  }
}
