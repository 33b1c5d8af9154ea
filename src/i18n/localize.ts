/**
 * A tiny typed translation layer. Each locale is a module that registers a {@link Translation};
 * English is bundled as the fallback, other locales are opt-in imports.
 *
 * The registry lives on `globalThis` (under a `Symbol.for` key) so that a locale loaded as its own
 * script next to the single-file bundle registers into the same registry as the element.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AdapterErrorCode, CommentAdapterError } from '../adapters/types.js';
import type { ErrorKey } from '../schema.js';
import en from './translations/en.js';
import { registry } from './registry.js';

export { cached, plural, registerTranslation } from './registry.js';

/** Extra failure keys an adapter may name in `CommentAdapterError.messageKey`. */
export type FailureKey =
  | Exclude<AdapterErrorCode, 'rate-limited'>
  | 'storageFull'
  | 'idempotencyMismatch'
  | 'anonymousDisabled'
  | 'duplicate'
  | 'tooLong'
  | 'editWindowClosed'
  | 'notAuthor'
  | 'gone';

export interface Translation {
  /** BCP 47 code, such as `en` or `pt-BR`. */
  $code: string;
  /** The language's own name for itself. */
  $name: string;
  $dir: 'ltr' | 'rtl';

  leaveReply: string;
  /** `name` arrives wrapped by {@link isolate}; keep it whole (the element puts it in a `<bdi>`). */
  leaveReplyTo: (name: string) => string;
  cancelReply: string;
  emailNotPublished: string;
  /** The note on required fields; its `*` is where the visible marker goes. */
  requiredFieldsMarked: string;
  commentLabel: string;
  nameLabel: string;
  emailLabel: string;
  websiteLabel: string;
  saveDetails: string;
  /** The checkbox that asks for an email about replies, shown when the backend can send one. */
  notifyReplies: string;
  /** Under that checkbox while checked: a new address is first asked to confirm (double opt-in). */
  notifyConfirm: string;
  postComment: string;
  /** The button that shows the comment as it will render, without posting; also the preview's name. */
  preview: string;
  /** The same button while the preview shows: back to the comment field. */
  write: string;
  /** The preview of an empty comment. */
  nothingToPreview: string;
  posting: string;
  commentsClosed: string;
  commentCount: (count: number) => string;
  /** The list's heading before the count is known (loading, or loading failed). */
  comments: string;
  /** The heading when none of the listed comments is approved yet: the reader's own, held for moderation. */
  heldCount: (count: number) => string;
  loading: string;
  noComments: string;
  loadError: string;
  retry: string;
  loadMore: string;
  loadingMore: string;
  reply: string;
  /** The Reply button's label; `name` arrives wrapped by {@link isolate}. */
  replyTo: (name: string) => string;
  /** A reply's link to the comment it answers, where indenting no longer shows it; `name` arrives wrapped by {@link isolate}. */
  inReplyTo: (name: string) => string;
  awaitingModeration: string;
  /** The Edit button of the reader's own comment, while they may still change it. */
  edit: string;
  /** The label of the field that edits a comment. */
  editLabel: string;
  /** Saves an edit. */
  save: string;
  /** Leaves an edit, or the question before deleting, without changing anything. */
  cancel: string;
  /** The Delete button of the reader's own comment, and the button that confirms it. */
  delete: string;
  /** The question before a comment is deleted. */
  confirmDelete: string;
  /** What stays of a deleted comment that has replies. */
  deleted: string;
  /** The mark of an edited comment (its time in a tooltip). */
  edited: string;
  /** The badge beside the name of a comment the site owner wrote ("Author", as WordPress themes say). */
  ownerBadge: string;
  commentUpdated: string;
  commentDeleted: string;
  browserOnly: string;
  commentPosted: string;
  commentHeld: string;
  /** The browser is offline: the comment is kept and sent once the connection is back. */
  savedOffline: string;
  /** Storage refused the draft (full, blocked): what the reader types is not kept on reload. */
  draftNotSaved: string;
  newComments: (count: number) => string;
  anonymous: string;
  fixErrors: (count: number) => string;
  /** Field validation errors; `field` is the field's label. */
  errors: Record<ErrorKey, (field: string, max: number) => string>;
  /** Why a load or a post failed. */
  failures: Record<FailureKey, string> & { 'rate-limited': (seconds: number | undefined) => string };
}

/** Every key a string override may replace (see the element's `strings` property). */
export type TranslationOverrides = Partial<Omit<Translation, '$code' | '$name' | '$dir' | 'errors' | 'failures'>> & {
  errors?: Partial<Translation['errors']>;
  failures?: Partial<Translation['failures']>;
};

/**
 * `base` with the entries of `overrides` that replace one of its own entries with one of the same
 * kind (a text for a text, a function for a function): a `strings` value of the wrong kind, or a
 * key the translation does not have, is ignored instead of breaking rendering.
 */
export function withOverrides(base: Translation, overrides: TranslationOverrides | null | undefined): Translation {
  const merge = <T extends object>(into: T, from: unknown): T => {
    const out = { ...into } as Record<string, unknown>;
    for (const [key, value] of Object.entries(from ?? {})) {
      if (
        !key.startsWith('$') &&
        Object.hasOwn(into, key) &&
        typeof value === typeof out[key] &&
        typeof value !== 'object'
      ) {
        out[key] = value;
      }
    }
    return out as T;
  };
  return {
    ...merge(base, overrides),
    errors: merge(base.errors, overrides?.errors),
    failures: merge(base.failures, overrides?.failures),
  };
}

/** A failure's text. Its code and message key come from a backend: own keys only, texts only. */
export function failureMessage(t: Translation, error: CommentAdapterError): string {
  const f = t.failures;
  if (error.code === 'rate-limited') return f['rate-limited'](error.retryAfter);
  for (const key of [error.messageKey, error.code]) {
    const text = key && Object.hasOwn(f, key) ? f[key as keyof typeof f] : undefined;
    if (typeof text === 'string') return text;
  }
  return f.unavailable;
}

/**
 * A user-supplied text (a name) set apart for the text around it, for places that hold text only (an
 * `aria-label`, a status message): wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so
 * that its direction and its own direction controls do not reorder that text. Isolate controls inside
 * it are dropped: a stray POP DIRECTIONAL ISOLATE would end the isolate early. In markup, use `<bdi>`.
 */
export function isolate(text: string): string {
  return `\u2068${text.replace(/[\u2066-\u2069]/g, '')}\u2069`;
}

// English is always there: the fallback of every language, so an element renders with no locale imported.
if (!registry.translations.has('en')) registry.translations.set('en', en);

/** The best registered translation for a language tag: exact, then the language alone, then English. */
export function translationFor(lang: string | null | undefined): Translation {
  const map = registry.translations;
  const code = (lang ?? '').toLowerCase();
  return map.get(code) ?? map.get(code.split('-')[0] ?? '') ?? map.get('en') ?? en;
}

/**
 * The language for an element: its own `lang`, the nearest ancestor's (crossing shadow roots), then
 * `<html lang>`, then the browser's.
 */
export function resolveLang(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return node.getAttribute('lang')!;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement.lang || navigator.language || 'en';
}

/** Re-renders its host when a locale registers later (a lazily imported locale module). */
export class LocaleController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    registry.hosts.add(this.host);
  }
  hostDisconnected(): void {
    registry.hosts.delete(this.host);
  }
}
