/**
 * The shared truth of comment-box: field limits, zod schemas and error keys.
 *
 * This module is imported by the browser element, every adapter and the reference server, so it
 * uses `zod/mini` (about 6 kB gzipped) and nothing else. Error messages are message *keys*
 * (see {@link ErrorKey}); the element localizes them, the server returns them as-is.
 */
import * as z from 'zod/mini';

/**
 * Field length limits, the numbers of WordPress's `comment_form()` and its database columns,
 * counted in UTF-16 code units: what `String.length` and a browser's `maxlength` attribute count,
 * so the form, the element and the server agree (😀 counts 2, é 1).
 * WordPress's columns count bytes: there 65,525 units of non-ASCII text can still be too long, and
 * the WordPress adapter shows WordPress's own `tooLong` answer.
 */
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

/** The longest comment id (and `parentId`) anywhere: drafts, comments, the server's rows. */
export const MAX_ID_LENGTH = 100;

/** Draft fields a reader fills in, in the form's order. */
export const DRAFT_FIELDS = ['content', 'name', 'email', 'url'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** True when `value` has no NUL byte and no lone UTF-16 surrogate. */
export function isCleanText(value: string): boolean {
  return !value.includes('\0') && value.isWellFormed();
}

/**
 * Text that shows nothing: white space, controls, and the default-ignorable code points (zero-width
 * spaces and joiners, word joiner, BOM, soft hyphen, bidi controls, variation selectors, Hangul
 * fillers …), plus the braille blank. A field of nothing else counts as empty.
 */
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\u2800]/u;

/** True when `value` has at least one character that shows. */
export function hasVisibleText(value: string): boolean {
  return VISIBLE.test(value);
}

/** HTML character references (`&colon;`, `&#x09;`, `&#58`): a way to hide a scheme from a reader. */
const ENTITY = /&(?:#|[a-z][a-z0-9]*;)/i;

/**
 * A scheme-like prefix: a `:` before the first `/`, `?` or `#` that is not a port (`host:8080`).
 * Catches `javascript:`, `data:`, `mailto:`, and `java script:` with spaces or tabs in it.
 */
const SCHEME_LIKE = /^[^/?#]*:(?!\d+(?:[/?#]|$))/;

/**
 * Normalizes what a reader typed as a website: trims it, and gives a bare domain
 * (`example.com/about`) an `https://` prefix. A value with a scheme (or something like one, or an
 * HTML character reference) is kept as typed, so that validation refuses it with a clear message
 * rather than prefixing it into a junk link.
 */
export function normalizeUrl(input: string): string {
  const value = input.trim();
  if (value === '' || value.startsWith('//') || SCHEME_LIKE.test(value) || ENTITY.test(value)) return value;
  return `https://${value}`;
}

/** A label of a host name: ASCII letters, digits and inner hyphens (punycode for anything else). */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** The last label starts with a letter: a host ending in a number would be parsed as an IPv4 address. */
const TOP_LABEL = '[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?';
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/**
 * The http(s) URLs every engine parses the same way (browsers and Node): an ASCII host name (type
 * a non-ASCII domain in its punycode form, `xn--…`), a dotted-decimal IPv4 address or a bracketed
 * IPv6 one; an optional port; then no backslashes, quotes, angle brackets or backticks. No user
 * name or password (`https://example.com@evil.test`). Linear time. (Case-insensitive without the
 * `u` flag: with it, `[a-z]` would also match the Kelvin sign and the long s.)
 */
const HTTP_URL = new RegExp(
  `^https?://(?:(?:${LABEL}\\.)*${TOP_LABEL}\\.?|(?:${OCTET}\\.){3}${OCTET}|\\[[0-9a-f:]{2,39}\\])` +
    '(?::(\\d{1,5}))?(?:[/?#][^\\\\<>"`]*)?$',
  'i',
);

/** White space, controls, format characters and lone surrogates: never in a URL. */
const URL_NEVER = /[\s\p{Cc}\p{Cf}\p{Cs}]/u;

/**
 * True for an absolute `http:` or `https:` URL in the conservative form above. The only URLs that
 * become links. Decided by the pattern first, so the browser and the server decide alike; then
 * `new URL` confirms what the pattern cannot see (a bad IPv6 address; a punycode label that does
 * not decode, which Node refuses and Chromium lets through: the server is the stricter side).
 */
export function isHttpUrl(value: string): boolean {
  const match = HTTP_URL.exec(value);
  if (!match || URL_NEVER.test(value) || Number(match[1] ?? 0) > 65535) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** A scheme other than http(s), or an HTML character reference: never a link, never prefixed. */
function isUnsafeUrl(value: string): boolean {
  return ENTITY.test(value) || (SCHEME_LIKE.test(value) && !/^https?:/i.test(value));
}

const cleanText = () => z.refine<string>(isCleanText, { error: 'invalidText', abort: true });

/**
 * At most `max` UTF-16 units (`String.length`), the unit of a browser's `maxlength`, so the form's
 * limit and the schema's agree (zod's `maxLength` counts code points).
 */
const maxUnits = (max: number, abort = false) => z.refine<string>((v) => v.length <= max, { error: 'tooLong', abort });

/** Text of nothing but invisible characters becomes empty (`\u200B`, `\u2060`, a BOM …). */
const blankIfInvisible = () => z.overwrite<string>((v) => (hasVisibleText(v) ? v : ''));

/** A trimmed text field that must not be empty (nor only invisible characters). */
const requiredText = (max: number) =>
  z
    .string({ error: 'invalidType' })
    .check(
      cleanText(),
      z.trim(),
      blankIfInvisible(),
      z.minLength(1, { error: 'required', abort: true }),
      maxUnits(max),
    );

/** A trimmed text field that may be empty (and is, when only invisible characters are in it). */
const optionalText = (max: number) =>
  z.string({ error: 'invalidType' }).check(cleanText(), z.trim(), blankIfInvisible(), maxUnits(max));

const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\.]{2,}$/;

const emailCheck = z.refine<string>((v) => v === '' || EMAIL.test(v), { error: 'invalidEmail' });

const urlField = z.string({ error: 'invalidType' }).check(
  cleanText(),
  z.overwrite(normalizeUrl),
  maxUnits(LIMITS.url, true),
  z.refine((v) => !isUnsafeUrl(v), { error: 'unsafeUrl', abort: true }),
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
  const email = (rules.requireNameEmail ? requiredText(LIMITS.email) : optionalText(LIMITS.email)).check(emailCheck);
  return z.strictObject({
    content: requiredText(LIMITS.content),
    name: rules.requireNameEmail ? name : z._default(name, ''),
    email: rules.requireNameEmail ? email : z._default(email, ''),
    url: z._default(urlField, ''),
    parentId: z._default(
      z.nullable(
        z
          .string({ error: 'invalidParent' })
          .check(z.minLength(1, { error: 'invalidParent' }), z.maxLength(MAX_ID_LENGTH, { error: 'invalidParent' })),
      ),
      null,
    ),
    /**
     * Email me when someone replies (`true`): asks the backend to notify the author, by the draft's
     * email, of approved replies to this comment. Only offered when the backend's pages say it can
     * (`notifications`); needs an email address ({@link notifyWithoutEmail}).
     */
    notify: z.optional(z.boolean()),
  });
}

/**
 * The one rule that spans fields: asking to be notified needs an email address to notify. The form
 * and the server both report it as `email: ['required']`.
 */
export const notifyWithoutEmail = (draft: { notify?: boolean | undefined; email?: string | undefined }) =>
  draft.notify === true && (draft.email ?? '') === '';

/** The new text of an edited comment: the draft's `content`, checked the same way. Strict. */
export const editSchema = z.strictObject({ content: requiredText(LIMITS.content) });
export type CommentEdit = z.infer<typeof editSchema>;

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

const dateTime = () => z.string().check(z.refine((v) => DATE_TIME_PATTERN.test(v)));

/** One of `values`: `z.enum` as a custom check (zod's enum class costs the bundle 0.3 kB gzip). */
const oneOf = <const T extends readonly string[]>(values: T) =>
  z.custom<T[number]>((v) => (values as readonly unknown[]).includes(v));

/**
 * A comment as adapters return it and the element renders it. This is also the exact public key
 * set of the reference server: no email, IP, user agent or token ever appears here.
 */
export const commentSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(MAX_ID_LENGTH)),
  parentId: z.nullable(z.string().check(z.minLength(1), z.maxLength(MAX_ID_LENGTH))),
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
  createdAt: dateTime(),
  status: oneOf(COMMENT_STATUSES),
  /** When its author last edited it (the element says "edited"); absent when never edited. */
  editedAt: z.optional(z.nullable(dateTime())),
  /**
   * Its author deleted it while it had replies: a "This comment was deleted." placeholder (no text,
   * no author) that keeps the thread intact. One without replies is not shown at all.
   */
  deleted: z.optional(z.boolean()),
  /**
   * Until when the reader of this page may edit or delete it: only on the author's own comments,
   * from a backend that supports editing (the backend still decides, with its own clock).
   */
  editableUntil: z.optional(dateTime()),
  /**
   * Written by the site owner (the element shows an "Author" badge). Set by the backend for what
   * the owner posted with the admin credential, never from a field a reader sends.
   */
  byOwner: z.optional(z.boolean()),
});
export type Comment = z.infer<typeof commentSchema>;

const count = () => z.custom<number>((v) => Number.isSafeInteger(v) && (v as number) >= 0);

const pageFields = {
  /** Opaque cursor of the next page, or null on the last page. */
  nextCursor: z.nullable(z.string().check(z.maxLength(1000))),
  /** Approved comments in the whole thread (all pages), for the heading. */
  total: count(),
  /**
   * Comments an adapter left out because they did not fit {@link commentSchema}, when any: the
   * element reports them (a console warning and a `comment-box-error` event) and shows the rest.
   */
  dropped: z.optional(count()),
  /**
   * The backend can email a commenter about replies (the adapter capability behind the form's
   * "Notify me of follow-up comments by email." checkbox, which sends the draft's `notify`). Absent
   * or false: the element does not offer it.
   */
  notifications: z.optional(z.boolean()),
};

/** One page of comments: whole top-level threads, each with all its replies. */
export const commentPageSchema = z.strictObject({ comments: z.array(commentSchema), ...pageFields });
export type CommentPage = z.infer<typeof commentPageSchema>;

/** The objects each schema's parse made in {@link keepFitting}, per schema. */
const made = new WeakMap<object, WeakSet<object>>();

/**
 * Parses each item of `list` on its own: the items that fit `schema`, and how many did not. One
 * malformed comment (an import, a hand edit, an older version's data) never hides its neighbours.
 * An item this function made with the same schema before (zod's parse returns a copy, which the
 * caller keeps; comments are never changed in place, only replaced) is kept as it is, not parsed
 * again: the element does not parse again what the in-browser adapters parsed, 10,000 comments a page.
 */
export function keepFitting<T>(schema: z.ZodMiniType<T>, list: readonly unknown[]): { kept: T[]; dropped: number } {
  const kept: T[] = [];
  let fitting = made.get(schema);
  if (!fitting) made.set(schema, (fitting = new WeakSet()));
  for (const item of list) {
    if (fitting.has(item as object)) kept.push(item as T);
    else {
      const one = schema.safeParse(item);
      if (!one.success) continue;
      kept.push(one.data);
      fitting.add(one.data as object);
    }
  }
  return { kept, dropped: list.length - kept.length };
}

type PageEnvelope = Omit<CommentPage, 'comments'> & { comments: unknown[] };

/**
 * A page as a backend sends it, parsed comment by comment: a comment that does not fit
 * {@link commentSchema} is left out and counted in `dropped` (added to any the adapter counted);
 * the others stay. A reply whose parent was left out shows at the top level, as any reply whose
 * parent is not on the page. Only a malformed page itself (no list, no total) fails.
 */
export const commentPageReader = z.strictObject({ comments: z.array(z.custom<unknown>()), ...pageFields }).check(
  // On the copy zod made of the page, never on the adapter's own object.
  z.overwrite<PageEnvelope>((page) => {
    const { kept, dropped } = keepFitting(commentSchema, page.comments);
    page.comments = kept;
    if (dropped > 0) page.dropped = dropped + (page.dropped ?? 0);
    return page;
  }),
) as unknown as z.ZodMiniType<CommentPage>;

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

export type DraftResult = { success: true; data: CommentDraft } | { success: false; errors: FieldErrors };

/** Validates a draft with the shared rules. */
export function validateDraft(input: unknown, rules?: DraftRules): DraftResult {
  const result = draftSchema(rules).safeParse(input);
  if (!result.success) return { success: false, errors: fieldErrors(result.error.issues) };
  return notifyWithoutEmail(result.data)
    ? { success: false, errors: { email: ['required'] } }
    : { success: true, data: result.data };
}
