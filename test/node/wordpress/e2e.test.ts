// End to end: the built script-tag bundle on one origin, a real WordPress on another (CORS), in
// headless Chromium. Builds the bundle into a temporary directory (the shared dist/ is left alone).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROME_FLAGS, findChrome } from '../../../scripts/find-chrome.mjs';
import { HOSTILE_HTML } from '../../wordpress/hostile-html.js';
import { admin, adminComment, newPost, skip, wordpress } from './wp.js';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };

describe('<comment-box backend="wordpress"> end to end', { skip }, () => {
  let dir = '';
  let server: Server;
  let origin = '';
  let browser: Browser;
  const pages = new Map<string, string>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'comment-box-e2e-'));
    const build = spawnSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(build.status, 0, `vite build failed: ${build.stderr}`);
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const page = pages.get(path);
      if (page !== undefined) {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
        return;
      }
      const file = normalize(join(dir, path));
      try {
        if (!file.startsWith(dir)) throw new Error('outside');
        const body = readFileSync(file);
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_FLAGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(attrs: string): Promise<{ page: Page; requests: string[] }> {
    const path = `/page-${pages.size}.html`;
    pages.set(
      path,
      `<!doctype html><html lang="en"><body><comment-box ${attrs}></comment-box><script type="module" src="/comment-box.js"></script></body></html>`,
    );
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.goto(`${origin}${path}`);
    return { page, requests };
  }

  it('shows existing threads in order with paging, and hostile HTML inert', async () => {
    const wp = await wordpress();
    const post = await newPost();
    const first = await adminComment(post.id, 'First, plain', { date_gmt: '2024-01-01T10:00:00' });
    const reply = await adminComment(post.id, 'A <em>reply</em>', {
      parent: first.id,
      date_gmt: '2024-01-02T10:00:00',
    });
    const hostile = await adminComment(post.id, HOSTILE_HTML, { date_gmt: '2024-01-03T10:00:00' });
    const third = await adminComment(post.id, 'Third thread', { date_gmt: '2024-01-04T10:00:00' });
    const { page, requests } = await open(
      `backend="wordpress" endpoint="${wp.url}" thread-id="${post.slug}" page-size="2"`,
    );
    const box = page.locator('comment-box');
    await box.locator(`#comment-${hostile.id} [part="comment-body"] strong`).waitFor();
    assert.equal(
      await box
        .locator('[part="count-heading"]')
        .textContent()
        .then((t) => t?.trim()),
      '4 Comments',
    );
    assert.equal(
      await box.locator(`#comment-${first.id} [part="replies"] #comment-${reply.id} em`).textContent(),
      'reply',
    );
    assert.equal(await box.locator(`#comment-${third.id}`).count(), 0, 'the third thread is on the next page');
    await box.locator('[part="load-more"]').click();
    await box.locator(`#comment-${third.id}`).waitFor();
    const order = await box.locator('li[part="comment"]').evaluateAll((els) => els.map((e) => e.id));
    assert.deepEqual(
      order,
      [first, reply, hostile, third].map((c) => `comment-${c.id}`),
    );

    const report = await box
      .locator(`#comment-${hostile.id} > article [part="comment-body"]`)
      .evaluate(async (body) => {
        for (const el of body.querySelectorAll('*')) el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
        (body.querySelector('a:not([href])') as HTMLElement | null)?.click();
        await new Promise((r) => setTimeout(r, 100));
        return {
          pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
          tags: [...new Set([...body.querySelectorAll('*')].map((e) => e.tagName))].sort(),
          attrs: [
            ...new Set(
              [...body.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${e.tagName}[${a.name}]`)),
            ),
          ].sort(),
          hrefs: [...body.querySelectorAll('a[href]')].map((a) => `${a.getAttribute('href')} ${a.getAttribute('rel')}`),
        };
      });
    assert.equal(report.pwned, null);
    assert.deepEqual(
      report.tags.filter((t) => !['A', 'B', 'BLOCKQUOTE', 'BR', 'CODE', 'EM', 'LI', 'P', 'STRONG', 'UL'].includes(t)),
      [],
    );
    assert.deepEqual(
      report.attrs.filter((a) => !/^A\[(href|rel|target)\]$/.test(a)),
      [],
    );
    assert.deepEqual(report.hrefs, ['https://example.com/ok ugc nofollow noopener']);
    assert.ok(
      requests.some((u) => u.endsWith('/adapters/wordpress.js')),
      'the WordPress adapter was loaded',
    );
    await page.close();
  });

  it('posts and replies from the page; WordPress stores them with the right parent', async () => {
    const wp = await wordpress();
    const post = await newPost();
    const root = await adminComment(post.id, 'Reply to me');
    const { page } = await open(`backend="wordpress" endpoint="${wp.url}/wp-json/" thread-id="${post.id}"`);
    const box = page.locator('comment-box');
    await box.locator(`#comment-${root.id}`).waitFor();
    await box.locator(`#comment-${root.id} [part="reply-button"]`).first().click();
    await box.locator('#comment').fill('A reply from the element');
    await box.locator('#name').fill('Reader');
    await box.locator('#email').fill('reader@example.com');
    await box.locator('[part="submit-button"]').click();
    await box.locator(`#comment-${root.id} [part="replies"] li[part="comment"]`).waitFor();
    await box.locator('#comment').fill('A new thread from the element');
    await box.locator('[part="submit-button"]').click();
    await box.locator('li[part="comment"]', { hasText: 'A new thread from the element' }).waitFor();
    const stored = await admin<Array<{ parent: number; content: { raw: string } }>>('/wp/v2/comments', {
      query: { post: String(post.id), context: 'edit', order: 'asc' },
    });
    assert.deepEqual(
      stored.map((c) => [c.parent, c.content.raw]),
      [
        [0, 'Reply to me'],
        [root.id, 'A reply from the element'],
        [0, 'A new thread from the element'],
      ],
    );
    await page.close();
  });

  it('loads neither the WordPress adapter nor the sanitizer for the default backend', async () => {
    const { page, requests } = await open('thread-id="local-only"');
    await page.locator('comment-box [part="form"]').waitFor();
    assert.deepEqual(
      requests.filter((u) => /wordpress|html-body/.test(u)),
      [],
    );
    await page.close();
  });
});
