import type { ReactiveController } from 'lit';
import { CommentAdapterError } from '../../adapters/types.js';
import type { Comment } from '../../schema.js';
import type { PostingHost, PostingSource } from './posting-controller.js';
import type { ThreadController } from './thread-controller.js';
import { failureMessage } from '../../i18n/localize.js';

/** The state a change sets. */
export type ChangeState = Partial<Pick<EditingController, 'editing' | 'deleting' | 'text' | 'busy' | 'error'>>;

/** What saving and deleting (`change.ts`, loaded on first use) need of the controller. */
export interface ChangeContext {
  readonly host: PostingHost;
  readonly source: PostingSource;
  readonly thread: ThreadController;
  set(patch: ChangeState): void;
  fail(error: CommentAdapterError): void;
}

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
  /** The forms of a change and what saves and deletes, loaded on the first Edit or Delete. */
  forms: typeof import('./change.js') | undefined;

  /** The save or delete in flight. */
  inFlight: AbortController | undefined;

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
    this.inFlight?.abort();
  }

  /** What the lazy half (saving, deleting: `change.ts`) needs of this controller and its element. */
  get #context(): ChangeContext {
    return {
      host: this.#host,
      source: this.#source,
      thread: this.#thread,
      set: (patch) => this.#set(patch),
      fail: (error) => this.#fail(error),
    };
  }

  #set(patch: ChangeState): void {
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

  /** Loads the forms of a change once; false when they could not be loaded (offline). */
  async #loadForms(): Promise<boolean> {
    try {
      this.forms ??= await import('./change.js');
      return true;
    } catch (error) {
      this.#source.announce(failureMessage(this.#source.translation, CommentAdapterError.from(error)));
      return false;
    }
  }

  /** Opens the edit field of comment `id`, holding its text. */
  async startEdit(id: string): Promise<void> {
    const comment = this.#thread.comments.find((c) => c.id === id);
    if (!comment || this.busy || !(await this.#loadForms())) return;
    this.#set({ editing: id, deleting: null, text: comment.content, error: null });
    this.#source.focusAfterRender = `#comment-${CSS.escape(id)} textarea`;
  }

  /** Asks before comment `id` is deleted; focus goes to Cancel (a double press deletes nothing). */
  async askDelete(id: string): Promise<void> {
    if (this.busy || !(await this.#loadForms())) return;
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
    this.inFlight?.abort();
    const button = this.editing !== null ? 'edit' : 'delete';
    this.#set({ editing: null, deleting: null, error: null, busy: false });
    this.#source.focusAfterRender = `[data-${button}="${CSS.escape(id)}"]`;
  }

  /** Saves the edited text (validated as a post's text first). */
  save(): Promise<void> {
    return this.forms?.save(this, this.#context) ?? Promise.resolve();
  }

  /** Deletes the comment asked about. */
  confirmDelete(): Promise<void> {
    return this.forms?.confirmDelete(this, this.#context) ?? Promise.resolve();
  }

  /** Shows a failure beside the edit or the question, keeps the text, and moves focus to it. */
  #fail(error: CommentAdapterError): void {
    this.#set({ error });
    this.#source.announce(failureMessage(this.#source.translation, error));
    this.#source.focusAfterRender = '[part="edit-error"]';
  }
}
