/**
 * The real WordPress of the element's tests (scripts/wordpress/setup.mjs: Debian's package, MariaDB,
 * `php -S`), for the import tests: started on first use, stopped with its workers when the file
 * ends. Without PHP, MariaDB or WordPress the tests skip with a notice, except under CI=true.
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
if (reason && process.env.CI === 'true') throw new Error(`WordPress tests must run under CI=true, but: ${reason}`);
if (reason) console.log(`# NOTICE: skipping the WordPress import tests: ${reason}.`);

/** Why the WordPress tests skip, or false when they run. */
export const skip: string | false = reason ? `WordPress unavailable: ${reason}` : false;

let started: Promise<Started> | undefined;

export function wordpress(): Promise<Started> {
  started ??= startWordPress() as Promise<Started>;
  return started;
}

after(async () => {
  if (started) (await started.catch(() => undefined))?.stop();
});

/** An authenticated admin call to the REST API; throws on an error status. */
export async function admin<T = unknown>(route: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const wp = await wordpress();
  const url = new URL(wp.url);
  url.searchParams.set('rest_route', route);
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

/** A new published post with comments open. */
export async function newPost(): Promise<{ id: number; slug: string }> {
  const slug = `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  return admin<{ id: number; slug: string }>('/wp/v2/posts', {
    body: { title: slug, slug, status: 'publish', comment_status: 'open', content: 'A post to export.' },
  });
}
