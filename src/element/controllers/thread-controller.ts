import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CommentAdapterError, type CommentAdapter, type CommentOrder } from '../../adapters/types.js';
import { commentPageReader, commentSchema, type Comment } from '../../schema.js';
import { loadRenderers } from '../body/renderers.js';
import { CommentBoxErrorEvent, CommentBoxLoadEvent } from '../events.js';
import { callAdapter, type BackendSource } from './adapter-call.js';
import type { Translation } from '../../i18n/localize.js';
import { nextTask } from '../../next-task.js';
import { prepareDateFormats } from '../../relative-time.js';

/** Whether a comment counts in the thread's total: approved, and not a deleted one's placeholder. */
const counted = (c: Comment) => (c.status === 'approved' && !c.deleted ? 1 : 0);

/**
 * Comments rendered first; each later chunk is sized by how long the last one took. Few: the first
 * comments render in a task that also runs cold code and sets up the templates for the first time.
 */
export const RENDER_CHUNK = 10;
/** The comments of a page whose renderers (Markdown, HTML) load before its first render: the first chunks'. */
export const FIRST_LOOKED_AT = 100;
/** What a chunk should take to render (ms), so a long page never blocks the main thread for long. */
export const CHUNK_MS = 16;

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** What the thread needs of its element besides the backend. */
export interface ThreadSource extends BackendSource {
  readonly pageSize: number;
  readonly order: CommentOrder;
  /** The current language's texts, for announcements. */
  readonly translation: Translation;
  /** The element's language, which its dates are formatted in. */
  readonly lang: string;
  /** Says `text` in the element's polite live region. */
  announce(text: string): void;
}

/**
 * The list of a thread: loads it page by page, keeps live comments apart until the reader shows
 * them, and counts how many comments are rendered so far (long lists render in chunks, one per
 * frame). Each change asks the host to render again; a changed list is a new array, so `guard`
 * inputs see it.
 */
export class ThreadController implements ReactiveController {
  loadState: LoadState = 'idle';
  comments: Comment[] = [];
  total = 0;
  nextCursor: string | null = null;
  loadingMore = false;
  loadError: CommentAdapterError | null = null;
  /** Live comments not shown yet ("N new comments"). */
  incoming: Comment[] = [];
  /** Where each chunk rendered so far ends, in comments from the first: the list renders each as a group. */
  chunkEnds: readonly number[] = [RENDER_CHUNK];
  /** How many comments are rendered so far (whole threads: a few more may show). */
  get renderLimit(): number {
    return this.chunkEnds.at(-1)!;
  }
  /** Comments in the next chunk. */
  step = RENDER_CHUNK;
  /** The latest page said the backend can email replies (the form then offers it). */
  notifications = false;

  #loadController: AbortController | undefined;
  #subscription: AbortController | undefined;
  #moreScheduled = false;

  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #source: ThreadSource;

  constructor(host: ReactiveControllerHost & EventTarget, source: ThreadSource) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#loadController?.abort();
    this.#subscription?.abort();
  }

  /** Changes state and asks the host to render. */
  #set(
    patch: Partial<
      Pick<
        ThreadController,
        | 'loadState'
        | 'comments'
        | 'total'
        | 'nextCursor'
        | 'loadingMore'
        | 'loadError'
        | 'incoming'
        | 'chunkEnds'
        | 'notifications'
      >
    >,
  ): void {
    Object.assign(this, patch);
    this.#host.requestUpdate();
  }

  /** Starts over: the first page of the thread, and live updates once it has loaded. */
  async reload(): Promise<void> {
    this.#loadController?.abort();
    this.#subscription?.abort();
    this.#set({
      comments: [],
      incoming: [],
      nextCursor: null,
      total: 0,
      chunkEnds: [RENDER_CHUNK],
    });
    await this.loadPage(null);
  }

  /** Loads the page at `cursor` (`null`: the first) and appends its comments. */
  async loadPage(cursor: string | null): Promise<void> {
    const source = this.#source;
    const adapter = source.adapter;
    const controller = new AbortController();
    this.#loadController?.abort();
    this.#loadController = controller;
    this.#set(cursor === null ? { loadState: 'loading', loadError: null } : { loadingMore: true, loadError: null });
    try {
      // Parsed comment by comment: one that does not fit is left out, its neighbours show. An answer
      // that came at once (an in-browser backend) is parsed in a task of its own, not in the form's.
      const page = await callAdapter(source, adapter, controller, commentPageReader, async (a, signal) => {
        const answer = await a.list(source.thread, { cursor, limit: source.pageSize, order: source.order, signal });
        await nextTask();
        return answer;
      });
      // What the first chunks need loads before they render. The rest of a long page is looked
      // through later, in a task of its own (its comments render in later chunks; one rendered
      // before its renderer arrives renders again when it does).
      const first = page.comments.slice(0, FIRST_LOOKED_AT);
      await Promise.all([loadRenderers(first), first.length > 0 && prepareDateFormats(source.lang)]);
      if (controller.signal.aborted) return;
      if (page.comments.length > first.length)
        void nextTask().then(() => loadRenderers(page.comments.slice(FIRST_LOOKED_AT)));
      this.append(page.comments);
      this.#set({
        total: page.total,
        nextCursor: page.nextCursor,
        loadState: 'ready',
        notifications: !!page.notifications,
      });
      if (cursor === null) this.#subscribe(adapter!);
      this.#host.dispatchEvent(new CommentBoxLoadEvent(page));
      if (page.dropped) this.#reportDropped(page.dropped);
    } catch (error) {
      const err = CommentAdapterError.from(error);
      if (err.code === 'aborted' && this.#loadController !== controller) return;
      this.#set(cursor === null ? { loadError: err, loadState: 'error' } : { loadError: err });
      source.announce(source.translation.loadError);
      this.#host.dispatchEvent(new CommentBoxErrorEvent(err, 'load'));
    } finally {
      if (this.#loadController === controller) this.#set({ loadingMore: false });
    }
  }

  /** Tells the site owner that `dropped` comments of a page did not fit the schema; the list stays. */
  #reportDropped(dropped: number): void {
    const message = `${dropped} comment(s) of this page did not fit the comment schema and are not shown.`;
    console.warn(`comment-box: ${message}`);
    this.#host.dispatchEvent(
      new CommentBoxErrorEvent(new CommentAdapterError('bad-response', message), 'load', dropped),
    );
  }

  #subscribe(adapter: CommentAdapter): void {
    const controller = new AbortController();
    this.#subscription = controller;
    try {
      adapter.subscribe?.(
        this.#source.thread,
        (raw) => {
          const parsed = commentSchema.safeParse(raw);
          if (!parsed.success || controller.signal.aborted) return;
          const c = parsed.data;
          // An edit or a delete of a listed comment shows at once; a new comment waits for the reader.
          // Live events are public: whether this reader may still change the comment is what they knew.
          const listed = this.comments.find((x) => x.id === c.id);
          if (listed) {
            const { editableUntil } = listed;
            return void loadRenderers([c]).then(() => this.replace(editableUntil ? { ...c, editableUntil } : c));
          }
          if (this.incoming.some((x) => x.id === c.id)) {
            this.#set({ incoming: this.incoming.flatMap((x) => (x.id !== c.id ? [x] : c.deleted ? [] : [c])) });
            return;
          }
          if (c.deleted) return;
          this.#set({ incoming: [...this.incoming, c] });
          void loadRenderers([c]);
          this.#source.announce(this.#source.translation.newComments(this.incoming.length));
        },
        { signal: controller.signal },
      );
    } catch (error) {
      console.warn('comment-box: live updates are unavailable', error);
    }
  }

  /** Adds the comments not listed yet to the list. Returns how many of them are approved. */
  append(list: readonly Comment[]): number {
    const known = new Set(this.comments.map((c) => c.id));
    const fresh = list.filter((c) => !known.has(c.id));
    if (fresh.length > 0) this.#set({ comments: [...this.comments, ...fresh] });
    return fresh.filter((c) => c.status === 'approved').length;
  }

  /** Shows the live comments that arrived ("N new comments"). */
  showIncoming(): void {
    this.#set({ total: this.total + this.append(this.incoming), incoming: [] });
  }

  /** Lists a comment the reader just posted (it may have arrived live already). */
  addPosted(comment: Comment): void {
    this.#set({
      total: this.total + this.append([comment]),
      incoming: this.incoming.filter((c) => c.id !== comment.id),
    });
  }

  /** Puts the changed `comment` (edited, or a deleted one's placeholder) where it is listed. */
  replace(comment: Comment): void {
    const old = this.comments.find((c) => c.id === comment.id);
    if (!old) return;
    this.#set({
      comments: this.comments.map((c) => (c.id === comment.id ? comment : c)),
      total: this.total - counted(old) + counted(comment),
    });
  }

  /** Takes a deleted comment out of the list. */
  remove(id: string): void {
    const old = this.comments.find((c) => c.id === id);
    if (!old) return;
    this.#set({ comments: this.comments.filter((c) => c.id !== id), total: this.total - counted(old) });
  }

  /**
   * Renders the next chunk of comments in a task of its own, so that the browser paints and answers
   * input between chunks (it paints when a frame is due). The render is timed: the next chunk is
   * sized to take about CHUNK_MS (at most twice as many comments).
   */
  renderMoreSoon(): void {
    if (this.#moreScheduled) return;
    this.#moreScheduled = true;
    void nextTask().then(async () => {
      this.#moreScheduled = false;
      const started = performance.now();
      this.#set({ chunkEnds: [...this.chunkEnds, this.renderLimit + this.step] });
      await this.#host.updateComplete;
      this.step = Math.ceil(this.step * Math.min(2, CHUNK_MS / (performance.now() - started)));
    });
  }
}
