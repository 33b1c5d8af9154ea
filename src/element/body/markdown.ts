/**
 * The Markdown subset of comment bodies: paragraphs, line breaks, `**bold**`, `*italic*`, `` `code` ``,
 * fenced code blocks, `> quotes`, bare http(s) links and `[text](url)` links. Only http(s) and mailto
 * URLs become links; anything else stays the literal text the reader typed. No HTML is ever parsed:
 * every piece of text is a Lit text binding.
 *
 * A separate module, loaded only when a comment uses any of that syntax (see `needsMarkdown` in
 * format.ts); plain comments render through format.ts alone, to the same markup.
 *
 * Every step is linear in the length of the text (no backtracking regular expressions, no rescans),
 * and nesting is capped, so hostile input (10,000 nested quotes) renders quickly. Each block takes
 * its direction from its own text (`dir="auto"`), so English comments read right in an Arabic page.
 */
import { html, type TemplateResult } from 'lit';
import { bareUrlAt, link, safeHref, type Part } from './format.js';

/** Deeper quote markers stay literal text. */
const MAX_QUOTE_DEPTH = 6;
/** Deeper emphasis keeps its text but adds no more elements. */
const MAX_EMPHASIS_DEPTH = 8;

// ---- inline -------------------------------------------------------------------------------------

/** `(url)` right after `]`: no whitespace, parentheses balanced one level deep. */
const LINK_DEST = /\(([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)\)/y;
const PUNCT = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;

interface Delim {
  /** Index in the token list. */
  at: number;
  left: number;
  /** Tags opened (innermost first) or closed (innermost first) by this run. */
  opens: Array<'em' | 'strong'>;
  closes: Array<'em' | 'strong'>;
}

/** Inline Markdown of one paragraph (or link text, with `links` false). */
export function renderInline(text: string, links = true): Part[] {
  const tokens: Array<Part | Delim> = [];
  const stack: Delim[] = [];
  const noCloser = new Map<number, number>(); // backtick run length -> no closer at or after
  let bracketLiteralUntil = -1;
  let noBracketFrom = Infinity;
  let noBareUrlUntil = 0;
  let buf = '';
  const flush = () => {
    if (buf) tokens.push(buf);
    buf = '';
  };

  for (let i = 0; i < text.length;) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1]!)) {
      buf += text[i + 1];
      i += 2;
    } else if (ch === '\n') {
      flush();
      tokens.push(html`<br />`);
      i++;
    } else if (ch === '`') {
      let n = 1;
      while (text[i + n] === '`') n++;
      const close = findBackticks(text, i + n, n, noCloser);
      if (close < 0) {
        buf += text.slice(i, i + n);
      } else {
        flush();
        let code = text.slice(i + n, close).replace(/\n/g, ' ');
        if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
        tokens.push(html`<code>${code}</code>`);
      }
      i = close < 0 ? i + n : close + n;
    } else if (ch === '[' && links && i > bracketLiteralUntil && i < noBracketFrom) {
      const end = text.indexOf(']', i + 1);
      if (end < 0) {
        noBracketFrom = i;
        buf += ch;
        i++;
        continue;
      }
      const inner = text.lastIndexOf('[', end);
      if (inner !== i) {
        // Only the last `[` before this `]` can open a link; the ones before it are literal.
        bracketLiteralUntil = inner - 1;
        buf += ch;
        i++;
        continue;
      }
      LINK_DEST.lastIndex = end + 1;
      const dest = LINK_DEST.exec(text);
      const href = dest && end > i + 1 ? safeHref(dest[1]!) : null;
      if (href) {
        flush();
        tokens.push(link(href, renderInline(text.slice(i + 1, end), false)));
        i = LINK_DEST.lastIndex;
      } else {
        buf += ch;
        i++;
      }
    } else if (ch === '*') {
      let n = 1;
      while (text[i + n] === '*') n++;
      const before = text[i - 1] ?? ' ';
      const after = text[i + n] ?? ' ';
      const left = !SPACE.test(after) && (!PUNCT.test(after) || SPACE.test(before) || PUNCT.test(before));
      const right = !SPACE.test(before) && (!PUNCT.test(before) || SPACE.test(after) || PUNCT.test(after));
      flush();
      const run: Delim = { at: tokens.length, left: n, opens: [], closes: [] };
      tokens.push(run);
      if (right) {
        // Close against the nearest openers (the top of the stack always matches a `*` run).
        while (run.left > 0 && stack.length > 0) {
          const opener = stack[stack.length - 1]!;
          const use = opener.left >= 2 && run.left >= 2 ? 2 : 1;
          const tag = use === 2 ? 'strong' : 'em';
          opener.opens.push(tag);
          run.closes.push(tag);
          opener.left -= use;
          run.left -= use;
          if (opener.left === 0) stack.pop();
        }
      }
      if (left && run.left > 0) stack.push(run);
      i += n;
    } else if (
      links &&
      (ch === 'h' || ch === 'H') &&
      i >= noBareUrlUntil &&
      !/[\p{L}\p{N}]/u.test(text[i - 1] ?? ' ')
    ) {
      const [url, href, run] = bareUrlAt(text, i);
      if (href) {
        flush();
        tokens.push(link(href, url));
        i += url.length;
      } else {
        // No other bare URL inside this run (see bareUrlAt), as in format.ts.
        noBareUrlUntil = i + run;
        buf += ch;
        i++;
      }
    } else {
      buf += ch;
      i++;
    }
  }
  flush();
  return build(tokens);
}

/** Index of the next run of exactly `n` backticks at or after `from`, or -1 (remembered per `n`). */
function findBackticks(text: string, from: number, n: number, noCloser: Map<number, number>): number {
  if (from >= (noCloser.get(n) ?? Infinity)) return -1;
  const fence = '`'.repeat(n);
  for (let at = text.indexOf(fence, from); at >= 0; at = text.indexOf(fence, at)) {
    let end = at + n;
    while (text[end] === '`') end++;
    if (end - at === n) return at;
    at = end;
  }
  noCloser.set(n, from);
  return -1;
}

/** Turns the token list, with matched delimiter runs, into nested `<strong>`/`<em>` templates. */
function build(tokens: ReadonlyArray<Part | Delim>): Part[] {
  const frames: Array<{ tag: 'em' | 'strong' | null; parts: Part[] }> = [{ tag: null, parts: [] }];
  const top = () => frames[frames.length - 1]!;
  for (const token of tokens) {
    if (typeof token === 'string' || !('opens' in token)) {
      top().parts.push(token);
      continue;
    }
    // Closers first (innermost first), then leftover literal stars, then openers (outermost first).
    for (let k = 0; k < token.closes.length; k++) {
      const { tag, parts } = frames.pop()!;
      // A frame past the depth cap shares its parent's parts: its text stays, unwrapped.
      if (tag) top().parts.push(tag === 'strong' ? html`<strong>${parts}</strong>` : html`<em>${parts}</em>`);
    }
    if (token.left > 0) top().parts.push('*'.repeat(token.left));
    for (let k = token.opens.length - 1; k >= 0; k--) {
      const deep = frames.length > MAX_EMPHASIS_DEPTH;
      frames.push({ tag: deep ? null : token.opens[k]!, parts: deep ? top().parts : [] });
    }
  }
  // Every opener in `opens` was matched by a later closer, so only the root frame is left.
  return frames[0]!.parts;
}

// ---- blocks -------------------------------------------------------------------------------------

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const QUOTE = /^ {0,3}> ?/;

/** Block Markdown of a list of lines: fenced code, quotes and paragraphs. */
function renderBlocks(lines: readonly string[], depth: number): TemplateResult[] {
  const out: TemplateResult[] = [];
  let para: string[] = [];
  const endParagraph = () => {
    if (para.length > 0) out.push(html`<p dir="auto">${renderInline(para.join('\n'))}</p>`);
    para = [];
  };
  for (let i = 0; i < lines.length;) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
      endParagraph();
      const marker = fence[1]!;
      const code: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const close = lines[j]!.trim();
        if (close.startsWith(marker) && [...close].every((c) => c === marker[0])) break;
        code.push(lines[j]!);
      }
      // An unclosed fence runs to the end of the comment.
      out.push(html`<pre dir="ltr"><code>${code.join('\n')}</code></pre>`);
      i = j + 1;
    } else if (depth < MAX_QUOTE_DEPTH && QUOTE.test(line)) {
      endParagraph();
      const inner: string[] = [];
      for (; i < lines.length && QUOTE.test(lines[i]!); i++) inner.push(lines[i]!.replace(QUOTE, ''));
      out.push(html`<blockquote dir="auto">${renderBlocks(inner, depth + 1)}</blockquote>`);
    } else if (line.trim() === '') {
      endParagraph();
      i++;
    } else {
      para.push(line);
      i++;
    }
  }
  endParagraph();
  return out;
}

/** A comment's text as Markdown templates. */
export function renderMarkdown(text: string): TemplateResult[] {
  return renderBlocks(text.replace(/\r\n?/g, '\n').split('\n'), 0);
}
