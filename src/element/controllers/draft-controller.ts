import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  DRAFT_FIELDS,
  LIMITS,
  notifyWithoutEmail,
  validateDraft,
  type DraftField,
  type DraftResult,
  type FieldErrors,
} from '../../schema.js';
import { safeStorage, storageKeys, type SafeStorage } from '../../storage.js';

/** The details "Save my name, email, and website" keeps. */
const AUTHOR_FIELDS = ['name', 'email', 'url'] as const;

interface AuthorDetails {
  name: string;
  email: string;
  url: string;
}

/** What the form needs of its element. */
export interface DraftSource {
  /** The effective thread id (drafts are kept per thread and per reply target). */
  readonly thread: string;
  readonly requireNameEmail: boolean;
  /** The backend's latest page said it can email replies (`notifications`): the form offers it. */
  readonly notifications: boolean;
  /** The reader changed a field: what was being sent is no longer this submission. */
  onEdit(): void;
  /** The form was reset (moved, or its comment posted). */
  onReset(): void;
}

/**
 * The form's state: the values, which fields were touched and changed, whether a submit was tried,
 * and which comment it replies to; the draft of each target and the author's details in browser
 * storage (which never throws: see safeStorage). A field's error shows once it was touched and
 * changed, or after a submit attempt.
 */
export class DraftController implements ReactiveController {
  /** The comment the form replies to; `null`: the form at the end of the list. */
  replyTo: string | null = null;
  values: Record<DraftField, string> = { content: '', name: '', email: '', url: '' };
  touched = new Set<DraftField>();
  dirty = new Set<DraftField>();
  submitted = false;
  saveDetails = false;
  /**
   * "Notify me of follow-up comments by email." is checked: part of the draft (kept with its text
   * across reloads), sent as `notify: true` only while the backend offers notifications.
   */
  notify = false;
  /** Errors the backend named for fields, shown until the field changes. */
  serverErrors: FieldErrors = {};
  /** Storage refused a draft: said once, in a note under the comment field. */
  draftUnsaved = false;

  #storage: SafeStorage = safeStorage(null);

  readonly #host: ReactiveControllerHost;
  readonly #source: DraftSource;

  constructor(host: ReactiveControllerHost, source: DraftSource) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  hostConnected(): void {
    this.#storage = safeStorage();
    this.#restoreDetails();
    this.restoreDraft();
  }

  #set(
    patch: Partial<
      Pick<
        DraftController,
        | 'replyTo'
        | 'values'
        | 'touched'
        | 'dirty'
        | 'submitted'
        | 'saveDetails'
        | 'notify'
        | 'serverErrors'
        | 'draftUnsaved'
      >
    >,
  ): void {
    Object.assign(this, patch);
    this.#host.requestUpdate();
  }

  #draftKey(target: string | null = this.replyTo): string {
    return storageKeys.draft(this.#source.thread, target);
  }

  /** Where the draft of `target` keeps its notify box (`1` while checked). */
  #notifyKey(target: string | null = this.replyTo): string {
    return `${this.#draftKey(target)}:notify`;
  }

  /**
   * The form's values checked against the draft schema. Notify without an email is reported with
   * the other fields' errors too (the schema's own check waits for them to pass).
   */
  validation(): DraftResult {
    // `notify` only while checked and offered by the backend.
    const input = {
      ...this.values,
      parentId: this.replyTo,
      ...(this.notify && this.#source.notifications && { notify: true }),
    };
    const result = validateDraft(input, { requireNameEmail: this.#source.requireNameEmail });
    if (!result.success && notifyWithoutEmail(input)) result.errors.email ??= ['required'];
    return result;
  }

  /** Errors to show now: a field's own once touched and changed, every field after a submit attempt. */
  visibleErrors(): FieldErrors {
    // None shows before a field is touched or a post is tried: the form is not validated (a zod
    // schema built and run) for every render of a long list until then.
    const result = (this.submitted || this.touched.size > 0) && this.validation();
    const errors: FieldErrors = result && !result.success ? result.errors : {};
    const shown: FieldErrors = {};
    for (const field of DRAFT_FIELDS) {
      const keys = errors[field] ?? this.serverErrors[field];
      if (keys && (this.submitted || (this.touched.has(field) && this.dirty.has(field)))) shown[field] = keys;
    }
    return shown;
  }

  #restoreDetails(): void {
    const raw = this.#storage.get(storageKeys.author);
    if (!raw) return;
    try {
      const saved = JSON.parse(raw) as Partial<AuthorDetails>;
      if (typeof saved !== 'object' || saved === null) return;
      const values = { ...this.values };
      for (const field of AUTHOR_FIELDS) {
        const value = saved[field];
        values[field] = typeof value === 'string' ? value.slice(0, LIMITS[field]) : '';
      }
      this.#set({ values, saveDetails: true });
    } catch {
      this.#storage.remove(storageKeys.author);
    }
  }

  /** The comment field (and the notify box) show the saved draft of the current target (empty if none). */
  restoreDraft(): void {
    this.#set({
      values: { ...this.values, content: this.#storage.get(this.#draftKey()) ?? '' },
      notify: this.#storage.get(this.#notifyKey()) === '1',
    });
  }

  /** The reader typed `value` into `field`. */
  input(field: DraftField, value: string): void {
    this.#set({ values: { ...this.values, [field]: value }, dirty: new Set(this.dirty).add(field) });
    // A changed comment is a new submission: a retry (or a post waiting to go online) must not
    // replay the old one.
    this.#source.onEdit();
    if (this.serverErrors[field]) this.#set({ serverErrors: { ...this.serverErrors, [field]: undefined } });
    if (field === 'content') {
      if (value === '') this.#storage.remove(this.#draftKey());
      else if (!this.#storage.set(this.#draftKey(), value)) this.#set({ draftUnsaved: true });
    }
  }

  /** Focus left `field`. */
  blur(field: DraftField): void {
    if (!this.touched.has(field)) this.#set({ touched: new Set(this.touched).add(field) });
  }

  /** "Save my name, email, and website": unchecking forgets what was saved. */
  setSaveDetails(save: boolean): void {
    this.#set({ saveDetails: save });
    if (!save) this.#storage.remove(storageKeys.author);
  }

  /** "Notify me of follow-up comments by email.": a changed draft, kept with its text. */
  setNotify(notify: boolean): void {
    this.#set({ notify });
    this.#source.onEdit();
    if (notify) this.#storage.set(this.#notifyKey(), '1');
    else this.#storage.remove(this.#notifyKey());
  }

  /** A submit was tried: every field's error shows from now on; backend errors are replaced by `errors`. */
  markSubmitted(): void {
    this.#set({ submitted: true });
  }

  /** The backend refused the post for these fields. */
  setServerErrors(errors: FieldErrors): void {
    this.#set({ serverErrors: errors });
  }

  /** Moves the form under a comment (or back to the end with `null`), keeping each target's draft. */
  setReplyTo(id: string | null): void {
    if (id !== this.replyTo) this.reset(id);
  }

  /** A fresh form for `target`: its saved draft, no errors, a new submission. */
  reset(target: string | null): void {
    this.#set({ replyTo: target, touched: new Set(), dirty: new Set(), submitted: false, serverErrors: {} });
    this.restoreDraft();
    this.#source.onReset();
  }

  /** The comment for `target` was posted: its draft goes, and the author's details are kept if asked. */
  posted(target: string | null): void {
    this.#storage.remove(this.#draftKey(target));
    this.#storage.remove(this.#notifyKey(target));
    if (this.saveDetails) {
      const { name, email, url } = this.values;
      this.#storage.set(storageKeys.author, JSON.stringify({ name, email, url } satisfies AuthorDetails));
    }
  }
}
