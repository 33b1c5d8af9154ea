/** A comment and its replies, as the list shows them. Pure functions of the state they are given. */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { renderTime } from '../../relative-time.js';
import { renderAvatar } from '../../avatar.js';
import { isHttpUrl, type Comment } from '../../schema.js';
import { UGC_REL } from '../body/format.js';
import { renderBody } from '../body/renderers.js';
import { isolate, type Translation } from '../../i18n/localize.js';

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
  /** One listener for every Reply button (not a closure per comment): the button names its comment in `data-reply`. */
  readonly onReplyClick: (event: Event) => void;
  readonly renderForm: () => TemplateResult;
}

/** Comments at `depth`; at `max-depth` every deeper reply is listed flat at the same level. */
export function renderItems(
  view: CommentView,
  list: readonly Comment[],
  children: Map<string | null, Comment[]>,
  depth: number,
): TemplateResult[] {
  const out: TemplateResult[] = [];
  for (const comment of list) {
    const replies = children.get(comment.id) ?? [];
    const nested = depth < view.maxDepth;
    out.push(
      renderComment(
        view,
        comment,
        depth,
        nested && replies.length > 0
          ? html`<ol part="replies" class="replies">${renderItems(view, replies, children, depth + 1)}</ol>`
          : nothing,
      ),
    );
    if (!nested) out.push(...renderItems(view, replies, children, depth));
  }
  return out;
}

/** One comment (`li`), with the reply form when it is open under it, then `replies`. */
export function renderComment(
  view: CommentView,
  comment: Comment,
  depth: number,
  replies: TemplateResult | typeof nothing,
) {
  const t = view.t;
  const name = comment.authorName.trim() || t.anonymous;
  const headingId = `comment-${comment.id}-author`;
  return html`
    <li part="comment" class="comment depth-${depth}" id="comment-${comment.id}">
      <article tabindex="-1" aria-labelledby=${headingId}>
        <header class="meta">
          ${renderAvatar(comment, name)}
          <bdi part="author" class="author" id=${headingId}
            >${
              comment.authorUrl && isHttpUrl(comment.authorUrl)
                ? html`<a href=${comment.authorUrl} rel=${UGC_REL} target="_blank">${name}</a>`
                : name
            }</bdi
          >
          ${renderTime(comment.createdAt, view.lang)}
        </header>
        ${
          comment.status === 'pending'
            ? html`<p part="moderation-note" class="moderation"><em>${t.awaitingModeration}</em></p>`
            : nothing
        }
        <div part="comment-body" class="body"
          >${renderBody(view.host, comment)}</div
        >
        ${
          view.closed
            ? nothing
            : html`<button
              part="reply-button"
              class="reply"
              data-reply=${comment.id}
              aria-label=${t.replyTo(isolate(name))}
              aria-expanded=${view.replyTo === comment.id ? 'true' : 'false'}
              @click=${view.onReplyClick}
            >
              ${t.reply}
            </button>`
        }
      </article>
      ${view.replyTo === comment.id && !view.closed ? view.renderForm() : nothing}
      ${replies}
    </li>
  `;
}
