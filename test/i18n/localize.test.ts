import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { registerTranslation, resolveLang, translationFor, type Translation } from '../../src/i18n/localize.js';
import en from '../../src/i18n/translations/en.js';
import nl from '../../src/i18n/translations/nl.js';
import de from '../../src/i18n/translations/de.js';
import fr from '../../src/i18n/translations/fr.js';
import es from '../../src/i18n/translations/es.js';
import pt from '../../src/i18n/translations/pt.js';
import it_ from '../../src/i18n/translations/it.js';
import pl from '../../src/i18n/translations/pl.js';
import uk from '../../src/i18n/translations/uk.js';
import ja from '../../src/i18n/translations/ja.js';
import zhCN from '../../src/i18n/translations/zh-cn.js';
import ar from '../../src/i18n/translations/ar.js';
import he from '../../src/i18n/translations/he.js';
import { ERROR_KEYS } from '../../src/schema.js';
import { CommentAdapterError } from '../../src/adapters/types.js';
import { setClock } from '../../src/relative-time.js';
import { $, comment, mount, post, settle, spyAdapter, text, type, fill } from '../helpers.js';

const LOCALES = [nl, de, fr, es, pt, it_, pl, uk, ja, zhCN, ar, he];
/** Keys whose text must differ from English in every locale (the form a reader sees first). */
const MAIN_KEYS = [
  'leaveReply',
  'cancelReply',
  'emailNotPublished',
  'requiredFieldsMarked',
  'commentLabel',
  'postComment',
  'reply',
  'awaitingModeration',
  'commentsClosed',
] as const;

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.documentElement.lang = 'en';
  setClock();
});

/** Calls a translation entry with sample arguments, whatever its shape. */
function sample(value: unknown): string {
  return typeof value === 'function' ? String((value as (...a: unknown[]) => unknown)('Field', 3)) : String(value);
}

describe('localize: locales', () => {
  for (const t of LOCALES) {
    it(`${t.$code} is complete and translated`, () => {
      const keys = (o: object) => Object.keys(o).sort();
      expect(keys(t)).to.deep.equal(keys(en));
      expect(keys(t.errors)).to.deep.equal([...ERROR_KEYS].sort());
      expect(keys(t.failures)).to.deep.equal(keys(en.failures));
      for (const key of Object.keys(en) as Array<keyof Translation>) {
        expect(typeof t[key], key).to.equal(typeof en[key]);
        if (key !== 'errors' && key !== 'failures' && !key.startsWith('$'))
          expect(sample(t[key]), key).to.not.equal('');
      }
      for (const key of MAIN_KEYS) expect(t[key], key).to.not.equal(en[key]);
      for (const key of ERROR_KEYS) expect(t.errors[key]('X', 5), key).to.not.equal(en.errors[key]('X', 5));
      for (const [key, value] of Object.entries(t.failures)) {
        expect(sample(value), key).to.not.equal(sample(en.failures[key as keyof typeof en.failures]));
      }
      expect(t.commentCount(3)).to.include('3');
      expect(t.failures['rate-limited'](7)).to.include('7');
      expect(translationFor(t.$code)).to.equal(t);
    });
  }

  it('uses each language’s plural rules', () => {
    expect([1, 2, 5, 22, 25].map(pl.commentCount)).to.deep.equal([
      '1 komentarz',
      '2 komentarze',
      '5 komentarzy',
      '22 komentarze',
      '25 komentarzy',
    ]);
    expect([1, 3, 11, 21].map(uk.commentCount)).to.deep.equal([
      '1 коментар',
      '3 коментарі',
      '11 коментарів',
      '21 коментар',
    ]);
    expect([0, 1, 2, 3, 11, 100].map(ar.commentCount)).to.deep.equal([
      'لا توجد تعليقات',
      'تعليق واحد',
      'تعليقان',
      '3 تعليقات',
      '11 تعليقًا',
      '100 تعليق',
    ]);
    expect([1, 2].map(nl.commentCount)).to.deep.equal(['1 reactie', '2 reacties']);
  });

  it('falls back from region to language, then to English', () => {
    expect(translationFor('nl-BE')).to.equal(nl);
    expect(translationFor('PT-br')).to.equal(pt);
    expect(translationFor('zh-CN')).to.equal(zhCN);
    expect(translationFor('zh-TW').$name).to.equal(zhCN.$name);
    expect(translationFor('xx-YY')).to.equal(en);
    expect(translationFor('')).to.equal(en);
  });

  it('re-renders connected elements when a locale registers later', async () => {
    const el = await mount(spyAdapter().adapter, { lang: 'eo' });
    expect(text($(el, '[part="form-heading"]'))).to.equal('Leave a Reply');
    registerTranslation({ ...en, $code: 'eo', $name: 'Esperanto', leaveReply: 'Respondi' });
    await el.updateComplete;
    expect(text($(el, '[part="form-heading"]'))).to.equal('Respondi');
  });
});

describe('localize: language resolution', () => {
  it('resolves own lang, then the nearest ancestor (across shadow roots), then <html lang>', async () => {
    document.documentElement.lang = 'de';
    const outer = await fixture<HTMLDivElement>(html`<div lang="fr"><span><b></b></span></div>`);
    const leaf = outer.querySelector('b')!;
    expect(resolveLang(leaf)).to.equal('fr');
    leaf.setAttribute('lang', 'es');
    expect(resolveLang(leaf)).to.equal('es');
    outer.removeAttribute('lang');
    leaf.removeAttribute('lang');
    expect(resolveLang(leaf)).to.equal('de');

    const shadowHost = await fixture<HTMLDivElement>(html`<div lang="it"></div>`);
    const inner = document.createElement('i');
    shadowHost.attachShadow({ mode: 'open' }).append(inner);
    expect(resolveLang(inner)).to.equal('it');
  });

  it('uses the browser language without any lang attribute', async () => {
    document.documentElement.removeAttribute('lang');
    const el = await fixture<HTMLDivElement>(html`<div></div>`);
    expect(resolveLang(el)).to.equal(navigator.language);
  });

  it('puts the required marker where each language puts it', async () => {
    document.documentElement.lang = 'de';
    const el = await mount(spyAdapter().adapter);
    const note = $(el, '.required-text')!;
    expect(text(note)).to.equal('Erforderliche Felder sind mit * markiert');
    expect(note.querySelector('.required')?.textContent).to.equal('*');
    for (const t of [en, nl, de, fr, es, pt, it_, pl, uk, ja, zhCN, ar, he]) {
      expect(t.requiredFieldsMarked.split('*'), t.$code).to.have.length(2);
    }
  });

  it('shows the seed page’s Dutch form under <html lang="nl">', async () => {
    document.documentElement.lang = 'nl';
    const el = await mount(spyAdapter().adapter);
    expect(text($(el, '[part="form-heading"]'))).to.equal('Laat een reactie achter');
    expect(text($(el, '#email-notes'))).to.equal('Je e-mailadres wordt niet gepubliceerd.');
    expect(text($(el, '.required-text'))).to.equal('Vereiste velden zijn gemarkeerd met *');
    const labels = [...el.shadowRoot!.querySelectorAll('label')].map((l) => text(l).replace(/ \*$/, ''));
    expect(labels).to.deep.equal(['Reactie', 'Naam', 'E-mail', 'Website', nl.saveDetails]);
    expect(text($(el, '[part="submit-button"]'))).to.equal('Reactie plaatsen');
    expect($(el, '[part="base"]')!.getAttribute('lang')).to.equal('nl');
  });

  it('follows lang changes on the element, an ancestor and <html>', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><comment-box thread-id="t"></comment-box></div>`);
    const el = wrapper.querySelector('comment-box')!;
    el.adapter = spyAdapter().adapter;
    await settle(el);
    const heading = () => text($(el, '[part="form-heading"]'));
    expect(heading()).to.equal('Leave a Reply');
    document.documentElement.lang = 'de';
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(heading()).to.equal(de.leaveReply);
    wrapper.setAttribute('lang', 'fr');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(heading()).to.equal(fr.leaveReply);
    el.setAttribute('lang', 'ja');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(heading()).to.equal(ja.leaveReply);
  });

  it('lays out Arabic and Hebrew right to left and is accessible', async () => {
    for (const code of ['ar', 'he']) {
      const el = await mount(
        spyAdapter({ threads: { t: [comment('1', null, 'ليلى', 'مرحبا', 1), comment('2', '1', 'Dan', 'reply', 2)] } })
          .adapter,
        { lang: code },
      );
      const base = $(el, '[part="base"]')!;
      expect(base.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(base).direction).to.equal('rtl');
      // A reply is indented on the right: its own inline-start padding, under the parent's rail.
      const reply = $(el, '[part="replies"] > [part="comment"]')!;
      const style = getComputedStyle(reply);
      expect(parseFloat(style.paddingRight)).to.be.above(0);
      expect(parseFloat(style.paddingLeft)).to.equal(0);
      const [top, indented] = ['1', '2'].map((id) => $(el, `#comment-${id} > article`)!.getBoundingClientRect());
      expect(indented!.right).to.be.below(top!.right);
      await expect(el).to.be.accessible();
    }
  });
});

describe('localize: overrides and errors', () => {
  it('lets `strings` replace any text per instance', async () => {
    const el = await mount(spyAdapter().adapter, { lang: 'nl' });
    el.strings = { leaveReply: 'Doe mee aan de discussie', errors: { required: (f) => `${f}?!` } };
    await el.updateComplete;
    expect(text($(el, '[part="form-heading"]'))).to.equal('Doe mee aan de discussie');
    expect(text($(el, '[part="submit-button"]'))).to.equal('Reactie plaatsen');
    await el.submit();
    expect(text($(el, '#comment-error'))).to.equal('Reactie?!');
    expect(text($(el, '#email-error'))).to.equal('E-mail?!');
    await type(el, 'email', 'nope');
    expect(text($(el, '#email-error'))).to.equal(nl.errors.invalidEmail('E-mail', 100));
  });

  it('localizes validation errors', async () => {
    const el = await mount(spyAdapter().adapter, { lang: 'de' });
    await type(el, 'email', 'nope');
    expect(text($(el, '#email-error'))).to.equal(de.errors.invalidEmail('E-Mail', 100));
    await type(el, 'url', 'javascript:alert(1)');
    expect(text($(el, '#url-error'))).to.equal(de.errors.unsafeUrl('Website', 200));
  });

  it('localizes server failures, including rate limits and message keys', async () => {
    const { adapter } = spyAdapter();
    const failures = [
      new CommentAdapterError('rate-limited', 'slow', { retryAfter: 1 }),
      new CommentAdapterError('unauthorized', 'nope', { messageKey: 'anonymousDisabled' }),
      new CommentAdapterError('invalid', 'bad', { fields: { content: ['tooLong'] } }),
    ];
    adapter.create = async () => {
      throw failures.shift();
    };
    const el = await mount(adapter, { lang: 'fr' });
    await fill(el);
    await post(el);
    expect(text($(el, '[part="form-error"]'))).to.equal(fr.failures['rate-limited'](1));
    // Posting is possible again once the wait has counted down.
    await waitUntil(() => !$(el, '[part="form-error"]'), 'the rate limit never ended', { timeout: 3000 });
    await post(el);
    expect(text($(el, '[part="form-error"]'))).to.equal(fr.failures.anonymousDisabled);
    await post(el);
    expect(text($(el, '#comment-error'))).to.equal(fr.errors.tooLong('Commentaire', 65525).replace(/\s+/g, ' '));
  });
});

describe('localize: every reply button names its comment', () => {
  for (const t of [en, ...LOCALES]) {
    it(`${t.$code}: the visible "${t.reply}" is part of the accessible name`, () => {
      expect(t.replyTo('Ada').toLowerCase()).to.include(t.reply.toLowerCase());
    });
  }
});
