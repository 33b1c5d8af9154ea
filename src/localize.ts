/**
 * A tiny typed translation layer. Each locale is a module that registers a {@link Translation};
 * English is bundled as the fallback, other locales are opt-in imports.
 */
import type { AdapterErrorCode } from './adapters/types.js';
import type { ErrorKey } from './schema.js';

/** Extra failure keys an adapter may name in `CommentAdapterError.messageKey`. */
export type FailureKey =
  | Exclude<AdapterErrorCode, 'rate-limited'>
  | 'storageFull'
  | 'idempotencyMismatch'
  | 'anonymousDisabled'
  | 'duplicate'
  | 'tooLong';

export interface Translation {
  /** BCP 47 code, such as `en` or `pt-BR`. */
  $code: string;
  /** The language's own name for itself. */
  $name: string;
  $dir: 'ltr' | 'rtl';

  leaveReply: string;
  leaveReplyTo: (name: string) => string;
  cancelReply: string;
  emailNotPublished: string;
  /** Followed by the visible `*` marker. */
  requiredFieldsMarked: string;
  commentLabel: string;
  nameLabel: string;
  emailLabel: string;
  websiteLabel: string;
  saveDetails: string;
  postComment: string;
  posting: string;
  commentsClosed: string;
  commentCount: (count: number) => string;
  loading: string;
  noComments: string;
  loadError: string;
  retry: string;
  loadMore: string;
  loadingMore: string;
  reply: string;
  replyTo: (name: string) => string;
  awaitingModeration: string;
  browserOnly: string;
  commentPosted: string;
  commentHeld: string;
  newComments: (count: number) => string;
  anonymous: string;
  fixErrors: (count: number) => string;
  /** Field validation errors; `field` is the field's label. */
  errors: Record<ErrorKey, (field: string, max: number) => string>;
  /** Why a load or a post failed. */
  failures: Record<FailureKey, string> & { 'rate-limited': (seconds: number | undefined) => string };
}

/** Every key a string override may replace (see the element's `strings` property). */
export type TranslationOverrides = Partial<Omit<Translation, '$code' | '$name' | '$dir'>>;

const translations = new Map<string, Translation>();
let fallback: Translation | undefined;

/** Registers one or more locales. The first registered (English) becomes the fallback. */
export function registerTranslation(...list: Translation[]): void {
  for (const t of list) {
    translations.set(t.$code.toLowerCase(), t);
    fallback ??= t;
  }
}

/** The best registered translation for a language tag: exact, then the language alone, then English. */
export function translationFor(lang: string | null | undefined): Translation {
  const code = (lang ?? '').toLowerCase();
  const found = translations.get(code) ?? translations.get(code.split('-')[0] ?? '') ?? fallback;
  if (!found) throw new Error('comment-box: no translation registered (import "comment-box/translations/en.js").');
  return found;
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
