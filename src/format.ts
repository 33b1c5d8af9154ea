/**
 * Renders a reader's comment text as Lit templates. Plain text (paragraphs, line breaks and bare
 * http(s) links) renders here; text with any Markdown syntax (`*`, `` ` ``, `[`, `\`, `>` quotes,
 * `~~~` fences) renders through markdown.ts, a separate module loaded the first time a comment needs
 * it, to the same markup for the same plain text. No HTML is ever parsed: every piece of text is a
 * Lit text binding, and only http(s) and mailto URLs become links.
 */
import { html, type TemplateResult } from 'lit';
import { isHttpUrl } from './schema.js';

/** `rel` for every link a reader wrote. */
export const UGC_REL = 'ugc nofollow noopener';

export type Part = string | TemplateResult;

/** The href for a URL a reader wrote, or null when it must not become a link. */
export function safeHref(raw: string): string | null {
  if (isHttpUrl(raw)) return new URL(raw).href;
  if (/^mailto:[^\s@/?#]+@[^\s@/?#]+$/i.test(raw)) {
    try {
      const url = new URL(raw);
      return url.protocol === 'mailto:' ? url.href : null;
    } catch {
      return null;
    }
  }
  return null;
}

export const link = (href: string, content: unknown) => html`<a href=${href} rel=${UGC_REL} target="_blank">${content}</a>`;

const BARE_URL = /https?:\/\/[^\s<>"'`]+/iy;
const TRAILING = /[.,;:!?)\]}'"»”’*_]+$/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The bare URL starting at `text[at]`, without trailing punctuation, and its href (null when it is
 * not a link). The caller checks that no letter or digit comes right before it.
 */
export function bareUrlAt(text: string, at: number): [url: string, href: string | null] {
  BARE_URL.lastIndex = at;
  let url = BARE_URL.exec(text)?.[0] ?? '';
  const trail = TRAILING.exec(url)?.[0] ?? '';
  // Keep a closing parenthesis that balances one in the URL (Wikipedia links).
  const drop = trail.startsWith(')') && url.slice(0, -trail.length).includes('(') ? trail.slice(1) : trail;
  url = url.slice(0, url.length - drop.length);
  return [url, url ? safeHref(url) : null];
}

/** True when `text` has syntax only the Markdown renderer handles. False positives are harmless. */
export function needsMarkdown(text: string): boolean {
  return /[\\`*[]|^ {0,3}(?:>|~~~)/m.test(text);
}

/** Line breaks and bare links of one plain paragraph. */
function renderPlainInline(text: string): Part[] {
  const parts: Part[] = [];
  const candidates = /\n|h(?=ttps?:\/\/)/gi;
  let from = 0;
  const pushText = (to: number) => {
    if (to > from) parts.push(text.slice(from, to));
  };
  for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
    const at = m.index;
    if (m[0] === '\n') {
      pushText(at);
      parts.push(html`<br />`);
      from = at + 1;
    } else if (!WORD_CHAR.test(text[at - 1] ?? ' ')) {
      const [url, href] = bareUrlAt(text, at);
      if (href) {
        pushText(at);
        parts.push(link(href, url));
        from = candidates.lastIndex = at + url.length;
      }
    }
  }
  pushText(text.length);
  return parts;
}

/**
 * Plain text as paragraphs (split at blank lines), line breaks and bare http(s) links: the same
 * markup the Markdown renderer makes of text without Markdown syntax.
 */
export function renderPlain(text: string): TemplateResult[] {
  const out: TemplateResult[] = [];
  let para: string[] = [];
  const endParagraph = () => {
    if (para.length > 0) out.push(html`<p dir="auto">${renderPlainInline(para.join('\n'))}</p>`);
    para = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') endParagraph();
    else para.push(line);
  }
  endParagraph();
  return out;
}
