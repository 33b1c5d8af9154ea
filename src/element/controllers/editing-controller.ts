import type { ReactiveController } from 'lit';
import * as z from 'zod/mini';
import type { ZodMiniType } from 'zod/mini';
import { CommentAdapterError, type CommentAdapter } from '../../adapters/types.js';
import { commentSchema, editSchema, fieldErrors, type Comment } from '../../schema.js';
import { loadRenderers } from '../body/renderers.js';
import { CommentBoxErrorEvent } from '../events.js';
import { callAdapter } from './adapter-call.js';
import type { PostingHost, PostingSource } from './posting-controller.js';
import type { ThreadController } from './thread-controller.js';
import { failureMessage } from '../../i18n/localize.js';

/** What deleting answers: the placeholder of a comment with replies, or null. */
const placeholderSchema = z.nullable(commentSchema);

/** The selector of a comment's article (what focus goes to after a change). */
const articleOf = (id: string) => `#comment-${CSS.escape(id)} > article`;

/**
 * Editing and deleting the reader's own comments, where the backend supports it (`edit`, `remove`)
 * and while the comment's `editableUntil` has not passed: one comment at a time, edited in place or
 * asked about before it is deleted. The text being edited survives a failure; focus always lands on
 * a visible control (the field, the failure, the comment, or the button the change started from).
 */
export class EditingController implements ReactiveController {
  /** The comment whose text is being edited. */
  editing: string | null = null;
  /** The comment whose deletion is being asked about. */
  deleting: string | null = null;
  /** The edited text, as typed. */
  text = '';
  busy = false;
  error: CommentAdapterError | null = null;

  #call: AbortController | undefined;

  readonly #host: PostingHost;
  readonly #source: PostingSource;
  readonly #thread: ThreadController;

  constructor(host: PostingHost, source: PostingSource, thread: ThreadController) {
    this.#host = host;
    this.#source = source;
    this.#thread = thread;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#call?.abort();
  }

  #set(patch: Partial<Pick<EditingController, 'editing' | 'deleting' | 'text' | 'busy' | 'error'>>): void {
    Object.assign(this, patch);
    this.#host.requestUpdate();
  }

  /** Whether the reader may change `comment` now: the backend can, and its window is open. */
  canChange(comment: Comment): boolean {
    const adapter = this.#source.adapter;
    return (
      !!adapter?.edit &&
      !!adapter.remove &&
      !comment.deleted &&
      comment.editableUntil !== undefined &&
      Date.parse(comment.editableUntil) > Date.now()
    );
  }

  /** Opens the edit field of comment `id`, holding its text. */
  startEdit(id: string): void {
    const comment = this.#thread.comments.find((c) => c.id === id);
    if (!comment || this.busy) return;
    this.#set({ editing: id, deleting: null, text: comment.content, error: null });
    this.#source.focusAfterRender = `#comment-${CSS.escape(id)} textarea`;
  }

  /** Asks before comment `id` is deleted; focus goes to Cancel (a double press deletes nothing). */
  askDelete(id: string): void {
    if (this.busy) return;
    this.#set({ deleting: id, editing: null, error: null });
    this.#source.focusAfterRender = '[part="cancel-delete-button"]';
  }

  input(text: string): void {
    this.text = text;
  }

  /** Leaves the edit or the question unchanged; focus goes back to the button it started from. */
  cancel(): void {
    const id = this.editing ?? this.deleting;
    if (id === null) return;
    this.#call?.abort();
    const button = this.editing !== null ? 'edit' : 'delete';
    this.#set({ editing: null, deleting: null, error: null, busy: false });
    this.#source.focusAfterRender = `[data-${button}="${CSS.escape(id)}"]`;
  }

  /** Saves the edited text (validated as a post's text first). */
  async save(): Promise<void> {
    const id = this.editing;
    if (id === null || this.busy) return;
    const parsed = editSchema.safeParse({ content: this.text });
    if (!parsed.success) {
      this.#fail(
        new CommentAdapterError('invalid', 'The comment is not valid.', { fields: fieldErrors(parsed.error.issues) }),
      );
      return;
    }
    await this.#run(
      async (adapter, signal) => adapter.edit!(this.#source.thread, id, parsed.data, { signal }),
      commentSchema,
      (comment) => {
        this.#thread.replace(comment);
        this.#set({ editing: null, text: '' });
        this.#source.announce(this.#source.translation.commentUpdated);
        this.#source.focusAfterRender = articleOf(id);
      },
    );
  }

  /** Deletes the comment asked about. */
  async confirmDelete(): Promise<void> {
    const id = this.deleting;
    if (id === null || this.busy) return;
    const parentId = this.#thread.comments.find((c) => c.id === id)?.parentId ?? null;
    await this.#run(
      (adapter, signal) => adapter.remove!(this.#source.thread, id, { signal }),
      placeholderSchema,
      (placeholder) => {
        if (placeholder) this.#thread.replace(placeholder);
        else this.#thread.remove(id);
        this.#set({ deleting: null });
        this.#source.announce(this.#source.translation.commentDeleted);
        // The placeholder, or the comment it answered, or the list's heading.
        const parent = parentId && this.#thread.comments.some((c) => c.id === parentId) ? parentId : null;
        this.#source.focusAfterRender = placeholder ? articleOf(id) : parent ? articleOf(parent) : '#comments-title';
      },
    );
  }

  async #run<T extends Comment | null>(
    call: (adapter: CommentAdapter, signal: AbortSignal) => Promise<unknown>,
    schema: ZodMiniType<T>,
    done: (value: T) => void,
  ): Promise<void> {
    const source = this.#source;
    const controller = new AbortController();
    this.#call = controller;
    this.#set({ busy: true, error: null });
    try {
      const value = await callAdapter(source, source.adapter, controller, schema, call);
      if (value) await loadRenderers([value]);
      if (controller.signal.aborted) return;
      done(value);
    } catch (error) {
      const err = CommentAdapterError.from(error);
      if (err.code !== 'aborted') this.#fail(err);
      this.#host.dispatchEvent(new CommentBoxErrorEvent(err, 'change'));
    } finally {
      if (this.#call === controller) this.#set({ busy: false });
    }
  }

  /** Shows a failure beside the edit or the question, keeps the text, and moves focus to it. */
  #fail(error: CommentAdapterError): void {
    this.#set({ error });
    this.#source.announce(failureMessage(this.#source.translation, error));
    this.#source.focusAfterRender = '[part="edit-error"]';
  }
}
