/**
 * The words of notification emails and pages: every locale of the element has them, complete (the
 * same keys as English, each translated), language tags and `Accept-Language` headers reach the
 * right locale (`zh-CN`, `zh-Hans`, `pt-BR`, `nl-BE`), right-to-left locales say so, counts take the
 * language's plural forms, and dates are written as the language writes them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emailDate, LOCALES, localeOf, pickLanguage, strings, type NotifyStrings } from '../../src/notify/i18n.js';

/** The element's locales (`src/i18n/translations/*.ts`): the emails speak every one of them. */
const ELEMENT_LOCALES = ['ar', 'de', 'en', 'es', 'fr', 'he', 'it', 'ja', 'nl', 'pl', 'pt', 'uk', 'zh-cn'];

/** Every text of `t`, by key: functions called with sample arguments (`lang` and `dir` left out). */
function texts(t: NotifyStrings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(t)) {
    if (key === 'lang' || key === 'dir') continue;
    out[key] =
      typeof value === 'function'
        ? value.length === 2
          ? key === 'wrote'
            ? (value as (a: string, b: string) => string)('Ada', '1 Dec')
            : (value as (a: string, n: number) => string)('Site', 3)
          : (value as (a: string) => string)('Site')
        : String(value);
  }
  return out;
}

describe('notification strings', () => {
  it('has every locale of the element', () => {
    assert.deepEqual(Object.keys(LOCALES).sort(), ELEMENT_LOCALES);
  });

  it('defines every key of English in every locale, each translated', () => {
    const en = strings('en');
    const english = texts(en);
    for (const [code, t] of Object.entries(LOCALES)) {
      assert.deepEqual(Object.keys(t).sort(), Object.keys(en).sort(), `${code}: the keys of English`);
      for (const [key, value] of Object.entries(t)) {
        assert.equal(typeof value, typeof en[key as keyof NotifyStrings], `${code}.${key}: the type of English`);
      }
      if (code === 'en') continue;
      for (const [key, text] of Object.entries(texts(t))) {
        assert.ok(text.trim().length > 0, `${code}.${key} is empty`);
        // No text is left in English (none of these is a proper noun).
        assert.notEqual(text, english[key], `${code}.${key} is still English`);
      }
      assert.notEqual(t.lang, 'en', `${code}: its own lang`);
    }
  });

  it('puts the arguments in every text that takes them', () => {
    for (const [code, t] of Object.entries(LOCALES)) {
      for (const [key, text] of Object.entries(texts(t))) {
        const fn = t[key as keyof NotifyStrings];
        if (typeof fn !== 'function') continue;
        assert.ok(text.includes(key === 'wrote' ? 'Ada' : 'Site'), `${code}.${key}: ${text}`);
        if (key === 'wrote') assert.ok(text.includes('1 Dec'), `${code}.wrote: the date`);
        if (key === 'repliesSubject' || key === 'repliesIntro')
          assert.ok(text.includes('3'), `${code}.${key}: the count`);
      }
    }
  });

  it('says right to left for Arabic and Hebrew only, with a lang for <html lang>', () => {
    for (const [code, t] of Object.entries(LOCALES)) {
      assert.equal(t.dir, code === 'ar' || code === 'he' ? 'rtl' : 'ltr', code);
      assert.equal(t.lang.toLowerCase(), code);
    }
    assert.equal(strings('zh-cn').lang, 'zh-CN');
  });

  it('maps language tags to their locale, English when unknown', () => {
    const cases: [string | null | undefined, string][] = [
      ['nl', 'nl'],
      ['nl-BE', 'nl'],
      ['pt-BR', 'pt'],
      ['pt-PT', 'pt'],
      ['zh', 'zh-CN'],
      ['zh-CN', 'zh-CN'],
      ['zh-cn', 'zh-CN'],
      ['zh-Hans', 'zh-CN'],
      ['zh-Hans-CN', 'zh-CN'],
      ['he-IL', 'he'],
      ['AR', 'ar'],
      ['uk-UA', 'uk'],
      ['ja-JP', 'ja'],
      ['xx', 'en'],
      ['', 'en'],
      [null, 'en'],
      [undefined, 'en'],
    ];
    for (const [tag, lang] of cases) assert.equal(strings(tag).lang, lang, String(tag));
    assert.equal(localeOf('zh-Hans'), 'zh-cn');
    assert.equal(localeOf('nl-BE'), 'nl');
    assert.equal(localeOf('toString'), null, 'not a key of Object.prototype');
    assert.equal(localeOf('xx-YY'), null);
  });

  it("picks an Accept-Language header's first language that has strings (its locale code)", () => {
    assert.equal(pickLanguage('nl-BE,nl;q=0.9,en;q=0.8'), 'nl');
    assert.equal(pickLanguage('zh-CN,zh;q=0.9'), 'zh-cn');
    assert.equal(pickLanguage('zh-Hans'), 'zh-cn');
    assert.equal(pickLanguage('pt-BR,pt;q=0.9'), 'pt');
    assert.equal(pickLanguage('xx,ja;q=0.5,en;q=0.4'), 'ja');
    assert.equal(pickLanguage('en;q=0.2,ar;q=0.9'), 'ar');
    assert.equal(pickLanguage('uk;q=0,pl'), 'pl', 'q=0 is refused');
    assert.equal(pickLanguage('xx-YY'), null);
    assert.equal(pickLanguage(undefined), null);
  });

  it("counts in each language's plural forms", () => {
    const subject = (code: string, n: number) => strings(code).repliesSubject('Blog', n);
    assert.equal(subject('pl', 1), 'Nowa odpowiedź w serwisie Blog');
    assert.equal(subject('pl', 3), '3 nowe odpowiedzi w serwisie Blog');
    assert.equal(subject('pl', 5), '5 nowych odpowiedzi w serwisie Blog');
    assert.equal(subject('uk', 1), 'Нова відповідь на сайті Blog');
    assert.equal(subject('uk', 21), '21 нова відповідь на сайті Blog');
    assert.equal(subject('uk', 3), '3 нові відповіді на сайті Blog');
    assert.equal(subject('uk', 11), '11 нових відповідей на сайті Blog');
    assert.equal(subject('ar', 2), 'ردّان جديدان في Blog');
    assert.equal(subject('ar', 3), '3 ردود جديدة في Blog');
    assert.equal(subject('ar', 11), '11 ردًا جديدًا في Blog');
    assert.equal(subject('he', 2), 'שתי תשובות חדשות ב־Blog');
    assert.equal(subject('he', 4), '4 תשובות חדשות ב־Blog');
    assert.equal(subject('nl', 2), '2 nieuwe reacties op Blog');
    // A site's name is never taken for the count's placeholder.
    assert.equal(strings('pl').repliesSubject('Blog #1', 1), 'Nowa odpowiedź w serwisie Blog #1');
  });

  it("writes dates as the reader's language does, in UTC", () => {
    const iso = '2026-12-03T14:05:00.000Z';
    assert.match(emailDate('en', iso), /^Dec 3, 2026, 2:05\sPM UTC$/);
    assert.match(emailDate('nl', iso), /^3 dec\.? 2026,? 14:05 UTC$/);
    assert.match(emailDate('de', iso), /^3\. Dez\. 2026,? 14:05 UTC$/);
    assert.match(emailDate('ja', iso), /^2026年12月3日 14:05 UTC$/);
  });
});
