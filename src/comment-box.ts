import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { getAdapterFactory } from './adapters/registry.js';
import { CommentAdapterError, type CommentAdapter, type CommentOrder } from './adapters/types.js';
import { styles } from './comment-box.styles.js';
import { CommentBoxErrorEvent, CommentBoxLoadEvent, CommentBoxSubmitEvent, CommentBoxSubmittedEvent } from './events.js';
import { renderAvatar } from './avatar.js';
import { needsMarkdown, renderPlain, UGC_REL } from './format.js';
import { isolate, LocaleController, resolveLang, translationFor, withOverrides, type Translation, type TranslationOverrides } from './localize.js';
import { clockTicks, RelativeTimeController, renderTime } from './relative-time.js';
import { guard } from 'lit/directives/guard.js';
import {
  commentPageReader,
  commentSchema,
  DRAFT_FIELDS,
  isHttpUrl,
  LIMITS,
  validateDraft,
  type Comment,
  type CommentDraft,
  type DraftField,
  type FieldErrors,
} from './schema.js';
import { safeStorage, type SafeStorage } from './storage.js';
import type { ZodMiniType } from 'zod/mini';
import { childrenByParent } from './threads.js';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** A validated post and its idempotency key, waiting for the browser to be back online. */
interface QueuedPost {
  draft: CommentDraft;
  key: string;
  target: string | null;
}

interface AuthorDetails {
  name: string;
  email: string;
  url: string;
}

/** Comments rendered per frame, so a long page never blocks the main thread for long. */
const RENDER_CHUNK = 50;
const STORAGE_PREFIX = 'comment-box:v1:';
/** The details "Save my name, email, and website" keeps. */
const AUTHOR_FIELDS = ['name', 'email', 'url'] as const;

/**
 * A module loaded on first need, shared by every element on the page: `module` is undefined until
 * it has loaded. `load()` starts loading once (again after a failure) and never rejects.
 */
function lazyModule<T>(importer: () => Promise<T>, what: string) {
  let loading: Promise<T | undefined> | undefined;
  const lazy = {
    module: undefined as T | undefined,
    load: (): Promise<T | undefined> =>
      (loading ??= importer().then(
        (m) => (lazy.module = m),
        (error: unknown) => {
          loading = undefined;
          console.error(`comment-box: ${what} did not load`, error);
          return undefined;
        },
      )),
  };
  return lazy;
}

/** The sanitizer of `format: 'html'` bodies (DOMPurify). */
const htmlBodies = lazyModule(() => import('./html-body.js'), 'the HTML sanitizer');
/** The Markdown renderer, for bodies with Markdown syntax; plain bodies never load it. */
const markdown = lazyModule(() => import('./markdown.js'), 'the Markdown renderer');

/**
 * Loads what rendering `comments` needs, so they show formatted from their first frame. Waits at
 * most 2 s: a renderer that is slower still shows its comments when it arrives.
 */
function loadRenderers(comments: readonly Comment[]): Promise<unknown> {
  return Promise.race([
    Promise.all([
      comments.some((c) => c.format === 'html') && htmlBodies.load(),
      comments.some((c) => c.format !== 'html' && needsMarkdown(c.content)) && markdown.load(),
    ]),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ]);
}

/**
 * A comment's body. Comments are shown once their renderer has loaded (see loadRenderers), except
 * when it took over 2 s or failed, or when a live comment is shown before it arrived: then an HTML
 * body renders empty and a Markdown body as plain text, and the element renders again once it has.
 */
function renderBody(el: LitElement, comment: Comment) {
  const text = comment.content;
  const renderer = comment.format === 'html' ? htmlBodies : needsMarkdown(text) ? markdown : null;
  if (htmlBodies.module && renderer === htmlBodies) return htmlBodies.module.commentBodyNodes(el, comment.id, text);
  if (markdown.module && renderer === markdown) return markdown.module.renderMarkdown(text);
  if (renderer) void renderer.load().then((loaded) => loaded && el.requestUpdate());
  return renderer === htmlBodies ? nothing : renderPlain(text);
}

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
 * @csspart comment - One comment (an `li`).
 * @csspart avatar - A comment's avatar.
 * @csspart author - A comment's author name.
 * @csspart date - A comment's `<time>`.
 * @csspart comment-body - A comment's text.
 * @csspart moderation-note - "Your comment is awaiting moderation."
 * @csspart reply-button - A comment's Reply button.
 * @csspart load-more - The "Load more comments" button.
 * @csspart new-comments - The "N new comments" button.
 * @csspart respond - The reply section (heading and form).
 * @csspart form-heading - "Leave a Reply".
 * @csspart cancel-reply - The "Cancel reply" button.
 * @csspart form - The `<form>`.
 * @csspart textarea - The comment field.
 * @csspart input - The name, email and website fields.
 * @csspart field-error - A field's error message.
 * @csspart form-error - The error shown when a post failed.
 * @csspart offline-note - "Saved; your comment will be sent when you are back online."
 * @csspart draft-note - "Your draft can’t be saved in this browser." (storage refused it).
 * @csspart submit-button - "Post Comment".
 * @csspart closed - "Comments are closed."
 *
 * @cssproperty --comment-box-accent - Links, buttons and focus (default #0a58ca).
 * @cssproperty --comment-box-text - Text color.
 * @cssproperty --comment-box-muted - Secondary text (dates, notes).
 * @cssproperty --comment-box-background - The section's background (default: transparent in light mode).
 * @cssproperty --comment-box-surface - Comment background.
 * @cssproperty --comment-box-border - Borders.
 * @cssproperty --comment-box-danger - Errors.
 * @cssproperty --comment-box-radius - Corner radius.
 * @cssproperty --comment-box-spacing - Base spacing unit.
 * @cssproperty --comment-box-font - Font family (inherits the page's by default).
 * @cssproperty --comment-box-focus-ring - Focus outline color.
 * @cssproperty --comment-box-indent - Indent of each reply level.
 * @cssproperty --comment-box-on-accent - Text on accent-colored buttons.
 * @cssproperty --comment-box-field - Background of the form fields.
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
    // Internal reactive state (the private fields below).
    loadState: { state: true },
    comments: { state: true },
    total: { state: true },
    nextCursor: { state: true },
    loadingMore: { state: true },
    loadError: { state: true },
    incoming: { state: true },
    renderLimit: { state: true },
    replyTo: { state: true },
    values: { state: true },
    touched: { state: true },
    dirty: { state: true },
    submitted: { state: true },
    saveDetails: { state: true },
    posting: { state: true },
    postError: { state: true },
    serverErrors: { state: true },
    queued: { state: true },
    draftUnsaved: { state: true },
    announcement: { state: true },
    lang_: { state: true },
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

  private loadState: LoadState = 'idle';
  private comments: Comment[] = [];
  private total = 0;
  private nextCursor: string | null = null;
  private loadingMore = false;
  private loadError: CommentAdapterError | null = null;
  private incoming: Comment[] = [];
  /** How many comments are rendered so far: long lists render in chunks, one per frame. */
  private renderLimit = RENDER_CHUNK;

  private replyTo: string | null = null;
  private values: Record<DraftField, string> = { content: '', name: '', email: '', url: '' };
  private touched = new Set<DraftField>();
  private dirty = new Set<DraftField>();
  private submitted = false;
  private saveDetails = false;
  private posting = false;
  private postError: CommentAdapterError | null = null;
  private serverErrors: FieldErrors = {};
  /** A post made while offline, sent when the browser is back online (see #sendWhenOnline). */
  private queued: QueuedPost | null = null;
  /** Storage refused a draft: said once, in a note under the comment field. */
  private draftUnsaved = false;
  private announcement = '';
  private lang_ = 'en';

  #assignedAdapter: CommentAdapter | undefined;
  #backendAdapter: CommentAdapter | undefined;
  #backendKey = '';
  #loadController: AbortController | undefined;
  #postController: AbortController | undefined;
  #subscription: AbortController | undefined;
  #idempotencyKey: string | null = null;
  /** Aborts the `online` listener of a queued post. */
  #onlineWait: AbortController | undefined;
  #storage: SafeStorage = safeStorage(null);
  #langObserver: MutationObserver | undefined;
  #locale = new LocaleController(this);
  #clock = new RelativeTimeController(this);
  /** A selector of what to focus after the next render: the form, a Reply button, a new comment. */
  #focusAfterRender: string | null = null;

  // ---- lifecycle ----------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.#storage = safeStorage();
    this.lang_ = resolveLang(this);
    this.#langObserver = new MutationObserver(() => (this.lang_ = resolveLang(this)));
    // An `attributeFilter` implies `attributes: true`.
    this.#langObserver.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
    this.#langObserver.observe(this, { attributeFilter: ['lang'] });
    this.#restoreDetails();
    this.#restoreDraft();
    if (this.hasUpdated) void this.#reload();
    this.#sendWhenOnline();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#langObserver?.disconnect();
    this.#loadController?.abort();
    this.#postController?.abort();
    this.#subscription?.abort();
    this.#stopWaitingForOnline();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const sourceChanged =
      changed.has('threadId') ||
      changed.has('backend') ||
      changed.has('endpoint') ||
      changed.has('adapter') ||
      changed.has('order') ||
      changed.has('pageSize');
    if (changed.has('backend') || changed.has('endpoint')) this.#resolveBackend();
    if (changed.has('threadId') && this.hasUpdated) this.#restoreDraft();
    if (sourceChanged || !this.hasUpdated) void this.#reload();
  }

  protected override updated(): void {
    const selector = this.#focusAfterRender;
    this.#focusAfterRender = null;
    if (selector) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  // ---- derived ------------------------------------------------------------------------------

  /** The effective thread id. */
  get #thread(): string {
    return this.threadId || globalThis.location?.pathname || '/';
  }

  get #t(): Translation {
    return withOverrides(translationFor(this.lang_), this.strings);
  }

  #draftKey(target: string | null = this.replyTo): string {
    return `${STORAGE_PREFIX}draft:${this.#thread}:${target ?? 'top'}`;
  }

  #validation() {
    return validateDraft({ ...this.values, parentId: this.replyTo }, { requireNameEmail: this.requireNameEmail });
  }

  /** Errors to show now: a field's own once touched and changed, every field after a submit attempt. */
  #visibleErrors(): FieldErrors {
    const result = this.#validation();
    const errors: FieldErrors = result.success ? {} : result.errors;
    const shown: FieldErrors = {};
    for (const field of DRAFT_FIELDS) {
      const keys = errors[field] ?? this.serverErrors[field];
      if (keys && (this.submitted || (this.touched.has(field) && this.dirty.has(field)))) shown[field] = keys;
    }
    return shown;
  }

  // ---- backend ------------------------------------------------------------------------------

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

  /**
   * Runs an adapter call with the element's timeout and parses its answer with `schema`, turning
   * everything thrown (no backend, timeout, malformed answer) into a `CommentAdapterError`.
   */
  async #call<T>(
    adapter: CommentAdapter | undefined,
    controller: AbortController,
    schema: ZodMiniType<T>,
    run: (adapter: CommentAdapter, signal: AbortSignal) => Promise<unknown>,
  ): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new CommentAdapterError('timeout', 'The backend did not answer in time.'));
        controller.abort();
      }, this.timeout);
    });
    try {
      if (!adapter) throw new CommentAdapterError('unavailable', `No backend named "${this.backend}" is registered.`);
      const raw = await Promise.race([Promise.resolve().then(() => run(adapter, controller.signal)), timedOut]);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw new CommentAdapterError('bad-response', 'The backend returned a malformed answer.');
      return parsed.data;
    } catch (error) {
      throw CommentAdapterError.from(error);
    } finally {
      clearTimeout(timer);
    }
  }

  async #reload(): Promise<void> {
    this.#loadController?.abort();
    this.#subscription?.abort();
    this.comments = [];
    this.incoming = [];
    this.nextCursor = null;
    this.total = 0;
    this.renderLimit = RENDER_CHUNK;
    await this.#loadPage(null);
  }

  async #loadPage(cursor: string | null): Promise<void> {
    const adapter = this.adapter;
    const controller = new AbortController();
    this.#loadController?.abort();
    this.#loadController = controller;
    if (cursor === null) this.loadState = 'loading';
    else this.loadingMore = true;
    this.loadError = null;
    try {
      // Parsed comment by comment: one that does not fit is left out, its neighbours show.
      const page = await this.#call(adapter, controller, commentPageReader, (a, signal) =>
        a.list(this.#thread, { cursor, limit: this.pageSize, order: this.order, signal }),
      );
      await loadRenderers(page.comments);
      if (controller.signal.aborted) return;
      this.#append(page.comments);
      this.total = page.total;
      this.nextCursor = page.nextCursor;
      this.loadState = 'ready';
      if (cursor === null) this.#subscribe(adapter!);
      this.dispatchEvent(new CommentBoxLoadEvent(page));
      if (page.dropped) this.#reportDropped(page.dropped);
    } catch (error) {
      const err = CommentAdapterError.from(error);
      if (err.code === 'aborted' && this.#loadController !== controller) return;
      this.loadError = err;
      if (cursor === null) this.loadState = 'error';
      this.announcement = this.#t.loadError;
      this.dispatchEvent(new CommentBoxErrorEvent(err, 'load'));
    } finally {
      if (this.#loadController === controller) this.loadingMore = false;
    }
  }

  /** Tells the site owner that `dropped` comments of a page did not fit the schema; the list stays. */
  #reportDropped(dropped: number): void {
    const message = `${dropped} comment(s) of this page did not fit the comment schema and are not shown.`;
    console.warn(`comment-box: ${message}`);
    this.dispatchEvent(new CommentBoxErrorEvent(new CommentAdapterError('bad-response', message), 'load', dropped));
  }

  #subscribe(adapter: CommentAdapter): void {
    const controller = new AbortController();
    this.#subscription = controller;
    try {
      adapter.subscribe?.(
        this.#thread,
        (raw) => {
          const parsed = commentSchema.safeParse(raw);
          if (!parsed.success || controller.signal.aborted) return;
          const c = parsed.data;
          if (this.comments.some((x) => x.id === c.id) || this.incoming.some((x) => x.id === c.id)) return;
          this.incoming = [...this.incoming, c];
          void loadRenderers([c]);
          this.announcement = this.#t.newComments(this.incoming.length);
        },
        { signal: controller.signal },
      );
    } catch (error) {
      console.warn('comment-box: live updates are unavailable', error);
    }
  }

  /** Adds the comments not listed yet to the list. Returns how many of them are approved. */
  #append(list: readonly Comment[]): number {
    const known = new Set(this.comments.map((c) => c.id));
    const fresh = list.filter((c) => !known.has(c.id));
    if (fresh.length > 0) this.comments = [...this.comments, ...fresh];
    return fresh.filter((c) => c.status === 'approved').length;
  }

  #showIncoming = () => {
    this.total += this.#append(this.incoming);
    this.incoming = [];
  };

  // ---- form state ---------------------------------------------------------------------------

  #restoreDetails(): void {
    const raw = this.#storage.get(`${STORAGE_PREFIX}author`);
    if (!raw) return;
    try {
      const saved = JSON.parse(raw) as Partial<AuthorDetails>;
      if (typeof saved !== 'object' || saved === null) return;
      const values = { ...this.values };
      for (const field of AUTHOR_FIELDS) {
        const value = saved[field];
        values[field] = typeof value === 'string' ? value.slice(0, LIMITS[field]) : '';
      }
      this.values = values;
      this.saveDetails = true;
    } catch {
      this.#storage.remove(`${STORAGE_PREFIX}author`);
    }
  }

  #restoreDraft(): void {
    this.values = { ...this.values, content: this.#storage.get(this.#draftKey()) ?? '' };
  }

  #onInput(field: DraftField, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.values = { ...this.values, [field]: value };
    this.dirty = new Set(this.dirty).add(field);
    // A changed comment is a new submission: a retry (or a post waiting to go online) must not
    // replay the old one.
    this.#idempotencyKey = null;
    this.#unqueue();
    if (this.serverErrors[field]) this.serverErrors = { ...this.serverErrors, [field]: undefined };
    if (field === 'content') {
      if (value === '') this.#storage.remove(this.#draftKey());
      else if (!this.#storage.set(this.#draftKey(), value)) this.draftUnsaved = true;
    }
  }

  #onBlur(field: DraftField): void {
    if (!this.touched.has(field)) this.touched = new Set(this.touched).add(field);
  }

  #onSaveDetailsChange(event: Event): void {
    this.saveDetails = (event.target as HTMLInputElement).checked;
    if (!this.saveDetails) this.#storage.remove(`${STORAGE_PREFIX}author`);
  }

  /** Moves the form under a comment (or back to the end with `null`), keeping each target's draft. */
  #setReplyTo(id: string | null): void {
    if (id !== this.replyTo) this.#resetForm(id);
  }

  /** A fresh form for `target`: its saved draft, no errors, a new submission. */
  #resetForm(target: string | null): void {
    this.replyTo = target;
    this.#restoreDraft();
    this.touched = new Set();
    this.dirty = new Set();
    this.submitted = false;
    this.postError = null;
    this.serverErrors = {};
    this.#idempotencyKey = null;
    this.#unqueue();
  }

  /** One listener for every Reply button (not a closure per comment): the button names its comment. */
  #onReplyClick = (event: Event) => {
    this.#setReplyTo((event.currentTarget as HTMLElement).dataset['reply']!);
    this.#focusAfterRender = '#comment';
  };

  #cancelReply = () => {
    const from = this.replyTo;
    this.#setReplyTo(null);
    // Back to the Reply button the form was opened from.
    this.#focusAfterRender = from && `[data-reply="${CSS.escape(from)}"]`;
  };

  #onFormKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.replyTo !== null) {
      event.preventDefault();
      this.#cancelReply();
    }
  };

  // ---- posting ------------------------------------------------------------------------------

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.submit();
  };

  /** Validates and posts the form, as the Post Comment button does. Resolves when done. */
  async submit(): Promise<void> {
    if (this.posting || this.closed) return;
    this.submitted = true;
    this.postError = null;
    const result = this.#validation();
    if (!result.success) {
      const invalid = DRAFT_FIELDS.filter((f) => result.errors[f]);
      this.announcement = this.#t.fixErrors(invalid.length);
      await this.updateComplete;
      const first = invalid[0];
      if (first) this.renderRoot.querySelector<HTMLElement>(`#${first === 'content' ? 'comment' : first}`)?.focus();
      return;
    }
    const draft: CommentDraft = result.data;
    if (!this.dispatchEvent(new CommentBoxSubmitEvent(draft))) return;
    this.#idempotencyKey ??= crypto.randomUUID();
    const post: QueuedPost = { draft, key: this.#idempotencyKey, target: this.replyTo };
    if (navigator.onLine === false) this.#queue(post);
    else await this.#send(post);
  }

  /** Sends a post; one that fails for want of a connection waits to be sent once back online. */
  async #send(post: QueuedPost): Promise<void> {
    const { draft, key, target } = post;
    const adapter = this.adapter;
    // Focus in the element or nowhere: the post may move it (a post sent on its own once back online
    // never takes focus from elsewhere on the page).
    const mayMoveFocus = this.matches(':focus-within') || document.activeElement === document.body;
    this.#unqueue();
    this.posting = true;
    this.announcement = this.#t.posting;
    const controller = new AbortController();
    this.#postController = controller;
    try {
      const comment = await this.#call(adapter, controller, commentSchema, (a, signal) =>
        a.create(this.#thread, draft, { idempotencyKey: key, signal }),
      );
      await loadRenderers([comment]);
      this.#posted(comment, target);
    } catch (error) {
      const err = CommentAdapterError.from(error);
      if ((err.code === 'network' || err.code === 'unavailable') && navigator.onLine === false) this.#queue(post);
      else {
        this.postError = err;
        this.serverErrors = err.fields;
        this.announcement = this.#failureMessage(err);
      }
      this.dispatchEvent(new CommentBoxErrorEvent(err, 'submit'));
    } finally {
      // Focus left the disabled button: to the new comment (see #posted), else back to the button.
      const lost = !this.matches(':focus-within');
      this.#focusAfterRender = mayMoveFocus ? (this.#focusAfterRender ?? (lost ? '[part="submit-button"]' : null)) : null;
      this.posting = false;
    }
  }

  /** Keeps a post made offline (the draft stays in the form and in storage) until back online. */
  #queue(post: QueuedPost): void {
    this.queued = post;
    this.announcement = this.#t.savedOffline;
    this.#sendWhenOnline();
  }

  /** Sends the queued post, if any, once the browser is online: now, or at its next `online` event. */
  #sendWhenOnline(): void {
    if (!this.queued || this.#onlineWait || !this.isConnected) return;
    if (navigator.onLine !== false) return void this.#send(this.queued);
    this.#onlineWait = new AbortController();
    const sendQueued = () => {
      this.#onlineWait = undefined;
      if (this.queued) void this.#send(this.queued);
    };
    window.addEventListener('online', sendQueued, { once: true, signal: this.#onlineWait.signal });
  }

  #stopWaitingForOnline(): void {
    this.#onlineWait?.abort();
    this.#onlineWait = undefined;
  }

  /** Drops the queued post: it was sent, edited or cancelled. */
  #unqueue(): void {
    this.queued = null;
    this.#stopWaitingForOnline();
  }

  #posted(comment: Comment, target: string | null): void {
    this.#storage.remove(this.#draftKey(target));
    if (this.saveDetails) {
      const { name, email, url } = this.values;
      this.#storage.set(`${STORAGE_PREFIX}author`, JSON.stringify({ name, email, url } satisfies AuthorDetails));
    }
    this.total += this.#append([comment]);
    this.incoming = this.incoming.filter((c) => c.id !== comment.id);
    this.#resetForm(null);
    this.#focusAfterRender = `#comment-${CSS.escape(comment.id)} > article`;
    this.announcement = comment.status === 'pending' ? this.#t.commentHeld : this.#t.commentPosted;
    this.dispatchEvent(new CommentBoxSubmittedEvent(comment));
  }

  /** The failure's text. Its code and message key come from a backend: own keys only, texts only. */
  #failureMessage(error: CommentAdapterError): string {
    const f = this.#t.failures;
    if (error.code === 'rate-limited') return f['rate-limited'](error.retryAfter);
    for (const key of [error.messageKey, error.code]) {
      const text = key && Object.hasOwn(f, key) ? f[key as keyof typeof f] : undefined;
      if (typeof text === 'string') return text;
    }
    return f.unavailable;
  }

  // ---- render -------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const t = this.#t;
    return html`
      <section part="base" class="base" lang=${t.$code} dir=${t.$dir} aria-labelledby="comments-title">
        <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
        ${this.#renderList(t)}
        ${this.closed
          ? html`<p part="closed" class="closed">${t.commentsClosed}</p>`
          : this.replyTo === null
            ? this.#renderForm(t)
            : nothing}
      </section>
    `;
  }

  #renderList(t: Translation): TemplateResult {
    const browserOnly = this.adapter?.scope === 'browser';
    return html`
      <h2 part="count-heading" id="comments-title" class="count">${t.commentCount(this.total)}</h2>
      ${browserOnly ? html`<p part="storage-note" class="note">${t.browserOnly}</p>` : nothing}
      ${this.incoming.length > 0
        ? html`<button part="new-comments" class="button secondary" @click=${this.#showIncoming}>
            ${t.newComments(this.incoming.length)}
          </button>`
        : nothing}
      ${guard(this.#listInputs(), () => this.#renderListBody(t))}
    `;
  }

  /**
   * Everything the list shows depends on. Typing in the form at the end re-renders only the form,
   * not a thousand comments; a form moved under a comment re-renders the list with it.
   */
  #listInputs(): unknown[] {
    return [
      ...this.#commentInputs(),
      this.renderLimit,
      this.loadState,
      this.loadError,
      this.nextCursor,
      this.loadingMore,
      // A reply form lives inside the list: while one is open, the list renders with the element.
      this.replyTo === null ? null : {},
    ];
  }

  /**
   * Everything a rendered comment depends on: a chunk of comments renders again only when one
   * changes (and the chunk holding the reply form, on every render: see #renderListBody).
   */
  #commentInputs(): unknown[] {
    return [
      this.comments,
      this.replyTo,
      this.closed,
      this.maxDepth,
      this.strings,
      this.lang_,
      translationFor(this.lang_),
      clockTicks(),
      htmlBodies.module,
      markdown.module,
    ];
  }

  #renderListBody(t: Translation): TemplateResult | typeof nothing {
    if (this.loadState === 'loading' || this.loadState === 'idle') {
      return html`<p part="status" class="status" aria-busy="true">${t.loading}</p>`;
    }
    if (this.loadState === 'error') {
      return html`<div part="status" class="status error" role="alert">
        <span>${t.loadError} ${this.loadError ? this.#failureMessage(this.loadError) : ''}</span>
        <button class="button secondary" @click=${() => void this.#reload()}>${t.retry}</button>
      </div>`;
    }
    if (this.comments.length === 0) return html`<p part="status" class="status">${t.noComments}</p>`;
    const children = childrenByParent(this.comments);
    const top = children.get(null) ?? [];
    // Chunks of whole threads of about RENDER_CHUNK comments, until `renderLimit` comments; the rest
    // follow in the next frames. A chunk already shown is not rendered again for the next one.
    const chunks: Comment[][] = [];
    let shown = 0;
    for (let count = 0; shown < top.length && count < this.renderLimit; ) {
      const chunk: Comment[] = [];
      for (let size = 0; shown < top.length && size < RENDER_CHUNK; shown++) {
        const n = threadSize(top[shown]!, children);
        chunk.push(top[shown]!);
        size += n;
        count += n;
      }
      chunks.push(chunk);
    }
    const complete = shown === top.length;
    if (!complete) this.#renderMoreSoon();
    const inputs = this.#commentInputs();
    // The reply form renders inside its comment: only that comment's chunk renders with the form.
    const formThread = this.replyTo === null ? undefined : threadOf(this.replyTo, this.comments);
    return html`
      <ol part="comment-list" class="comment-list">${chunks.map((chunk, i) =>
        guard([...inputs, i, formThread && chunk.includes(formThread) ? {} : null], () =>
          this.#renderItems(chunk, children, 1, t),
        ),
      )}</ol>
      ${this.loadError
        ? html`<div part="status" class="status error" role="alert">
            <span>${this.#failureMessage(this.loadError)}</span>
          </div>`
        : nothing}
      ${this.nextCursor !== null && complete
        ? html`<button
            part="load-more"
            class="button secondary"
            ?disabled=${this.loadingMore}
            @click=${() => void this.#loadPage(this.nextCursor)}
          >
            ${this.loadingMore ? t.loadingMore : this.loadError ? t.retry : t.loadMore}
          </button>`
        : nothing}
    `;
  }

  #moreScheduled = false;

  /** After this frame is painted, render the next chunk of comments. */
  #renderMoreSoon(): void {
    if (this.#moreScheduled) return;
    this.#moreScheduled = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.#moreScheduled = false;
        this.renderLimit += RENDER_CHUNK;
      }),
    );
  }

  /** Comments at `depth`; at `max-depth` every deeper reply is listed flat at the same level. */
  #renderItems(
    list: readonly Comment[],
    children: Map<string | null, Comment[]>,
    depth: number,
    t: Translation,
  ): TemplateResult[] {
    const out: TemplateResult[] = [];
    for (const comment of list) {
      const replies = children.get(comment.id) ?? [];
      const nested = depth < this.maxDepth;
      out.push(
        this.#renderComment(
          comment,
          depth,
          t,
          nested && replies.length > 0
            ? html`<ol part="replies" class="replies">${this.#renderItems(replies, children, depth + 1, t)}</ol>`
            : nothing,
        ),
      );
      if (!nested) out.push(...this.#renderItems(replies, children, depth, t));
    }
    return out;
  }

  #renderComment(comment: Comment, depth: number, t: Translation, replies: TemplateResult | typeof nothing) {
    const name = comment.authorName.trim() || t.anonymous;
    const headingId = `comment-${comment.id}-author`;
    return html`
      <li part="comment" class="comment depth-${depth}" id="comment-${comment.id}">
        <article tabindex="-1" aria-labelledby=${headingId}>
          <header class="meta">
            ${renderAvatar(comment, name)}
            <bdi part="author" class="author" id=${headingId}
              >${comment.authorUrl && isHttpUrl(comment.authorUrl)
                ? html`<a href=${comment.authorUrl} rel=${UGC_REL} target="_blank">${name}</a>`
                : name}</bdi
            >
            ${renderTime(comment.createdAt, this.lang_)}
          </header>
          ${comment.status === 'pending'
            ? html`<p part="moderation-note" class="moderation"><em>${t.awaitingModeration}</em></p>`
            : nothing}
          <div part="comment-body" class="body"
            >${renderBody(this, comment)}</div
          >
          ${this.closed
            ? nothing
            : html`<button
                part="reply-button"
                class="reply"
                data-reply=${comment.id}
                aria-label=${t.replyTo(isolate(name))}
                aria-expanded=${this.replyTo === comment.id ? 'true' : 'false'}
                @click=${this.#onReplyClick}
              >
                ${t.reply}
              </button>`}
        </article>
        ${this.replyTo === comment.id && !this.closed ? this.#renderForm(t) : nothing}
        ${replies}
      </li>
    `;
  }

  #renderForm(t: Translation): TemplateResult {
    const errors = this.#visibleErrors();
    const target = this.comments.find((c) => c.id === this.replyTo);
    const targetName = target && (target.authorName.trim() || t.anonymous);
    const required = this.requireNameEmail;
    return html`
      <div part="respond" class="respond" id="respond">
        <div class="respond-header">
          <h2 part="form-heading" id="reply-title" class="reply-title">
            ${targetName ? withBdi(t.leaveReplyTo(isolate(targetName)), targetName) : t.leaveReply}
          </h2>
          ${target
            ? html`<button part="cancel-reply" class="link-button" @click=${this.#cancelReply}>${t.cancelReply}</button>`
            : nothing}
        </div>
        <form part="form" novalidate aria-labelledby="reply-title" @submit=${this.#onSubmit} @keydown=${this.#onFormKeydown}>
          <p class="notes">
            <span id="email-notes">${t.emailNotPublished}</span>
            <span class="required-text">${markRequired(t.requiredFieldsMarked)}</span>
          </p>
          ${this.#renderField(t, 'content', t.commentLabel, true, errors)}
          ${this.draftUnsaved ? html`<p part="draft-note" class="note" id="draft-note">${t.draftNotSaved}</p>` : nothing}
          ${this.#renderField(t, 'name', t.nameLabel, required, errors)}
          ${this.#renderField(t, 'email', t.emailLabel, required, errors)}
          ${this.#renderField(t, 'url', t.websiteLabel, false, errors)}
          <p class="field checkbox">
            <input
              id="save-details"
              type="checkbox"
              .checked=${this.saveDetails}
              @change=${this.#onSaveDetailsChange}
            />
            <label for="save-details">${t.saveDetails}</label>
          </p>
          ${this.postError ? this.#renderPostError(t, this.postError) : nothing}
          ${this.queued ? html`<p part="offline-note" class="note">${t.savedOffline}</p>` : nothing}
          <p class="submit">
            <button part="submit-button" class="button" type="submit" ?disabled=${this.posting} aria-disabled=${this.posting ? 'true' : 'false'}>
              ${this.posting ? t.posting : t.postComment}
            </button>
          </p>
        </form>
      </div>
    `;
  }

  #renderPostError(t: Translation, error: CommentAdapterError): TemplateResult {
    const fixable = error.code === 'invalid' && Object.keys(error.fields).length > 0;
    return html`<div part="form-error" class="form-error" role="alert">
      <span>${this.#failureMessage(error)}</span>
      ${fixable || error.code === 'conflict'
        ? nothing
        : html`<button type="button" class="button secondary" @click=${() => void this.submit()}>${t.retry}</button>`}
    </div>`;
  }

  #renderField(t: Translation, field: DraftField, label: string, required: boolean, errors: FieldErrors) {
    const keys = errors[field];
    const id = field === 'content' ? 'comment' : field;
    const errorId = `${id}-error`;
    const invalid = keys !== undefined && keys.length > 0;
    const note = field === 'email' ? 'email-notes' : field === 'content' && this.draftUnsaved ? 'draft-note' : '';
    const describedBy = [note, invalid ? errorId : ''].filter(Boolean).join(' ');
    const max = LIMITS[field];
    const control =
      field === 'content'
        ? html`<textarea
            part="textarea"
            id=${id}
            name="comment"
            rows="8"
            maxlength=${max}
            ?required=${required}
            aria-required=${required ? 'true' : 'false'}
            aria-invalid=${invalid ? 'true' : nothing}
            aria-describedby=${describedBy || nothing}
            .value=${this.values.content}
            @input=${(e: Event) => this.#onInput('content', e)}
            @blur=${() => this.#onBlur('content')}
          ></textarea>`
        : html`<input
            part="input"
            id=${id}
            name=${field}
            type=${field === 'email' ? 'email' : field === 'url' ? 'url' : 'text'}
            autocomplete=${field === 'url' ? 'url' : field}
            maxlength=${max}
            ?required=${required}
            aria-required=${required ? 'true' : 'false'}
            aria-invalid=${invalid ? 'true' : nothing}
            aria-describedby=${describedBy || nothing}
            .value=${this.values[field]}
            @input=${(e: Event) => this.#onInput(field, e)}
            @blur=${() => this.#onBlur(field)}
          />`;
    return html`<p class="field field-${field}">
      <label for=${id}>${label}${required ? html` <span class="required" aria-hidden="true">*</span>` : nothing}</label>
      ${control}
      ${invalid
        ? html`<span part="field-error" class="field-error" id=${errorId}
            >${keys.map((k) => (Object.hasOwn(t.errors, k) ? t.errors[k] : t.errors.invalidType)(label, max)).join(' ')}</span
          >`
        : nothing}
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comment-box': CommentBoxElement;
  }
}

/** The top-level comment of the thread that holds comment `id` (as the list shows it). */
function threadOf(id: string, comments: readonly Comment[]): Comment | undefined {
  const byId = new Map(comments.map((c) => [c.id, c]));
  let comment = byId.get(id);
  // At most one step per comment: a hostile backend could send a cycle of parents.
  for (let steps = 0; steps < comments.length && comment?.parentId && byId.has(comment.parentId); steps++) {
    comment = byId.get(comment.parentId);
  }
  return comment;
}

/** A comment and all its replies. */
function threadSize(comment: Comment, children: Map<string | null, Comment[]>): number {
  let size = 1;
  for (const reply of children.get(comment.id) ?? []) size += threadSize(reply, children);
  return size;
}

/**
 * A translated text around a name passed through `isolate`, with the name in a `<bdi>` instead:
 * an element isolates it in every engine, whatever controls the name holds.
 */
function withBdi(text: string, name: string) {
  const start = text.indexOf('\u2068');
  const end = text.indexOf('\u2069', start);
  return start < 0 || end < 0 ? text : html`${text.slice(0, start)}<bdi>${name}</bdi>${text.slice(end + 1)}`;
}

/** "Required fields are marked *" with its `*` as the visible marker, wherever the language puts it. */
function markRequired(note: string) {
  const at = note.indexOf('*');
  return at < 0 ? note : html`${note.slice(0, at)}<span class="required">*</span>${note.slice(at + 1)}`;
}
