/** A comment and its replies, as the list shows them. Pure functions of the state they are given. */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { renderTime } from '../../relative-time.js';
import { renderAvatar } from '../../avatar.js';
import { isHttpUrl, type Comment } from '../../schema.js';
import { UGC_REL } from '../body/format.js';
import { renderBody } from '../body/renderers.js';
import { isolate, type Translation } from '../../i18n/localize.js';
import type { EditingController } from '../controllers/editing-controller.js';

/** What a comment shows and how it answers the reader. */
export interface CommentView {
  readonly t: Translation;
  /** The element's language, for dates. */
  readonly lang: string;
  readonly closed: boolean;
  readonly maxDepth: number;
  /** The comment the form replies to, if any: the form renders inside it. */
  readonly replyTo: string | null;
  /** Renders again when a lazy body renderer arrives. */
  readonly host: ReactiveControllerHost & Element;
  readonly renderForm: () => TemplateResult;
  /** Changing the reader's own comments: what is being edited or asked about, and whether it may be. */
  readonly editing: Pick<EditingController, 'editing' | 'deleting' | 'text' | 'busy' | 'error' | 'canChange' | 'forms'>;
  readonly onEditInput: (event: Event) => void;
  readonly onEditSubmit: (event: Event) => void;
  readonly onConfirmDelete: () => void;
  readonly onCancelChange: () => void;
  /** Escape leaves an edit or the question before deleting. */
  readonly onChangeKeydown: (event: KeyboardEvent) => void;
}

/**
 * Comments at `depth`, replies to `parent`; at `max-depth` every deeper reply is listed flat at the
 * same level (`flat`), where each names whom it answers.
 */
export function renderItems(
  view: CommentView,
  list: readonly Comment[],
  children: Map<string | null, Comment[]>,
  depth: number,
  parent?: Comment,
  flat = false,
): TemplateResult[] {
  const out: TemplateResult[] = [];
  for (const comment of list) {
    const replies = children.get(comment.id) ?? [];
    // A deleted comment stays as a placeholder only while it has replies.
    if (comment.deleted && replies.length === 0) continue;
    const nested = depth < view.maxDepth;
    out.push(
      renderComment(
        view,
        comment,
        depth,
        nested && replies.length > 0
          ? html`<ol part="replies" class="replies">${renderItems(view, replies, children, depth + 1, comment)}</ol>`
          : nothing,
        // Deeper than a phone indents (see the styles), or listed flat: "in reply to …".
        parent && (flat || depth >= CUE_DEPTH) ? { parent, flat } : undefined,
      ),
    );
    if (!nested) out.push(...renderItems(view, replies, children, depth, comment, true));
  }
  return out;
}

/** The first depth a narrow element no longer indents (the styles' container query). */
const CUE_DEPTH = 4;

/**
 * "in reply to Marta", a link to the parent comment: always for a reply listed flat, otherwise
 * shown by the styles only where the indent stops (a narrow element). A fragment link does not
 * reach an id inside the shadow root: the list's click listener focuses the parent (`data-parent`).
 */
function renderParentLink(t: Translation, { parent, flat }: { parent: Comment; flat: boolean }) {
  return html`<a
    part="in-reply-to"
    class="in-reply-to${flat ? '' : ' deep'}"
    href="#comment-${parent.id}"
    data-parent=${parent.id}
    >${t.inReplyTo(isolate(parent.authorName.trim() || t.anonymous))}</a
  >`;
}

/** One comment (`li`), with the reply form when it is open under it, then `replies`. */
export function renderComment(
  view: CommentView,
  comment: Comment,
  depth: number,
  replies: TemplateResult | typeof nothing,
  cue?: { parent: Comment; flat: boolean },
) {
  const t = view.t;
  if (comment.deleted) {
    return html`<li part="comment" class="comment depth-${depth}" id="comment-${comment.id}"
      ><article part="article" tabindex="-1" aria-labelledby="comment-${comment.id}-deleted"
        ><p part="deleted-note" class="moderation" id="comment-${comment.id}-deleted"><em>${t.deleted}</em></p></article
      >${replies}</li
    >`;
  }
  const name = comment.authorName.trim() || t.anonymous;
  const headingId = `comment-${comment.id}-author`;
  const editing = view.editing;
  const isEditing = editing.editing === comment.id;
  const isDeleting = editing.deleting === comment.id;
  // No white space between the tags (the article is a grid, its header a flex box): a text node less
  // each, and a thousand comments hold a few thousand nodes less.
  return html`<li part="comment" class="comment depth-${depth}" id="comment-${comment.id}"
    ><article part="article" tabindex="-1" aria-labelledby=${headingId}
      >${renderAvatar(comment, name)}<header class="meta"
        ><bdi part="author" class="author" id=${headingId}
          >${
            comment.authorUrl && isHttpUrl(comment.authorUrl)
              ? html`<a href=${comment.authorUrl} rel=${UGC_REL} target="_blank">${name}</a>`
              : name
          }</bdi
        >${comment.byOwner ? html`<span part="owner-badge" class="owner">${t.ownerBadge}</span>` : nothing}${renderTime(
          comment.createdAt,
          view.lang,
        )}${
          comment.editedAt
            ? html`<span part="edited" class="edited" title=${new Date(comment.editedAt).toLocaleString(view.lang)}
                >${t.edited}</span
              >`
            : nothing
        }${cue ? renderParentLink(t, cue) : nothing}</header
      >${
        comment.status === 'pending'
          ? html`<p part="moderation-note" class="moderation"><em>${t.awaitingModeration}</em></p>`
          : nothing
      }${
        isEditing
          ? editing.forms?.renderEditForm(view, comment)
          : html`<div part="comment-body" class="body">${renderBody(view.host, comment)}</div>`
      }${isDeleting ? editing.forms?.renderDeleteQuestion(view, comment) : nothing}<div class="actions"
        >${
          view.closed || isEditing || isDeleting || comment.status === 'pending'
            ? nothing
            : html`<button
                part="reply-button"
                class="reply"
                data-reply=${comment.id}
                aria-label=${t.replyTo(isolate(name))}
                aria-expanded=${view.replyTo === comment.id ? 'true' : 'false'}
              >${t.reply}</button
              >`
        }${
          isEditing || isDeleting || !editing.canChange(comment)
            ? nothing
            : // The space before Edit, as between words.
              html` <button part="edit-button" class="reply" data-edit=${comment.id}
                >${t.edit}</button
              >
              <button part="delete-button" class="reply" data-delete=${comment.id}
                >${t.delete}</button
              >`
        }</div
      ></article
    >${view.replyTo === comment.id && !view.closed ? view.renderForm() : nothing}${replies}</li
  >`;
}
