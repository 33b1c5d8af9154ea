/**
 * The words of notification emails and pages, in the element's 13 languages (one file per locale
 * under `locales/`). English is complete and the fallback. A reader's language is the thread's (the
 * element's own locale, `_lang` in the post) or else their browser's (`Accept-Language` when they
 * posted). Texts never contain what a commenter wrote: that is inserted, made safe, by the callers
 * (`text.ts`).
 */
import { ar } from './locales/ar.js';
import { de } from './locales/de.js';
import { en } from './locales/en.js';
import { es } from './locales/es.js';
import { fr } from './locales/fr.js';
import { he } from './locales/he.js';
import { it } from './locales/it.js';
import { ja } from './locales/ja.js';
import { nl } from './locales/nl.js';
import { pl } from './locales/pl.js';
import { pt } from './locales/pt.js';
import { uk } from './locales/uk.js';
import { zhCN } from './locales/zh-cn.js';

/** The language of an HTML email or page: its `lang` attribute and its direction. */
export interface PageLanguage {
  /** A BCP 47 tag for `<html lang>` (`nl`, `zh-CN`). */
  lang: string;
  dir: 'ltr' | 'rtl';
}

export interface NotifyStrings extends PageLanguage {
  // The confirmation email.
  confirmSubject: (site: string) => string;
  confirmIntro: (site: string) => string;
  confirmAction: string;
  confirmIgnore: string;
  // Reply notifications.
  repliesSubject: (site: string, n: number) => string;
  repliesIntro: (site: string, n: number) => string;
  wrote: (name: string, date: string) => string;
  viewComment: string;
  whyYouGetThis: (site: string) => string;
  unsubscribeThread: string;
  unsubscribeAll: (site: string) => string;
  // Pages.
  confirmTitle: string;
  confirmPageText: (site: string) => string;
  confirmButton: string;
  confirmedTitle: string;
  confirmedText: string;
  unsubscribeTitle: string;
  unsubscribeThreadText: string;
  unsubscribeAllText: (site: string) => string;
  unsubscribeButton: string;
  unsubscribedTitle: string;
  unsubscribedText: string;
  invalidTitle: string;
  invalidText: string;
  // Following a whole discussion (every new comment, not only replies).
  followLink: string;
  followTitle: string;
  followText: string;
  followButton: string;
  followedText: string;
}

/** The locales that have strings, by the code stored with an address (`mail_addresses.language`). */
export const LOCALES: Readonly<Record<string, NotifyStrings>> = {
  ar,
  de,
  en,
  es,
  fr,
  he,
  it,
  ja,
  nl,
  pl,
  pt,
  uk,
  'zh-cn': zhCN,
};

/**
 * The locale of a language tag that has strings here (its code in `LOCALES`), or null: the whole tag
 * (`zh-cn`), else its language (`fr-CA` → `fr`, `pt-BR` → `pt`), as the element picks its own
 * translation. Every Chinese tag is `zh-cn` (`zh`, `zh-Hans`, `zh-SG`), as in the element.
 */
export function localeOf(tag: string | null | undefined): string | null {
  const code = (tag ?? '').trim().toLowerCase();
  if (Object.hasOwn(LOCALES, code)) return code;
  const language = code.split('-')[0] ?? '';
  if (language === 'zh') return 'zh-cn';
  return Object.hasOwn(LOCALES, language) ? language : null;
}

/** The strings of `lang` (`fr`, `fr-CA` → `fr`, `zh-Hans` → `zh-cn`), English when unknown. */
export function strings(lang: string | null | undefined): NotifyStrings {
  return LOCALES[localeOf(lang) ?? 'en'] ?? en;
}

/** The first language of an `Accept-Language` header that has strings here (its code), or null. */
export function pickLanguage(header: string | undefined): string | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 500)
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((e) => /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(e.tag) && e.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const locale = localeOf(tag);
    if (locale) return locale;
  }
  return null;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * When a comment was written (`iso`), for an email in `lang`: its date and time as that language
 * writes them (`3 dec 2026, 14:05 UTC`, `2026年12月3日 14:05 UTC`), in UTC since the server does not
 * know the reader's time zone. One formatter per language, made on first use.
 */
export function emailDate(lang: string, iso: string): string {
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'UTC',
      timeZoneName: 'short',
    });
    dateFormats.set(lang, format);
  }
  return format.format(new Date(iso));
}
