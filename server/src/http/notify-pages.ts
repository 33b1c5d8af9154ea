/**
 * The pages that links in emails open (server-rendered, phone-sized, no script):
 *   GET  /notify/confirm?t=…      a page whose button confirms the address (POST)
 *   POST /notify/confirm          confirms it
 *   GET  /notify/unsubscribe?t=…  a page whose button unsubscribes (POST)
 *   POST /notify/unsubscribe?t=…  unsubscribes at once: the button, or a mail client's RFC 8058
 *                                 one-click POST (`List-Unsubscribe=One-Click`), no sign-in
 *   GET  /notify/action?t=…       the owner's Approve / Spam / Trash link: a page that asks to confirm
 *   POST /notify/action           does it (once), through the store as the desk does
 *   GET  /notify/follow?t=…       a page whose button follows a whole thread (every new comment)
 *   POST /notify/follow           follows it (a confirmed address only)
 * A GET never changes anything (a mail scanner following links confirms, unsubscribes and
 * approves nothing). A bad, tampered, expired or used link: a page that says so, with a 4xx.
 */
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { strings, type NotifyStrings, type PageLanguage } from '../notify/i18n.js';
import { OWNER_ACTION_STATUS, reasonText, type ActionLink } from '../notify/owner.js';
import { escapeHtml, excerpt, defang, safeName } from '../notify/text.js';
import type { AppDeps } from './app.js';

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  // Tokens are in the address: never sent on as a referrer. Never framed (a one-tap button).
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const STYLE = `
:root{color-scheme:light dark}
body{margin:0;font:1.125rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:Canvas;color:CanvasText}
main{max-width:32rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}
blockquote{margin:1rem 0;padding:.5rem 1rem;border-inline-start:4px solid GrayText;white-space:pre-wrap;overflow-wrap:anywhere}
button{display:block;width:100%;min-height:3rem;margin:1.5rem 0 0;padding:.75rem 1rem;font:inherit;font-weight:600;border:0;border-radius:.5rem;color:#fff;background:#1d4ed8;cursor:pointer}
button.spam{background:#92400e}button.trash{background:#b91c1c}button.approve{background:#047857}
button:focus-visible{outline:3px solid #f59e0b;outline-offset:3px}
.note{color:GrayText;font-size:1rem}
`;

/** A whole page: its language (`lang`, `dir`), a title, and `body` (already escaped HTML). */
export function htmlPage({ lang, dir }: PageLanguage, title: string, body: string): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** A form that POSTs to the same address (which carries the token), with one big button. */
const postButton = (label: string, token: string, extra = '', className = '') =>
  `<form method="post"><input type="hidden" name="t" value="${escapeHtml(token)}">${extra}<button type="submit"${className ? ` class="${className}"` : ''}>${escapeHtml(label)}</button></form>`;

/** The token of a request: `t` in the query, or in a form body (a small one). */
async function tokenOf(c: Context): Promise<string> {
  const fromQuery = c.req.query('t');
  if (fromQuery) return fromQuery;
  if (c.req.method !== 'POST') return '';
  const length = Number(c.req.header('Content-Length') ?? '0');
  if (length > 8192) return '';
  try {
    const body = await c.req.parseBody();
    return typeof body.t === 'string' ? body.t : '';
  } catch {
    return '';
  }
}

/**
 * A `/notify/…` link of ours relative to a page under `/notify/` (`follow?t=…`): a form's action that
 * works whatever address or path prefix the page was reached at.
 */
const relative = (url: string) => {
  const u = new URL(url);
  return `${u.pathname.slice(u.pathname.lastIndexOf('/') + 1)}${u.search}`;
};

export function notifyPageRoutes(app: Hono, deps: Required<AppDeps>): void {
  const { notifications, store, bus, log } = deps;
  const page = (c: Context, status: ContentfulStatusCode, language: PageLanguage, title: string, body: string) =>
    c.body(htmlPage(language, title, body), status, PAGE_HEADERS);
  const invalid = (c: Context, t: NotifyStrings, status: ContentfulStatusCode = 400) =>
    page(c, status, t, t.invalidTitle, `<p>${escapeHtml(t.invalidText)}</p>`);
  const en = strings('en');

  if (!notifications) {
    app.all('/notify/*', (c) => invalid(c, en, 404));
    return;
  }
  const { readers, owner } = notifications;
  const site = () => notifications.siteName;

  app.get('/notify/confirm', async (c) => {
    const token = await tokenOf(c);
    const found = await readers.checkConfirm(token);
    if (!found) return invalid(c, en);
    const t = strings(found.language);
    return page(
      c,
      200,
      t,
      t.confirmTitle,
      `<p>${escapeHtml(t.confirmPageText(site()))}</p>${postButton(t.confirmButton, token)}`,
    );
  });

  app.post('/notify/confirm', async (c) => {
    const done = await readers.confirm(await tokenOf(c));
    if (!done) return invalid(c, en);
    const t = strings(done.language);
    // Offered, never done for them: following every new comment of the thread.
    const follow = done.follow
      ? `<form method="post" action="${escapeHtml(relative(done.follow))}"><p class="note">${escapeHtml(t.followText)}</p><button type="submit">${escapeHtml(t.followButton)}</button></form>`
      : '';
    return page(c, 200, t, t.confirmedTitle, `<p>${escapeHtml(t.confirmedText)}</p>${follow}`);
  });

  app.get('/notify/follow', async (c) => {
    const token = await tokenOf(c);
    const found = await readers.checkFollow(token);
    if (!found) return invalid(c, en);
    const t = strings(found.language);
    return page(c, 200, t, t.followTitle, `<p>${escapeHtml(t.followText)}</p>${postButton(t.followButton, token)}`);
  });

  app.post('/notify/follow', async (c) => {
    const done = await readers.follow(await tokenOf(c));
    if (!done) return invalid(c, en);
    const t = strings(done.language);
    return page(c, 200, t, t.followTitle, `<p>${escapeHtml(t.followedText)}</p>`);
  });

  app.get('/notify/unsubscribe', async (c) => {
    const token = await tokenOf(c);
    const found = await readers.checkUnsubscribe(token);
    if (!found) return invalid(c, en);
    const t = strings(found.language);
    const question = found.scope === 'thread' ? t.unsubscribeThreadText : t.unsubscribeAllText(site());
    return page(
      c,
      200,
      t,
      t.unsubscribeTitle,
      `<p>${escapeHtml(question)}</p>${postButton(t.unsubscribeButton, token, '<input type="hidden" name="List-Unsubscribe" value="One-Click">')}`,
    );
  });

  // The page's button and RFC 8058's one-click POST alike: unsubscribed at once.
  app.post('/notify/unsubscribe', async (c) => {
    const done = await readers.unsubscribe(await tokenOf(c));
    if (!done) return invalid(c, en);
    const t = strings(done.language);
    return page(c, 200, t, t.unsubscribedTitle, `<p>${escapeHtml(t.unsubscribedText)}</p>`);
  });

  const label = { approve: 'Approve', spam: 'Mark as spam', trash: 'Move to the trash' } as const;
  const done = { approve: 'Approved', spam: 'Marked as spam', trash: 'Moved to the trash' } as const;
  /** The page of a link that cannot be used, or undefined when it can. */
  const refusal = async (c: Context, link: ActionLink | 'invalid' | 'expired') => {
    if (link === 'invalid')
      return page(c, 400, en, 'This link does not work', '<p>The link is not valid. Nothing was changed.</p>');
    if (link === 'expired') {
      return page(
        c,
        410,
        en,
        'This link has expired',
        '<p>Links in moderation emails work for 7 days. Nothing was changed; use the moderation desk.</p>',
      );
    }
    if (await owner.used(link)) {
      return page(c, 409, en, 'This link was already used', '<p>Each link works once. Nothing was changed now.</p>');
    }
    return undefined;
  };

  app.get('/notify/action', async (c) => {
    const token = await tokenOf(c);
    const link = owner.check(token);
    const refused = await refusal(c, link);
    if (refused) return refused;
    const { a, c: id } = link as ActionLink;
    const row = await store.reader.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.deleted) {
      return page(c, 404, en, 'This comment is gone', '<p>It was deleted. Nothing was changed.</p>');
    }
    const status =
      row.status === 'pending' ? `Held: ${reasonText(row.moderation_reason)}` : `Status now: ${row.status}`;
    const body =
      `<p><strong>${escapeHtml(safeName(row.author_name || 'Anonymous'))}</strong> · ${escapeHtml(status)}</p>` +
      `<blockquote dir="auto">${escapeHtml(excerpt(defang(row.content), 1500))}</blockquote>` +
      postButton(label[a], token, '', a) +
      `<p class="note">Nothing happens until you press the button.</p>`;
    return page(c, 200, en, `${label[a]} this comment?`, body);
  });

  app.post('/notify/action', async (c) => {
    const token = await tokenOf(c);
    const link = owner.check(token);
    const refused = await refusal(c, link);
    if (refused) return refused;
    const { a, c: id, n, e } = link as ActionLink;
    let replayed = false;
    const changed = await store
      .setStatus(id, OWNER_ACTION_STATUS[a], new Date().toISOString(), {
        // The link's single use, in the action's transaction: two taps at once do it once.
        guard: async (trx) => {
          const used = await trx
            .insertInto('used_links')
            .values({ nonce: n, used_at: new Date().toISOString(), expires_at: new Date(e).toISOString() })
            .onConflict((oc) => oc.column('nonce').doNothing())
            .returning('nonce')
            .executeTakeFirst();
          if (!used) {
            replayed = true;
            throw new Error('link used');
          }
        },
      })
      .catch((error: unknown) => {
        if (replayed) return 'replayed' as const;
        throw error;
      });
    if (changed === 'replayed') {
      return page(c, 409, en, 'This link was already used', '<p>Each link works once. Nothing was changed now.</p>');
    }
    if (!changed) return page(c, 404, en, 'This comment is gone', '<p>It was deleted. Nothing was changed.</p>');
    if (changed.row.status === 'approved' && changed.before.status !== 'approved') {
      await bus.publish(changed.row.thread_id, store.toPublic(changed.row)).catch((err) => log('publish failed', err));
    }
    return page(c, 200, en, `${done[a]}.`, '<p>Done. You can close this page.</p>');
  });
}
