import { expect } from '@open-wc/testing';
import {
  prepareDateFormats,
  refreshRelativeTimes,
  relativeTime,
  relativeTimerRunning,
  renderTime,
  setClock,
} from '../src/relative-time.js';
import { isCached } from '../src/i18n/registry.js';
import { render } from 'lit';
import '../src/i18n/translations/nl.js';
import '../src/i18n/translations/ar.js';
import { $, comment, mount, spyAdapter, text } from './helpers.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0); // helpers' comment(…, minute) is 12:minute UTC on this day

beforeEach(() => localStorage.clear());
afterEach(() => setClock());

describe('relative time', () => {
  it('formats past and future distances with Intl.RelativeTimeFormat', () => {
    setClock(() => T0);
    const at = (seconds: number) => relativeTime(new Date(T0 + seconds * 1000), 'en');
    expect(at(-10)).to.equal('now');
    expect(at(-180)).to.equal('3 minutes ago');
    expect(at(-2 * 3600)).to.equal('2 hours ago');
    expect(at(-86_400)).to.equal('yesterday');
    expect(at(-3 * 86_400)).to.equal('3 days ago');
    expect(at(-14 * 86_400)).to.equal('2 weeks ago');
    expect(at(-400 * 86_400)).to.equal('last year');
    expect(at(7200)).to.equal('in 2 hours');
    expect(relativeTime(new Date(T0 - 180_000), 'nl')).to.equal('3 minuten geleden');
  });

  it("makes a language's date formats ahead, in tasks of their own, and at once when they exist", async () => {
    // A language no other test formats dates in, so its formats do not exist yet.
    const lang = 'fi-FI';
    expect(isCached('rtf', lang)).to.equal(false);
    const preparing = prepareDateFormats(lang);
    // Nothing is made in this task: each part of the locale data loads in a later one.
    await Promise.resolve();
    expect(isCached('rtf', lang)).to.equal(false);
    await preparing;
    expect(isCached('rtf', lang)).to.equal(true);
    expect(isCached('dtf', lang)).to.equal(true);

    let again = false;
    void prepareDateFormats(lang).then(() => (again = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(again, 'resolved without waiting for a task').to.equal(true);
  });

  it('stops preparing at a language tag Intl refuses; its dates show as ISO', async () => {
    await prepareDateFormats('x-not a tag');
    expect(isCached('rtf', 'x-not a tag')).to.equal(false);
    const host = document.createElement('div');
    render(renderTime('2026-01-01T12:00:00.000Z', 'x-not a tag'), host);
    expect(host.querySelector('time')!.textContent).to.equal('2026-01-01T12:00:00.000Z');
  });

  it('renders <time> with the relative text, the ISO datetime and the absolute date as title', async () => {
    setClock(() => T0 + 5 * 60_000);
    const c = comment('1', null, 'Femke', 'Hoi', 2);
    const el = await mount(spyAdapter({ threads: { t: [c] } }).adapter, { lang: 'nl' });
    const time = $(el, '#comment-1 time[part="date"]')!;
    expect(time.getAttribute('datetime')).to.equal(c.createdAt);
    expect(text(time)).to.equal('3 minuten geleden');
    expect(time.getAttribute('title')).to.equal(
      new Intl.DateTimeFormat('nl', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(c.createdAt)),
    );
  });

  it('moves on while the page stays open, with one shared timer cleaned up on disconnect', async () => {
    let now = T0 + 3 * 60_000;
    setClock(() => now);
    const adapter = () => spyAdapter({ threads: { t: [comment('1', null, 'Ada', 'Hi', 0)] } }).adapter;
    const a = await mount(adapter());
    const b = await mount(adapter(), { lang: 'ar' });
    expect(text($(a, 'time'))).to.equal('3 minutes ago');
    expect(relativeTimerRunning()).to.equal(true);
    now = T0 + 2 * 3_600_000;
    refreshRelativeTimes();
    await a.updateComplete;
    await b.updateComplete;
    expect(text($(a, 'time'))).to.equal('2 hours ago');
    expect(text($(b, 'time'))).to.equal(new Intl.RelativeTimeFormat('ar', { numeric: 'auto' }).format(-2, 'hour'));
    a.remove();
    expect(relativeTimerRunning()).to.equal(true);
    b.remove();
    expect(relativeTimerRunning()).to.equal(false);
  });
});
