/**
 * What a commenter wrote, made safe for an email: no mail client may turn it into a live link
 * (URLs and addresses are defanged: `hxxps://evil[.]example`, `x[@]y[.]example`, `evil[.]example`),
 * no HTML of theirs is ever interpreted (escaped in the HTML part), invisible characters that could
 * hide a link (zero-width spaces, bidi controls) are removed, and nothing of theirs ever reaches a
 * header (subjects are fixed text; see `mailer.ts`).
 */

/** Invisible characters and controls but line breaks and tabs. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]|[^\P{Cc}\n\t]/gu;

/**
 * `text` with every URL, email address and domain-like word defanged: schemes `http`→`hxxp`
 * (`ftp`→`fxp`, any other `scheme://` loses its `:`), `@` → `[@]`, and the dots of host names `[.]`.
 */
export function defang(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(INVISIBLE, '')
      .replace(/\r\n?/g, '\n')
      // Schemes: http(s)→hxxp(s), ftp→fxp, anything else://  → anything-else[:]//
      .replace(/\bh(t)tp(s?):/gi, (_m, _t: string, s: string) => `hxxp${s}:`)
      .replace(/\bftp:/gi, 'fxp:')
      .replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, (m, scheme: string) =>
        /^hxxps?$|^fxp$/i.test(scheme) ? m : `${scheme}[:]//`,
      )
      .replace(/\b(mailto|javascript|data|tel|sms|file):/gi, '$1[:]')
      // Any dot between two word characters of something that looks like a host (a.b, www.x, 1.2.3.4).
      .replace(/([\p{L}\p{N}_-])\.(?=[\p{L}\p{N}-])/gu, '$1[.]')
      .replace(/@/g, '[@]')
  );
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/** At most `max` characters, cut at a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, max = 2000): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** User text for the plain-text part: defanged, shortened, each line indented as a quote. */
export const quoteText = (text: string, max = 2000) =>
  excerpt(defang(text), max)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

/**
 * User text for the HTML part: defanged, escaped, line breaks kept (never a link, never an image).
 * Its bar is on the email's start side (`dir` of the email: right in Arabic and Hebrew); the text
 * takes its own direction (`dir="auto"`: an English comment in a Hebrew email reads left to right).
 */
export const quoteHtml = (text: string, max = 2000, dir: 'ltr' | 'rtl' = 'ltr') =>
  `<blockquote dir="auto" style="margin:0 0 1em;padding:.5em 1em;border-${dir === 'rtl' ? 'right' : 'left'}:3px solid #ccc;white-space:pre-wrap">${escapeHtml(excerpt(defang(text), max))}</blockquote>`;

/** A name for text (defanged, one line, at most 100 characters). */
export const safeName = (name: string) => excerpt(defang(name).replace(/\s+/g, ' ').trim(), 100) || '?';

/** An address as the desk shows it: `j***@example.com`. */
export function maskAddress(address: string | null): string | null {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  if (at < 0) return '***';
  return `${address.slice(0, Math.min(1, at))}***${address.slice(at)}`;
}
