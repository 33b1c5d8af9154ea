/**
 * Renders a reader's comment text as Lit templates: paragraphs, line breaks and bare http(s) links.
 * No HTML is ever parsed; every piece of text goes through a Lit text binding.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isHttpUrl } from './schema.js';

/** `rel` for every link a reader wrote. */
export const UGC_REL = 'ugc nofollow noopener';

const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}'"»”’]+$/;

/** A line with bare http(s) URLs turned into safe links. */
export function renderLinks(text: string): Array<string | TemplateResult> {
  const out: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    let url = match[0];
    // Leave closing punctuation (and an unbalanced closing parenthesis) out of the link.
    const trail = TRAILING.exec(url)?.[0] ?? '';
    if (trail) {
      let keep = trail;
      if (trail.startsWith(')') && url.slice(0, -trail.length).includes('(')) keep = trail.slice(1);
      url = url.slice(0, url.length - keep.length);
    }
    const start = match.index;
    if (!isHttpUrl(url)) continue;
    if (start > last) out.push(text.slice(last, start));
    out.push(html`<a href=${url} rel=${UGC_REL} target="_blank">${url}</a>`);
    last = start + url.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Plain text as paragraphs (blank lines) with line breaks kept. */
export function renderPlainText(text: string): TemplateResult[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map(
      (paragraph) =>
        html`<p>${paragraph.split('\n').map((line, i) => html`${i > 0 ? html`<br />` : nothing}${renderLinks(line)}`)}</p>`,
    );
}
