// "Notify me of follow-up comments by email." (issue 14, readers): offered only when the backend's
// latest page says it can email replies; checked, it makes the email required and sends `notify`;
// from the keyboard, at 320 px, in RTL and dark, and accessible in every state.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/i18n/translations/ar.js';
import type { CommentAdapter, CommentDraft } from '../../src/adapters/types.js';
import { CommentBoxSubmitEvent } from '../../src/element/events.js';
import { $, fill, mount, post, settle, spyAdapter, text, type, type CommentBoxElement } from '../helpers.js';
import { expectFocusOn } from '../focus.js';

const LABEL = 'Notify me of follow-up comments by email.';
const NOTE = 'New addresses get one email to confirm first.';

/** A backend whose pages say `notifications: true` (or `notifications`), recording each draft it is sent. */
function notifyingAdapter(notifications: boolean | undefined = true) {
  const { adapter: spy, inner } = spyAdapter();
  const drafts: CommentDraft[] = [];
  const adapter: CommentAdapter = {
    scope: 'shared',
    list: async (thread, opts) => ({ ...(await spy.list(thread, opts)), notifications }),
    create: (thread, draft, opts) => {
      drafts.push(draft);
      return spy.create(thread, draft, opts);
    },
  };
  return { adapter, drafts, inner };
}

const box = (el: CommentBoxElement) => $<HTMLInputElement>(el, '[part="notify"]');
const status = (el: CommentBoxElement) => text($(el, '[role="status"]'));

async function press(el: CommentBoxElement, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
}

/** Checks (or unchecks) the box as a click on its label would. */
async function toggle(el: CommentBoxElement) {
  $(el, '[part="notify-label"]')!.click();
  await el.updateComplete;
}

beforeEach(() => localStorage.clear());
afterEach(async () => {
  await emulateMedia({ colorScheme: 'light' });
  await setViewport({ width: 800, height: 600 });
});

describe('<comment-box> notify: when it is offered', () => {
  it('shows an unchecked box under the fields, with its label and parts, when pages say notifications', async () => {
    const el = await mount(notifyingAdapter().adapter);
    const input = box(el)!;
    expect(input.type).to.equal('checkbox');
    expect(input.checked).to.equal(false);
    expect(input.id).to.equal('notify');
    expect(text($(el, '[part="notify-label"]'))).to.equal(LABEL);
    expect($(el, 'label[for="notify"]')).to.equal($(el, '[part="notify-label"]'));
    // Under the fields and "Save my name…", before Post Comment.
    const order = [...el.shadowRoot!.querySelectorAll('form input, form textarea, form button[type="submit"]')].map(
      (n) => n.id || n.getAttribute('part'),
    );
    expect(order).to.deep.equal(['comment', 'name', 'email', 'url', 'save-details', 'notify', 'submit-button']);
    expect($(el, '[part="notify-note"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows nothing when the pages do not say it (absent or false)', async () => {
    for (const adapter of [spyAdapter().adapter, notifyingAdapter(false).adapter]) {
      const el = await mount(adapter);
      expect(box(el), 'no checkbox').to.equal(null);
      expect(text($(el, 'form')), 'no label').to.not.contain(LABEL);
    }
  });

  it('follows the latest page: a new backend without notifications takes the box away', async () => {
    const el = await mount(notifyingAdapter().adapter);
    await toggle(el);
    expect(box(el)!.checked).to.equal(true);
    const { adapter, calls } = spyAdapter();
    el.adapter = adapter;
    await settle(el);
    expect(box(el)).to.equal(null);
    el.requireNameEmail = false;
    await type(el, 'comment', 'No email needed now');
    await post(el);
    expect(calls.create, 'posted without an email: notify was not sent').to.have.length(1);
  });
});

describe('<comment-box> notify: posting', () => {
  it('sends notify: true when checked (in comment-box-submit too), and nothing when not', async () => {
    const { adapter, drafts } = notifyingAdapter();
    const el = await mount(adapter);
    await fill(el, 'Unchecked');
    await post(el);
    expect(drafts[0]!.notify, 'unchecked: no notify').to.equal(undefined);

    await fill(el, 'Checked');
    await toggle(el);
    let submitted: CommentDraft | undefined;
    el.addEventListener('comment-box-submit', (e: CommentBoxSubmitEvent) => (submitted = e.draft), { once: true });
    await post(el);
    expect(drafts[1]!.notify).to.equal(true);
    expect(drafts[1]!.email).to.equal('ada@example.com');
    expect(submitted?.notify).to.equal(true);
  });

  it('resets to unchecked after a successful post, and says a new address gets one email first', async () => {
    const el = await mount(notifyingAdapter().adapter);
    await toggle(el);
    const note = $(el, '[part="notify-note"]')!;
    expect(text(note)).to.equal(NOTE);
    expect(box(el)!.getAttribute('aria-describedby')).to.equal(note.id);
    await fill(el);
    await post(el);
    expect(status(el)).to.equal('Your comment was posted.');
    expect(box(el)!.checked, 'unchecked after the post').to.equal(false);
    expect($(el, '[part="notify-note"]')).to.equal(null);
    expect(box(el)!.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('checked makes the email required: marker, aria-required, the error on the field and focus there', async () => {
    const { adapter, drafts } = notifyingAdapter();
    const el = await mount(adapter, { 'require-name-email': 'false' });
    const email = $<HTMLInputElement>(el, '#email')!;
    expect(text($(el, 'label[for="email"]'))).to.equal('Email');
    expect(email.getAttribute('aria-required')).to.equal('false');

    await toggle(el);
    expect(text($(el, 'label[for="email"]'))).to.equal('Email *');
    expect(email.getAttribute('aria-required')).to.equal('true');
    expect(email.hasAttribute('required')).to.equal(true);
    await expect(el).to.be.accessible();

    await type(el, 'comment', 'Words I typed');
    await post(el);
    expect(drafts, 'nothing sent').to.have.length(0);
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#email-error'))).to.equal('Please fill in Email.');
    expect(email.getAttribute('aria-describedby')!.split(' ')).to.include('email-error');
    expectFocusOn(el, email, 'the email field');
    expect($<HTMLTextAreaElement>(el, '#comment')!.value, 'the typed text survives').to.equal('Words I typed');
    expect(box(el)!.checked, 'still checked').to.equal(true);
    await expect(el).to.be.accessible();

    // Unchecked, the email is optional again: the error goes and the comment posts.
    await toggle(el);
    expect($(el, '#email-error')).to.equal(null);
    expect(email.getAttribute('aria-required')).to.equal('false');
    await post(el);
    expect(drafts).to.have.length(1);
    expect(drafts[0]!.notify).to.equal(undefined);
  });

  it('reports the missing email beside the other fields’ errors, focus on the first', async () => {
    const el = await mount(notifyingAdapter().adapter, { 'require-name-email': 'false' });
    await toggle(el);
    await post(el);
    expect(text($(el, '#comment-error'))).to.equal('Please fill in Comment.');
    expect(text($(el, '#email-error'))).to.equal('Please fill in Email.');
    expect(status(el)).to.equal('Please correct the 2 errors in the form.');
    expectFocusOn(el, $(el, '#comment'), 'the comment field');
  });

  it('keeps the box with its draft across a reload', async () => {
    const { adapter } = notifyingAdapter();
    const first = await mount(adapter);
    await type(first, 'comment', 'Half a thought');
    await toggle(first);
    first.remove();
    const again = await mount(adapter);
    expect($<HTMLTextAreaElement>(again, '#comment')!.value).to.equal('Half a thought');
    expect(box(again)!.checked).to.equal(true);
    expect(text($(again, '[part="notify-note"]'))).to.equal(NOTE);
  });
});

describe('<comment-box> notify: keyboard, sizes, RTL and dark', () => {
  it('Tab reaches the box after "Save my name…", Space toggles it, focus visible throughout', async () => {
    const el = await mount(notifyingAdapter().adapter);
    $(el, '#save-details')!.focus();
    await press(el, 'Tab');
    const input = box(el)!;
    expectFocusOn(el, input, 'the notify checkbox');
    await press(el, 'Space');
    expect(input.checked).to.equal(true);
    expect(el['draft'].notify).to.equal(true);
    expectFocusOn(el, input, 'the notify checkbox, checked');
    expect(text($(el, '[part="notify-note"]'))).to.equal(NOTE);
    await expect(el).to.be.accessible();
    await press(el, 'Space');
    expect(input.checked).to.equal(false);
    expectFocusOn(el, input, 'the notify checkbox, unchecked again');
    await press(el, 'Tab');
    expectFocusOn(el, $(el, '[part="submit-button"]'), 'Post Comment');
  });

  it('at 320 px: a 44 px target, nothing wider than the element', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await mount(notifyingAdapter().adapter);
    await toggle(el);
    // One short line: the 44 px is the label's own height, not its wrapping.
    el.strings = { notifyReplies: 'Notify me' };
    await el.updateComplete;
    const label = $(el, '[part="notify-label"]')!.getBoundingClientRect();
    const input = box(el)!.getBoundingClientRect();
    const host = el.getBoundingClientRect();
    expect(label.height, 'the label, which toggles the box').to.be.at.least(44);
    expect(input.left).to.be.at.least(host.left);
    expect(label.right).to.be.at.most(Math.ceil(host.right));
    expect(el.scrollWidth).to.be.at.most(Math.ceil(host.width));
    await expect(el).to.be.accessible();
  });

  it('in RTL: translated, the box on the right of its label', async () => {
    const el = await mount(notifyingAdapter().adapter, { lang: 'ar' });
    await toggle(el);
    expect(text($(el, '[part="notify-label"]'))).to.equal('أبلغني بالتعليقات اللاحقة عبر البريد الإلكتروني.');
    const input = box(el)!.getBoundingClientRect();
    const label = $(el, '[part="notify-label"]')!.getBoundingClientRect();
    expect(input.left).to.be.above(label.left);
    await expect(el).to.be.accessible();
  });

  it('in dark: accessible checked, unchecked and with the error', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await fixture<CommentBoxElement>(
      html`<comment-box thread-id="t" theme="dark" require-name-email="false"
        .adapter=${notifyingAdapter().adapter}></comment-box>`,
    );
    await settle(el);
    await expect(el).to.be.accessible();
    await toggle(el);
    await expect(el).to.be.accessible();
    await post(el);
    expect($(el, '#email-error')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe("<comment-box> notify: the thread's language", () => {
  it('tells the backend the language it shows with every post (the emails come in it)', async () => {
    const { adapter } = notifyingAdapter();
    const told: Array<string | undefined> = [];
    const el = await mount(
      {
        ...adapter,
        create: (thread, draft, opts) => {
          told.push(opts.lang);
          return adapter.create(thread, draft, opts);
        },
      },
      { lang: 'ar' },
    );
    await fill(el, 'مرحبا');
    await post(el);
    // A language with no translation: the element shows English, and says so.
    el.setAttribute('lang', 'sv');
    await el.updateComplete;
    await fill(el, 'Hej', 'Sven');
    await post(el);
    expect(told).to.deep.equal(['ar', 'en']);
  });
});
