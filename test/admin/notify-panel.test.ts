import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/admin/admin-page.js';
import type { CommentAdminElement } from '../../src/admin/admin-page.js';
import { DeskApi } from '../../src/admin/desk-api.js';
import type { SiteSettingsView } from '../../src/api/admin.js';
import type { NotificationStatus, OutboxPage } from '../../src/api/notifications.js';

const SETTINGS: SiteSettingsView = {
  moderation: 'first-time',
  maxLinks: 2,
  editWindow: 900,
  rateLimit: 5,
  rateWindow: 60,
  allowedOrigins: [],
  closeAfterDays: 0,
  closedThreads: [],
  openThreads: [],
  ownerName: 'Site owner',
  trashDays: 30,
  blocks: { words: { hold: [], spam: [] }, emails: { hold: [], spam: [] }, ips: { hold: [], spam: [] } },
  notifyOwner: 'held',
  notifyInterval: 600,
  webhookUrl: '',
  webhookFormat: 'json',
  webhookEvents: ['comment.created', 'comment.approved', 'comment.edited', 'comment.deleted'],
  webhookSecret: '',
  setByEnvironment: [],
};

const EMAIL_ON: NotificationStatus = {
  emailEnabled: true,
  mailFrom: 'Comments <comments@blog.example>',
  notifyEmail: 'owner@blog.example',
  baseUrl: 'https://comments.blog.example',
  siteName: 'Blog',
};
const EMAIL_OFF: NotificationStatus = { ...EMAIL_ON, emailEnabled: false, mailFrom: '', notifyEmail: '' };

const item = (id: string, over: Partial<OutboxPage['items'][number]> = {}): OutboxPage['items'][number] => ({
  id,
  kind: 'email',
  type: 'replies',
  status: 'sent',
  attempts: 1,
  lastError: null,
  nextAttemptAt: '2026-11-30T10:00:00.000Z',
  createdAt: '2026-11-30T10:00:00.000Z',
  sentAt: '2026-11-30T10:00:01.000Z',
  recipient: 'r***@example.com',
  ...over,
});

const OUTBOX: OutboxPage = {
  items: [
    item('o1'),
    item('o2', {
      status: 'pending',
      attempts: 3,
      sentAt: null,
      lastError: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2525',
      type: 'owner',
      recipient: 'o***@blog.example',
    }),
    item('o3', {
      kind: 'webhook',
      type: 'comment.created',
      status: 'failed',
      lastError: 'webhook to hooks.example: HTTP 404',
      recipient: null,
      sentAt: null,
    }),
  ],
  nextCursor: 'c1',
  counts: { pending: 3, sent: 12, failed: 1, cancelled: 0, retrying: 1 },
};

interface Options {
  status?: NotificationStatus;
  settings?: SiteSettingsView;
  /** The answer to a PUT of the settings: its status and body (default: the settings, changed). */
  put?: (body: any) => [number, unknown];
  test?: [number, unknown];
}

/** The desk signed in, on its Notifications screen, whose API answers from `options` and records each call. */
async function notifyScreen(options: Options = {}) {
  let settings = structuredClone(options.settings ?? SETTINGS);
  const el = await fixture<CommentAdminElement>(html`<comment-admin></comment-admin>`);
  const calls: Array<{ method: string; path: string; body: any }> = [];
  el.api = new DeskApi(async (input, init) => {
    const method = init?.method ?? 'GET';
    const path = String(input);
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, body });
    if (path === '/api/admin/notifications') return Response.json(options.status ?? EMAIL_ON);
    if (path === '/api/admin/notifications/test') {
      const [status, out] = options.test ?? [200, { ok: true, response: '250 OK: queued as 1A2B' }];
      return Response.json(out, { status });
    }
    if (path.startsWith('/api/admin/outbox')) {
      return Response.json(
        path.includes('cursor=c1') ? { ...OUTBOX, items: [item('o4'), item('o5')], nextCursor: null } : OUTBOX,
      );
    }
    if (path === '/api/admin/settings' && method === 'PUT') {
      const [status, out] = options.put?.(body) ?? [200, undefined];
      if (status === 200) {
        const { webhookSecret, ...rest } = body;
        settings = {
          ...settings,
          ...rest,
          ...(webhookSecret ? { webhookSecret: `••••••••${webhookSecret.slice(-4)}` } : {}),
        };
      }
      return Response.json(out ?? settings, { status });
    }
    if (path === '/api/admin/settings') return Response.json(settings);
    if (path.startsWith('/api/admin/counts')) return Response.json({ pending: 0, approved: 0, spam: 0, trash: 0 });
    return Response.json({ comments: [], nextCursor: null });
  });
  el.signedIn = true;
  await el.updateComplete;
  const open = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')].find(
    (b) => b.textContent!.trim() === 'Notifications',
  )!;
  open.focus();
  await sendKeys({ press: 'Enter' });
  const panel = () => el.shadowRoot!.querySelector('comment-admin-notify')!;
  await waitUntil(() => panel()?.shadowRoot?.querySelector('#outbox-heading'), 'the screen did not load');
  await settle(el);
  return { el, calls, panel, $: (s: string) => panel().shadowRoot!.querySelector<HTMLElement>(s) };
}

const settle = async (el: CommentAdminElement) => {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    await (el.shadowRoot!.querySelector('comment-admin-notify') as any)?.updateComplete;
  }
};
const announced = (el: CommentAdminElement) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
const focused = (el: CommentAdminElement) =>
  el.shadowRoot!.querySelector('comment-admin-notify')!.shadowRoot!.activeElement as HTMLElement | null;
const buttonIn = (root: ShadowRoot, label: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === label)!;

describe('<comment-admin> Notifications screen', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('opens from the desk’s nav by keyboard, focus on its heading; says plainly that email is off and how to turn it on', async () => {
    const { el, $ } = await notifyScreen({ status: EMAIL_OFF });
    expect(focused(el)?.id).to.equal('queue-heading');
    expect(focused(el)?.textContent).to.equal('Notifications');
    const off = $('#email-off')!.closest('section')!.textContent!.replace(/\s+/g, ' ');
    expect(off).to.contain('Email is off');
    expect(off).to.contain('COMMENT_BOX_SMTP_URL');
    expect(off).to.contain('COMMENT_BOX_MAIL_FROM');
    expect($('#test-to')).to.equal(null);
    expect(el.shadowRoot!.querySelector('nav button[aria-pressed="true"]')!.textContent!.trim()).to.equal(
      'Notifications',
    );
    await expect(el).to.be.accessible();
  });

  it('sends a test email and shows the SMTP answer: focus on it, announced in the desk’s live region', async () => {
    const { el, calls, $, panel } = await notifyScreen();
    expect(($('#test-to') as HTMLInputElement).value).to.equal('owner@blog.example');
    buttonIn(panel().shadowRoot!, 'Send a test email').click();
    await waitUntil(() => $('#test-result'), 'no result');
    await settle(el);
    expect(calls.find((c) => c.path === '/api/admin/notifications/test')!.body).to.deep.equal({
      to: 'owner@blog.example',
    });
    expect($('#test-result')!.textContent).to.equal('Sent. The mail server answered: 250 OK: queued as 1A2B');
    expect(focused(el)?.id).to.equal('test-result');
    expect(announced(el)).to.equal('Sent. The mail server answered: 250 OK: queued as 1A2B');
    await expect(el).to.be.accessible();
  });

  it('shows the SMTP error when the test fails', async () => {
    const { el, $, panel } = await notifyScreen({
      test: [200, { ok: false, error: 'EAUTH: Invalid login: 535 5.7.8 Authentication failed' }],
    });
    ($('#test-to') as HTMLInputElement).value = 'me@example.com';
    buttonIn(panel().shadowRoot!, 'Send a test email').click();
    await waitUntil(() => $('#test-result'), 'no result');
    await settle(el);
    expect($('#test-result')!.textContent).to.equal(
      'Not sent. The mail server said: EAUTH: Invalid login: 535 5.7.8 Authentication failed',
    );
    expect(focused(el)?.id).to.equal('test-result');
    expect(announced(el)).to.contain('535 5.7.8');
    await expect(el).to.be.accessible();
  });

  it('saves what the owner is told about and the webhook; a refused URL is marked and focused', async () => {
    let refuse = true;
    const { el, calls, $, panel } = await notifyScreen({
      put: () => (refuse ? [422, { error: 'invalid', fields: { webhookUrl: ['invalidType'] } }] : [200, undefined]),
    });
    const root = panel().shadowRoot!;
    (root.querySelector('input[name="notifyOwner"][value="all"]') as HTMLInputElement).click();
    ($('#notifyInterval') as HTMLInputElement).value = '5';
    ($('#webhookUrl') as HTMLInputElement).value = 'https://hooks.slack.com/services/T/B/X';
    ($('#webhookFormat') as HTMLSelectElement).value = 'slack';
    (root.querySelector('input[value="comment.edited"]') as HTMLInputElement).click();
    buttonIn(root, 'Save notification settings').click();
    await waitUntil(() => calls.some((c) => c.method === 'PUT'), 'not saved');
    await settle(el);
    expect(calls.find((c) => c.method === 'PUT')!.body).to.deep.equal({
      notifyOwner: 'all',
      notifyInterval: 300,
      webhookUrl: 'https://hooks.slack.com/services/T/B/X',
      webhookFormat: 'slack',
      webhookEvents: ['comment.created', 'comment.approved', 'comment.deleted'],
    });
    expect(focused(el)?.id).to.equal('webhookUrl');
    expect($('#webhookUrl')!.getAttribute('aria-invalid')).to.equal('true');
    expect(announced(el)).to.contain('The webhook URL must be an address starting with https://');
    await expect(el).to.be.accessible();
    refuse = false;
    buttonIn(root, 'Save notification settings').click();
    await waitUntil(() => announced(el).startsWith('Notification settings saved'), 'not announced');
    await settle(el);
    expect($('#webhookUrl')!.getAttribute('aria-invalid')).to.equal('false');
    expect(($('#webhookFormat') as HTMLSelectElement).value).to.equal('slack');
    // Saved again: the same words, announced again (the live region is cleared first).
    const texts: string[] = [];
    const observer = new MutationObserver(() => texts.push(announced(el)));
    observer.observe(el.shadowRoot!.querySelector('[role="status"]')!, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    buttonIn(root, 'Save notification settings').click();
    await waitUntil(
      () => texts.length >= 2 && announced(el).startsWith('Notification settings saved'),
      'not announced again',
    );
    observer.disconnect();
    expect(texts[0]).to.equal('');
  });

  it('generates a secret, saves it and shows it once (focus on it); afterwards only masked', async () => {
    const { el, calls, $, panel } = await notifyScreen({
      settings: { ...SETTINGS, webhookUrl: 'https://receiver.example/hook' },
    });
    expect($('#secret-state')!.textContent).to.contain('none');
    expect(panel().shadowRoot!.textContent).to.contain('Without a secret the JSON is sent unsigned');
    buttonIn(panel().shadowRoot!, 'Generate a secret').click();
    await waitUntil(() => $('#new-secret'), 'not shown');
    await settle(el);
    const put = calls.find((c) => c.method === 'PUT')!.body;
    expect(Object.keys(put)).to.deep.equal(['webhookSecret']);
    expect(put.webhookSecret).to.match(/^whsec_[0-9a-f]{64}$/);
    expect($('#new-secret')!.textContent).to.equal(put.webhookSecret);
    expect(focused(el)?.id).to.equal('new-secret');
    expect(announced(el)).to.equal('A new webhook secret is saved. Copy it now: it is not shown again.');
    expect($('#secret-state')!.textContent).to.contain(`••••••••${put.webhookSecret.slice(-4)}`);
    await expect(el).to.be.accessible();
    // Another screen and back: the secret is gone for good.
    el.shadowRoot!.querySelector<HTMLButtonElement>('nav button')!.click();
    await settle(el);
    buttonIn(el.shadowRoot!, 'Notifications').click();
    await waitUntil(() => panel()?.shadowRoot?.querySelector('#secret-state'), 'not back');
    expect($('#new-secret')).to.equal(null);
    expect(panel().shadowRoot!.textContent).to.not.contain(put.webhookSecret);
  });

  it('shows what the environment sets read-only, and saves only the rest', async () => {
    const { el, calls, $, panel } = await notifyScreen({
      settings: {
        ...SETTINGS,
        webhookUrl: 'https://env.example/hook',
        webhookSecret: '••••••••abcd',
        setByEnvironment: ['webhookUrl', 'webhookSecret'],
      },
    });
    const url = $('#webhookUrl') as HTMLInputElement;
    expect(url.disabled).to.equal(true);
    expect($('#webhookUrl-fixed')!.textContent).to.contain('COMMENT_BOX_WEBHOOK_URL');
    expect(url.getAttribute('aria-describedby')).to.equal('webhookUrl-fixed');
    expect(buttonIn(panel().shadowRoot!, 'Generate a new secret')).to.equal(undefined);
    buttonIn(panel().shadowRoot!, 'Save notification settings').click();
    await waitUntil(() => calls.some((c) => c.method === 'PUT'), 'not saved');
    expect(Object.keys(calls.find((c) => c.method === 'PUT')!.body).sort()).to.deep.equal([
      'notifyInterval',
      'notifyOwner',
      'webhookEvents',
      'webhookFormat',
    ]);
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('shows the outbox: counts, status, attempts, the last error of retrying and failed ones, masked recipients', async () => {
    const { el, calls, $, panel } = await notifyScreen();
    const root = panel().shadowRoot!;
    const counts = root.querySelector('.counts')!.textContent!.replace(/\s+/g, ' ');
    expect(counts).to.contain('Sent: 12').and.contain('Retrying: 1').and.contain('Failed: 1').and.contain('Waiting: 2');
    const rows = [...root.querySelectorAll('li[data-id]')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows[0]).to.contain('Email (reply notification) to r***@example.com').and.contain('Sent');
    expect(rows[0]).to.not.contain('Last error');
    expect(rows[1]).to.contain('Email (new comment, to you) to o***@blog.example');
    expect(rows[1]).to.contain('Retrying (3 attempts so far)').and.contain('next attempt');
    expect(rows[1]).to.contain('Last error: ECONNREFUSED');
    expect(rows[2]).to.contain('Webhook: comment.created').and.contain('Failed after 1 attempt');
    expect(rows[2]).to.contain('Last error: webhook to hooks.example: HTTP 404');
    // Refresh: focus on the outbox's heading, the counts announced.
    buttonIn(root, 'Refresh the outbox').click();
    await waitUntil(() => announced(el).startsWith('Outbox:'), 'not announced');
    await settle(el);
    expect(announced(el)).to.equal('Outbox: 12 sent, 1 retrying, 1 failed.');
    expect(focused(el)?.id).to.equal('outbox-heading');
    // Load more: focus on the first message loaded.
    buttonIn(root, 'Load more').click();
    await waitUntil(() => $('li[data-id="o4"]'), 'no more');
    await settle(el);
    expect(calls.some((c) => c.path.includes('cursor=c1'))).to.equal(true);
    expect(focused(el)?.dataset.id).to.equal('o4');
    expect(buttonIn(root, 'Load more')).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('at 360 px: every control a 44 px target, nothing wider than the screen; axe in the narrow layout', async () => {
    await setViewport({ width: 360, height: 800 });
    const { el, panel } = await notifyScreen({
      settings: { ...SETTINGS, webhookUrl: 'https://receiver.example/hook' },
    });
    const root = panel().shadowRoot!;
    const targets = root.querySelectorAll<HTMLElement>(
      'button, label.check, input:not([type="radio"]):not([type="checkbox"]), select',
    );
    expect(targets.length).to.be.greaterThan(10);
    for (const t of targets) {
      const r = t.getBoundingClientRect();
      expect(r.height, t.outerHTML.slice(0, 80)).to.be.at.least(44);
      expect(r.right, t.outerHTML.slice(0, 80)).to.be.at.most(360);
    }
    expect(document.documentElement.scrollWidth).to.be.at.most(360);
    await expect(el).to.be.accessible();
  });
});
