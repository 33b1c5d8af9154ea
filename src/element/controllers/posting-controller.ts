import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CommentAdapterError } from '../../adapters/types.js';
import { commentSchema, DRAFT_FIELDS, type Comment, type CommentDraft } from '../../schema.js';
import { loadRenderers } from '../body/renderers.js';
import { CommentBoxErrorEvent, CommentBoxSubmitEvent, CommentBoxSubmittedEvent } from '../events.js';
import { callAdapter, type BackendSource } from './adapter-call.js';
import type { DraftController } from './draft-controller.js';
import type { ThreadController } from './thread-controller.js';
import { failureMessage, type Translation } from '../../i18n/localize.js';

/** A validated post and its idempotency key, waiting for the browser to be back online. */
export interface QueuedPost {
  draft: CommentDraft;
  key: string;
  target: string | null;
}

/** What posting needs of its element besides the backend. */
export interface PostingSource extends BackendSource {
  readonly closed: boolean;
  readonly translation: Translation;
  announce(text: string): void;
  /** A selector of what to focus after the next render (`null`: nothing); read and replaced here. */
  focusAfterRender: string | null;
}

/** The host of posting: an element that renders into `renderRoot` (a LitElement). */
export type PostingHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };

/**
 * Posting the form: validation on submit (focus to the first invalid field), the cancelable
 * `comment-box-submit`, one idempotency key per submission (a retry replays it; an edit makes a new
 * one), failures shown on the form, and a post made offline kept until the browser is back online.
 */
export class PostingController implements ReactiveController {
  posting = false;
  postError: CommentAdapterError | null = null;
  /** A post made while offline, sent when the browser is back online (see sendWhenOnline). */
  queued: QueuedPost | null = null;
  /** Seconds left of a rate limit's wait: posting is possible again when it reaches 0. */
  wait = 0;

  #idempotencyKey: string | null = null;
  #postController: AbortController | undefined;
  /** Aborts the `online` listener of a queued post. */
  #onlineWait: AbortController | undefined;

  readonly #host: PostingHost;
  readonly #source: PostingSource;
  readonly #draft: DraftController;
  readonly #thread: ThreadController;

  constructor(host: PostingHost, source: PostingSource, draft: DraftController, thread: ThreadController) {
    this.#host = host;
    this.#source = source;
    this.#draft = draft;
    this.#thread = thread;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#postController?.abort();
    this.#stopWaitingForOnline();
  }

  #set(patch: Partial<Pick<PostingController, 'posting' | 'postError' | 'queued' | 'wait'>>): void {
    Object.assign(this, patch);
    this.#host.requestUpdate();
  }

  /** The form changed: a retry (or a post waiting to go online) must not replay the old one. */
  newSubmission(): void {
    this.#idempotencyKey = null;
    this.#unqueue();
  }

  /** A fresh form: a new submission, no error shown (but a rate limit's, while its wait lasts). */
  reset(): void {
    if (!this.wait) this.#set({ postError: null });
    this.newSubmission();
  }

  /** Validates and posts the form, as the Post Comment button does. Resolves when done. */
  async submit(): Promise<void> {
    if (this.posting || this.wait || this.#source.closed) return;
    this.#draft.markSubmitted();
    this.#set({ postError: null });
    const result = this.#draft.validation();
    if (!result.success) {
      const invalid = DRAFT_FIELDS.filter((f) => result.errors[f]);
      this.#source.announce(this.#source.translation.fixErrors(invalid.length));
      await this.#host.updateComplete;
      const first = invalid[0];
      if (first)
        this.#host.renderRoot.querySelector<HTMLElement>(`#${first === 'content' ? 'comment' : first}`)?.focus();
      return;
    }
    const draft: CommentDraft = result.data;
    if (!this.#host.dispatchEvent(new CommentBoxSubmitEvent(draft))) return;
    this.#idempotencyKey ??= crypto.randomUUID();
    const post: QueuedPost = { draft, key: this.#idempotencyKey, target: this.#draft.replyTo };
    if (navigator.onLine === false) this.#queue(post);
    else await this.#send(post);
  }

  /** Sends a post; one that fails for want of a connection waits to be sent once back online. */
  async #send(post: QueuedPost): Promise<void> {
    const { draft, key, target } = post;
    const host = this.#host;
    const source = this.#source;
    const adapter = source.adapter;
    // Focus in the element or nowhere: the post may move it (a post sent on its own once back online
    // never takes focus from elsewhere on the page).
    const mayMoveFocus = host.matches(':focus-within') || document.activeElement === document.body;
    this.#unqueue();
    this.#set({ posting: true });
    source.announce(source.translation.posting);
    const controller = new AbortController();
    this.#postController = controller;
    try {
      const comment = await callAdapter(source, adapter, controller, commentSchema, (a, signal) =>
        a.create(source.thread, draft, { idempotencyKey: key, signal, lang: source.translation.$code }),
      );
      await loadRenderers([comment]);
      this.#posted(comment, target);
    } catch (error) {
      const err = CommentAdapterError.from(error);
      if ((err.code === 'network' || err.code === 'unavailable') && navigator.onLine === false) this.#queue(post);
      else {
        this.#set({ postError: err });
        this.#draft.setServerErrors(err.fields);
        source.announce(failureMessage(source.translation, err));
        source.focusAfterRender = '[part="form-error"]';
        if (err.code === 'rate-limited' && err.retryAfter) this.#countDown(err.retryAfter);
      }
      host.dispatchEvent(new CommentBoxErrorEvent(err, 'submit'));
    } finally {
      // Focus stayed on the button (aria-disabled, never disabled, while posting); it moves to the
      // new comment (see #posted) or to the failure, else stays.
      if (!mayMoveFocus) source.focusAfterRender = null;
      this.#set({ posting: false });
    }
  }

  /** Counts a rate limit's wait down, a second at a time; when it ends, the failure goes. */
  #countDown(seconds: number): void {
    // Never two at once: posting (and so another rate limit) waits for this one to end.
    this.#set({ wait: seconds });
    const timer = setInterval(() => {
      if (this.wait > 1) return this.#set({ wait: this.wait - 1 });
      clearInterval(timer);
      // Focus on the failure that goes moves to Post Comment, usable again.
      if (this.#host.renderRoot.querySelector('[part="form-error"]:focus'))
        this.#source.focusAfterRender = '[part="submit-button"]';
      this.#set({ wait: 0, postError: null });
    }, 1000);
  }

  /** Keeps a post made offline (the draft stays in the form and in storage) until back online. */
  #queue(post: QueuedPost): void {
    this.#set({ queued: post });
    this.#source.announce(this.#source.translation.savedOffline);
    this.sendWhenOnline();
  }

  /** Sends the queued post, if any, once the browser is online: now, or at its next `online` event. */
  sendWhenOnline(): void {
    if (!this.queued || this.#onlineWait || !this.#host.isConnected) return;
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
    if (this.queued) this.#set({ queued: null });
    this.#stopWaitingForOnline();
  }

  #posted(comment: Comment, target: string | null): void {
    this.#draft.posted(target);
    this.#thread.addPosted(comment);
    this.#draft.reset(null);
    this.#source.focusAfterRender = `#comment-${CSS.escape(comment.id)} > article`;
    this.#source.announce(this.#source.translation[comment.status === 'pending' ? 'commentHeld' : 'commentPosted']);
    this.#host.dispatchEvent(new CommentBoxSubmittedEvent(comment));
  }
}
