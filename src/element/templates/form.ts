/**
 * The "Leave a Reply" form: heading, fields with their errors, the post's failure, the offline note
 * and the submit button. A pure function of the state it is given.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CommentAdapterError } from '../../adapters/types.js';
import { LIMITS, type Comment, type DraftField, type FieldErrors } from '../../schema.js';
import type { DraftController } from '../controllers/draft-controller.js';
import type { PostingController } from '../controllers/posting-controller.js';
import { failureMessage, isolate, type Translation } from '../../i18n/localize.js';
import { renderPreviewable, type PreviewView } from './preview.js';

/** What the form shows and how it answers the reader. */
export interface FormView {
  readonly t: Translation;
  readonly draft: Pick<DraftController, 'values' | 'saveDetails' | 'draftUnsaved' | 'notify'>;
  readonly posting: Pick<PostingController, 'posting' | 'postError' | 'queued' | 'wait'>;
  /** The errors to show now (see DraftController.visibleErrors). */
  readonly errors: FieldErrors;
  /** The comment replied to, if the form is under one. */
  readonly target: Comment | undefined;
  readonly requireNameEmail: boolean;
  /** The backend can email replies: the form offers "Notify me of follow-up comments by email." */
  readonly notifications: boolean;
  readonly onSubmit: (event: SubmitEvent) => void;
  readonly onKeydown: (event: KeyboardEvent) => void;
  readonly onCancelReply: () => void;
  readonly onInput: (field: DraftField, event: Event) => void;
  readonly onBlur: (field: DraftField) => void;
  readonly onSaveDetailsChange: (event: Event) => void;
  readonly onNotifyChange: (event: Event) => void;
  /** Write/Preview of the comment field (see preview.ts). */
  readonly preview: PreviewView;
}

export function renderForm(view: FormView): TemplateResult {
  const { t, target } = view;
  const targetName = target && (target.authorName.trim() || t.anonymous);
  const required = view.requireNameEmail;
  const notify = view.notifications && view.draft.notify;
  const { postError, queued, posting, wait } = view.posting;
  return html`
    <div part="respond" class="respond" id="respond">
      <div class="respond-header">
        <h2 part="form-heading" id="reply-title" class="reply-title">
          ${targetName ? withBdi(t.leaveReplyTo(isolate(targetName)), targetName) : t.leaveReply}
        </h2>
        ${
          target
            ? html`<button part="cancel-reply" class="link-button" @click=${view.onCancelReply}>${t.cancelReply}</button>`
            : nothing
        }
      </div>
      <form part="form" novalidate aria-labelledby="reply-title" @submit=${view.onSubmit} @keydown=${view.onKeydown}>
        <p class="notes">
          <span id="email-notes">${t.emailNotPublished}</span>
          <span class="required-text">${markRequired(t.requiredFieldsMarked)}</span>
        </p>
        ${renderPreviewable(view.preview, renderField(view, 'content', t.commentLabel, true))}
        ${view.draft.draftUnsaved ? html`<p part="draft-note" class="note" id="draft-note">${t.draftNotSaved}</p>` : nothing}
        ${renderField(view, 'name', t.nameLabel, required)}
        ${renderField(view, 'email', t.emailLabel, required || notify)}
        ${renderField(view, 'url', t.websiteLabel, false)}
        <p class="field checkbox">
          <input id="save-details" type="checkbox" .checked=${view.draft.saveDetails} @change=${view.onSaveDetailsChange} />
          <label for="save-details">${t.saveDetails}</label>
        </p>
        ${view.notifications ? renderNotify(view, notify) : nothing}
        ${postError ? renderPostError(view, postError) : nothing}
        ${queued ? html`<p part="offline-note" class="note">${t.savedOffline}</p>` : nothing}
        <p class="submit">
          <button part="submit-button" class="button" type="submit" aria-disabled=${posting || wait > 0}>
            ${posting ? t.posting : t.postComment}
          </button>
        </p>
      </form>
    </div>
  `;
}

/**
 * "Notify me of follow-up comments by email." (WordPress plugins' words), as "Save my name…" is
 * drawn; while checked, a note under it that the checkbox names as its description.
 */
function renderNotify({ t, onNotifyChange }: FormView, checked: boolean): TemplateResult {
  return html`<p class="field checkbox">
      <input
        part="notify"
        id="notify"
        type="checkbox"
        .checked=${checked}
        aria-describedby=${checked ? 'notify-note' : nothing}
        @change=${onNotifyChange}
      />
      <label part="notify-label" for="notify">${t.notifyReplies}</label>
    </p>
    ${checked ? html`<p part="notify-note" class="note" id="notify-note">${t.notifyConfirm}</p>` : nothing}`;
}

/**
 * Why the post failed: one message, announced once (by the element's status region, not here), and
 * focused after the failure; Post Comment is the one way to try again. A rate limit counts down.
 */
function renderPostError(view: FormView, error: CommentAdapterError): TemplateResult {
  const { t, posting } = view;
  return html`<p part="form-error" class="form-error" tabindex="-1">
    ${posting.wait ? t.failures['rate-limited'](posting.wait) : failureMessage(t, error)}
  </p>`;
}

function renderField(view: FormView, field: DraftField, label: string, required: boolean) {
  const { t, draft } = view;
  const keys = view.errors[field];
  const id = field === 'content' ? 'comment' : field;
  const errorId = `${id}-error`;
  const invalid = keys !== undefined && keys.length > 0;
  const note = field === 'email' ? 'email-notes' : field === 'content' && draft.draftUnsaved ? 'draft-note' : '';
  const describedBy = [note, invalid ? errorId : ''].filter(Boolean).join(' ');
  const max = LIMITS[field];
  // The Website field is `type=text` (with the URL keyboard): the element accepts a bare domain,
  // which the native `type=url` check would expose as invalid.
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
          .value=${draft.values.content}
          @input=${(e: Event) => view.onInput('content', e)}
          @blur=${() => view.onBlur('content')}
        ></textarea>`
      : html`<input
          part="input"
          id=${id}
          name=${field}
          type=${field === 'email' ? 'email' : 'text'}
          inputmode=${field === 'url' ? 'url' : nothing}
          autocomplete=${field === 'url' ? 'url' : field}
          maxlength=${max}
          ?required=${required}
          aria-required=${required ? 'true' : 'false'}
          aria-invalid=${invalid ? 'true' : nothing}
          aria-describedby=${describedBy || nothing}
          .value=${draft.values[field]}
          @input=${(e: Event) => view.onInput(field, e)}
          @blur=${() => view.onBlur(field)}
        />`;
  return html`<p class="field field-${field}">
    <label for=${id}>${label}${required ? html` <span class="required" aria-hidden="true">*</span>` : nothing}</label>
    ${control}
    ${
      invalid
        ? html`<span part="field-error" class="field-error" id=${errorId}
          >${keys.map((k) => (Object.hasOwn(t.errors, k) ? t.errors[k] : t.errors.invalidType)(label, max)).join(' ')}</span
        >`
        : nothing
    }
  </p>`;
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
