/**
 * Makes an imported comment fit the shared schemas (`comment-box/schema.js`), as a posted one must:
 * the draft schema for text, name, email and website (lengths, clean text, the URL grammar), the
 * public comment schema for what readers are sent. What can be made to fit is: an author URL that
 * is not a safe http(s) URL becomes '', an email that is not one becomes '', a name over its limit
 * is cut, NUL bytes and lone surrogates are removed. What cannot (an empty or over-long body, a date
 * that is not one) is a failure with its reason; nothing is ever stored that does not fit.
 */
import { isIP } from 'node:net';
import { commentSchema, draftSchema, LIMITS } from 'comment-box/schema.js';

const draft = draftSchema({ requireNameEmail: false });
const publicDate = commentSchema.shape.createdAt;

export interface FitInput {
  content: string;
  name: string;
  email: string;
  url: string;
  /** A deleted placeholder: its text and author may be empty. */
  placeholder: boolean;
}

export type Fitted =
  | { ok: true; content: string; name: string; email: string; url: string; changed: string[] }
  | { ok: false; reason: string };

/** Without NUL bytes and lone surrogates. */
const clean = (s: string) => s.replaceAll('\0', '').toWellFormed();

/** At most `max` UTF-16 units, never cutting a surrogate pair in two. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = s.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  return out;
}

export function fitComment(input: FitInput): Fitted {
  const changed: string[] = [];
  let name = clean(input.name).trim();
  if (name.length > LIMITS.name) {
    name = cut(name, LIMITS.name).trim();
    changed.push('name cut to its limit');
  }
  const content = clean(input.content);
  const candidate = {
    content: input.placeholder && content.trim() === '' ? '-' : content,
    name,
    email: clean(input.email).trim().toLowerCase(),
    url: clean(input.url).trim(),
    parentId: null,
  };
  let parsed = draft.safeParse(candidate);
  if (!parsed.success) {
    const fields = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    if (fields.has('content')) {
      const key = parsed.error.issues.find((i) => i.path[0] === 'content')?.message;
      return {
        ok: false,
        reason: key === 'tooLong' ? `its text is longer than ${LIMITS.content}` : 'its text is empty once converted',
      };
    }
    if (fields.has('url')) {
      if (candidate.url !== '') changed.push('author URL dropped (not a safe http(s) URL)');
      candidate.url = '';
    }
    if (fields.has('email')) {
      if (candidate.email !== '') changed.push('email dropped (not an email address)');
      candidate.email = '';
    }
    if (fields.has('name')) return { ok: false, reason: 'its author name does not fit' };
    parsed = draft.safeParse(candidate);
    if (!parsed.success) return { ok: false, reason: 'it does not fit the comment schema' };
  }
  const data = parsed.data;
  return {
    ok: true,
    content: input.placeholder && content.trim() === '' ? '' : data.content,
    name: data.name,
    email: data.email,
    url: data.url,
    changed,
  };
}

/** An ISO 8601 date with a zone as the store keeps it (UTC, milliseconds), or null. */
export function storedDate(value: string): string | null {
  if (!publicDate.safeParse(value).success) return null;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  return publicDate.safeParse(iso).success ? iso : null;
}

/** An IP address as written, or '' when it is not one. */
export const cleanIp = (ip: string) => (isIP(ip.trim()) ? ip.trim() : '');

/** A user agent, cut as the server cuts the one of a post. */
export const cleanUserAgent = (ua: string) => cut(clean(ua), 500);
