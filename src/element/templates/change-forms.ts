/**
 * The forms that change the reader's own comment: its text in a field (Save, Cancel), and the
 * question before deleting it. Loaded on the first Edit or Delete (most readers never need them).
 */
import { html, nothing } from 'lit';
import { LIMITS, type Comment } from '../../schema.js';
import { failureMessage } from '../../i18n/localize.js';
import type { CommentView } from './comment.js';

/** The failure of an edit or a delete, focusable (focus moves to it), announced by the status region. */
function renderChangeError(view: CommentView, id: string) {
  const { t, editing } = view;
  const error = editing.error;
  if (!error) return nothing;
  const key = error.fields.content?.[0];
  return html`<p part="edit-error" class="error" id="comment-${id}-change-error" tabindex="-1">
    ${key ? t.errors[key](t.editLabel, LIMITS.content) : failureMessage(t, error)}
  </p>`;
}

/** The comment's text in a field, with Save and Cancel (Escape cancels too). */
export function renderEditForm(view: CommentView, comment: Comment) {
  const { t, editing } = view;
  const fieldId = `comment-${comment.id}-edit`;
  return html`<form part="edit-form" class="edit-form" novalidate @submit=${view.onEditSubmit} @keydown=${view.onChangeKeydown}>
    <label for=${fieldId}>${t.editLabel}</label>
    <textarea
      id=${fieldId}
      part="edit-field"
      rows="5"
      maxlength=${LIMITS.content}
      .value=${editing.text}
      aria-invalid=${editing.error?.fields.content ? 'true' : 'false'}
      aria-describedby=${editing.error ? `comment-${comment.id}-change-error` : nothing}
      @input=${view.onEditInput}
    ></textarea>
    ${renderChangeError(view, comment.id)}
    <p class="form-submit">
      <button part="save-button" class="button" type="submit" aria-disabled=${editing.busy ? 'true' : 'false'}>
        ${t.save}
      </button>
      <button part="cancel-edit-button" class="button secondary" type="button" @click=${view.onCancelChange}>
        ${t.cancel}
      </button>
    </p>
  </form>`;
}

/** "Delete this comment?" with Delete and Cancel (focus starts on Cancel; Escape cancels). */
export function renderDeleteQuestion(view: CommentView, comment: Comment) {
  const { t, editing } = view;
  const questionId = `comment-${comment.id}-delete-question`;
  return html`<div
    part="delete-confirm"
    class="delete-confirm"
    role="group"
    aria-labelledby=${questionId}
    @keydown=${view.onChangeKeydown}
  >
    <p id=${questionId}>${t.confirmDelete}</p>
    ${renderChangeError(view, comment.id)}
    <p class="form-submit">
      <button
        part="confirm-delete-button"
        class="button"
        aria-disabled=${editing.busy ? 'true' : 'false'}
        @click=${view.onConfirmDelete}
      >
        ${t.delete}
      </button>
      <button part="cancel-delete-button" class="button secondary" @click=${view.onCancelChange}>${t.cancel}</button>
    </p>
  </div>`;
}
