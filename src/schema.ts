/**
 * The shared truth of comment-box: field limits, zod schemas and error keys.
 *
 * This module is imported by the browser element, every adapter and the reference server, so it
 * uses `zod/mini` (about 6 kB gzipped) and nothing else. Error messages are message *keys*
 * (see {@link ErrorKey}); the element localizes them, the server returns them as-is.
 */
import * as z from 'zod/mini';

/** Field length limits, the same as WordPress's `comment_form()` and its database columns. */
export const LIMITS = {
  content: 65525,
  name: 245,
  email: 100,
  url: 200,
} as const;

/** Keys for every validation error a field can carry. Localized by the element. */
export const ERROR_KEYS = [
  'required',
  'tooLong',
  'invalidEmail',
  'invalidUrl',
  'unsafeUrl',
  'invalidText',
  'invalidParent',
  'invalidType',
  'unknownField',
] as const;
export type ErrorKey = (typeof ERROR_KEYS)[number];

/** Draft fields a reader fills in, in the form's order. */
export const DRAFT_FIELDS = ['content', 'name', 'email', 'url'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** True when `value` has no NUL byte and no lone UTF-16 surrogate. */
export function isCleanText(value: string): boolean {
  return !value.includes('\0') && value.isWellFormed();
}

/** `javascript:`, `data:`, `mailto:` … : a scheme followed by something that is not a port. */
const SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d+(?:[/?#]|$))/i;

/**
 * Normalizes what a reader typed as a website: trims it, and gives a bare domain
 * (`example.com/about`) an `https://` prefix. A value with any other scheme is kept as typed so
 * that validation can reject it with a clear message rather than silently rewriting it.
 */
export function normalizeUrl(input: string): string {
  const value = input.trim();
  if (value === '' || SCHEME.test(value) || value.startsWith('//')) return value;
  return `https://${value}`;
}

/** True for an absolute `http:` or `https:` URL with a host. The only URLs that become links. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function hasUnsafeScheme(value: string): boolean {
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  return scheme !== undefined && scheme !== 'http' && scheme !== 'https';
}

const cleanText = () => z.refine<string>(isCleanText, { error: 'invalidText', abort: true });

/** A trimmed text field that must not be empty. */
const requiredText = (max: number) =>
  z.string({ error: 'invalidType' }).check(
    cleanText(),
    z.trim(),
    z.minLength(1, { error: 'required', abort: true }),
    z.maxLength(max, { error: 'tooLong' }),
  );

/** A trimmed text field that may be empty. */
const optionalText = (max: number) =>
  z.string({ error: 'invalidType' }).check(cleanText(), z.trim(), z.maxLength(max, { error: 'tooLong' }));

const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\.]{2,}$/;

const emailCheck = z.refine<string>((v) => v === '' || EMAIL.test(v), { error: 'invalidEmail' });

const urlField = z.string({ error: 'invalidType' }).check(
  cleanText(),
  z.overwrite(normalizeUrl),
  z.maxLength(LIMITS.url, { error: 'tooLong', abort: true }),
  z.refine((v) => !hasUnsafeScheme(v), { error: 'unsafeUrl', abort: true }),
  z.refine((v) => v === '' || isHttpUrl(v), { error: 'invalidUrl' }),
);

/** Options that change which draft fields are required. */
export interface DraftRules {
  /** Name and email required, as WordPress's "Comment author must fill out name and email". */
  requireNameEmail: boolean;
}

/**
 * The schema for a comment a reader submits. Strict: unknown keys (`status`, `id`, …) are refused,
 * never silently taken.
 */
export function draftSchema(rules: DraftRules = { requireNameEmail: true }) {
  const name = rules.requireNameEmail ? requiredText(LIMITS.name) : optionalText(LIMITS.name);
  const email = (rules.requireNameEmail ? requiredText(LIMITS.email) : optionalText(LIMITS.email)).check(
    emailCheck,
  );
  return z.strictObject({
    content: requiredText(LIMITS.content),
    name: rules.requireNameEmail ? name : z._default(name, ''),
    email: rules.requireNameEmail ? email : z._default(email, ''),
    url: z._default(urlField, ''),
    parentId: z._default(
      z.nullable(z.string({ error: 'invalidParent' }).check(z.minLength(1, { error: 'invalidParent' }), z.maxLength(100, { error: 'invalidParent' }))),
      null,
    ),
  });
}

/** A validated draft, ready to store. `url` is normalized (or empty). */
export type CommentDraft = z.infer<ReturnType<typeof draftSchema>>;
/** What a caller may hand to validation: every field optional, as a form would have it. */
export type CommentDraftInput = z.input<ReturnType<typeof draftSchema>>;

export const COMMENT_STATUSES = ['approved', 'pending'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/**
 * Exactly what `z.iso.datetime({ offset: true })` accepts (RFC 3339 with seconds, a real calendar
 * date, `Z` or `±hh:mm`), as a plain pattern: the `z.iso` format classes cost the bundle about 1 kB.
 */
const DATE_TIME_PATTERN =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;

/** One of `values`: `z.enum` as a custom check (zod's enum class costs the bundle 0.3 kB gzip). */
const oneOf = <const T extends readonly string[]>(values: T) =>
  z.custom<T[number]>((v) => (values as readonly unknown[]).includes(v));

/**
 * A comment as adapters return it and the element renders it. This is also the exact public key
 * set of the reference server: no email, IP, user agent or token ever appears here.
 */
export const commentSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  parentId: z.nullable(z.string().check(z.minLength(1), z.maxLength(100))),
  authorName: z.string().check(z.maxLength(LIMITS.name)),
  /** An http(s) URL or null. Anything else is refused at the boundary. */
  authorUrl: z.nullable(z.string().check(z.maxLength(2048), z.refine(isHttpUrl))),
  /** A seed for the local identicon; never derived reversibly from an email address. */
  avatarSeed: z.string().check(z.maxLength(200)),
  /** An image URL the backend supplies instead of the identicon (http(s) only). */
  avatarUrl: z.optional(z.nullable(z.string().check(z.maxLength(2048), z.refine(isHttpUrl)))),
  /** The body. Plain text typed by the reader, unless `format` is `html` (a foreign backend). */
  content: z.string().check(z.maxLength(1_000_000)),
  format: z.optional(oneOf(['text', 'html'])),
  /** ISO 8601 date-time with a zone. */
  createdAt: z.string().check(z.refine((v) => DATE_TIME_PATTERN.test(v))),
  status: oneOf(COMMENT_STATUSES),
});
export type Comment = z.infer<typeof commentSchema>;

/** One page of comments: whole top-level threads, each with all its replies. */
export const commentPageSchema = z.strictObject({
  comments: z.array(commentSchema),
  /** Opaque cursor of the next page, or null on the last page. */
  nextCursor: z.nullable(z.string().check(z.maxLength(1000))),
  /** Approved comments in the whole thread (all pages), for the heading. */
  total: z.custom<number>((v) => Number.isSafeInteger(v) && (v as number) >= 0),
});
export type CommentPage = z.infer<typeof commentPageSchema>;

/** Per-field error keys, as the element shows them and the server returns them. */
export type FieldErrors = Partial<Record<DraftField | 'parentId' | 'form', ErrorKey[]>>;

/** Turns zod issues into `{ field: [key, …] }`, one entry per distinct key. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const out: Record<string, ErrorKey[]> = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'form';
    const key: ErrorKey = (ERROR_KEYS as readonly string[]).includes(issue.message)
      ? (issue.message as ErrorKey)
      : issue.code === 'unrecognized_keys'
        ? 'unknownField'
        : 'invalidType';
    const list = (out[field] ??= []);
    if (!list.includes(key)) list.push(key);
  }
  return out as FieldErrors;
}

export type DraftResult =
  | { success: true; data: CommentDraft }
  | { success: false; errors: FieldErrors };

/** Validates a draft with the shared rules. */
export function validateDraft(input: unknown, rules?: DraftRules): DraftResult {
  const result = draftSchema(rules).safeParse(input);
  return result.success ? { success: true, data: result.data } : { success: false, errors: fieldErrors(result.error.issues) };
}
