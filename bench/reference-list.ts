/**
 * The bench's reference: a bare Lit element rendering the same comment DOM as <comment-box>
 * (same markup, same stylesheet) straight from an array, with none of the element's work:
 * no adapter, no validation, no form, no localization.
 */
import { html, LitElement, nothing, svg, type TemplateResult } from 'lit';
import { identicon } from '../src/avatar.js';
import { styles } from '../src/element/comment-box.styles.js';

interface BenchComment {
  id: string;
  parentId: string | null;
  authorName: string;
  authorUrl: string | null;
  avatarSeed: string;
  content: string;
  createdAt: string;
}

// Made on first render, as the element makes its own: the first Intl formatters cost ICU set-up.
let dateFormat: Intl.DateTimeFormat | undefined;
let relativeFormat: Intl.RelativeTimeFormat | undefined;
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

function time(iso: string): TemplateResult {
  const date = new Date(iso);
  const seconds = (date.getTime() - Date.now()) / 1000;
  relativeFormat ??= new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const [unit, size] = UNITS.find(([, size]) => Math.abs(seconds) >= size) ?? ['second', 1];
  const title = (dateFormat ??= new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' })).format(date);
  return html`<time class="date" datetime=${iso} title=${title}>${relativeFormat.format(Math.trunc(seconds / size), unit)}</time>`;
}

/** The same identicon markup as the element's (the cells are computed by the same function). */
function avatar(seed: string): TemplateResult {
  const { hue, path } = identicon(seed);
  return html`<svg class="avatar identicon" viewBox="-0.5 -0.5 6 6" width="36" height="36" aria-hidden="true" focusable="false" style="--_hue:${hue}"
    >${svg`<path d=${path} />`}</svg>`;
}

const LINK = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

function text(line: string): Array<string | TemplateResult> {
  const out: Array<string | TemplateResult> = [];
  let last = 0;
  for (const m of line.matchAll(LINK)) {
    if (m.index > last) out.push(line.slice(last, m.index));
    out.push(html`<a href=${m[0]} rel="ugc nofollow noopener" target="_blank">${m[0]}</a>`);
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push(line.slice(last));
  return out;
}

function paragraphs(content: string): TemplateResult[] {
  return content
    .split(/\n{2,}/)
    .map((p) => html`<p>${p.split('\n').map((line, i) => html`${i > 0 ? html`<br />` : nothing}${text(line)}`)}</p>`);
}

export class ReferenceList extends LitElement {
  static override styles = styles;
  static override properties = { comments: { attribute: false } };
  declare comments: BenchComment[];

  constructor() {
    super();
    this.comments = [];
  }

  override render() {
    const children = new Map<string | null, BenchComment[]>();
    for (const c of this.comments) {
      const list = children.get(c.parentId) ?? [];
      list.push(c);
      children.set(c.parentId, list);
    }
    const items = (list: BenchComment[], depth: number): TemplateResult[] =>
      list.map((c) => {
        const replies = children.get(c.id);
        return html`<li class="comment depth-${depth}" id="comment-${c.id}">
          <article tabindex="-1" aria-labelledby="comment-${c.id}-author">
            ${avatar(c.avatarSeed)}
            <header class="meta">
              <bdi class="author" id="comment-${c.id}-author"
                >${c.authorUrl ? html`<a href=${c.authorUrl} rel="ugc nofollow noopener" target="_blank">${c.authorName}</a>` : c.authorName}</bdi
              >
              ${time(c.createdAt)}
            </header>
            <div class="body">${paragraphs(c.content)}</div>
            <div class="actions"><button class="reply" data-reply=${c.id} aria-expanded="false">Reply</button></div>
          </article>
          ${replies ? html`<ol class="replies">${items(replies, depth + 1)}</ol>` : nothing}
        </li>`;
      });
    return html`<section class="base">
      <h2 class="count">${this.comments.length} comments</h2>
      <ol class="comment-list">${items(children.get(null) ?? [], 1)}</ol>
    </section>`;
  }
}
customElements.define('reference-list', ReferenceList);
