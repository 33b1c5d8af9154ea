/**
 * A real WordPress for the Node tests: set up by scripts/wordpress/setup.mjs, served by `php -S` on a
 * free port, stopped (with its workers) when the test file ends. Admin calls use an Application
 * Password. Without PHP, MariaDB or WordPress the tests skip with a notice, except under CI=true.
 */
import { after } from 'node:test';
// @ts-expect-error -- a plain .mjs script without type declarations
import { startWordPress, unavailableReason } from '../../../scripts/wordpress/setup.mjs';

interface Started {
  url: string;
  user: string;
  appPassword: string;
  stop: () => void;
}

const reason: string | null = await unavailableReason();
if (reason && process.env.CI === 'true') {
  throw new Error(`WordPress tests must run under CI=true, but: ${reason}`);
}
if (reason) console.log(`# NOTICE: skipping the WordPress tests: ${reason}.`);

/** Why the WordPress tests skip, or false when they run. */
export const skip: string | false = reason ? `WordPress unavailable: ${reason}` : false;

let started: Promise<Started> | undefined;

/** The running WordPress (started on first use). */
export function wordpress(): Promise<Started> {
  started ??= startWordPress() as Promise<Started>;
  return started;
}

after(async () => {
  if (started) (await started.catch(() => undefined))?.stop();
});

/** An authenticated admin call to the REST API; throws on an error status. */
export async function admin<T = unknown>(
  route: string,
  init: { method?: string; body?: unknown; query?: Record<string, string> } = {},
): Promise<T> {
  const wp = await wordpress();
  const url = new URL(wp.url);
  url.searchParams.set('rest_route', route);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      Authorization: `Basic ${Buffer.from(`${wp.user}:${wp.appPassword}`).toString('base64')}`,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`admin ${route}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

let posts = 0;
/** A new published post; returns its id and slug. */
export async function newPost(options: { slug?: string; comments?: 'open' | 'closed'; status?: string } = {}) {
  const slug =
    options.slug ??
    `test-${Date.now().toString(36)}-${(posts++).toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  const post = await admin<{ id: number; slug: string }>('/wp/v2/posts', {
    body: {
      title: slug,
      slug,
      status: options.status ?? 'publish',
      comment_status: options.comments ?? 'open',
      content: 'A test post.',
    },
  });
  return { id: post.id, slug: post.slug };
}

/** Turns WordPress's "hold every comment for moderation" on or off. */
export async function setModeration(on: boolean): Promise<void> {
  await admin('/wp/v2/settings', { body: { comment_moderation: on } });
}

/** A comment stored by the administrator (unfiltered HTML, as an admin or an old plugin could). */
export async function adminComment(post: number, content: string, extra: Record<string, unknown> = {}) {
  return admin<{ id: number; parent: number; status: string }>('/wp/v2/comments', {
    body: { post, content, author_name: 'Admin', author_email: 'admin@example.com', status: 'approved', ...extra },
  });
}
