/**
 * Health checks, for a container engine, a load balancer or a supervisor:
 *   GET /healthz  200 { status: 'ok' } while the process serves HTTP (no database involved)
 *   GET /readyz   200 { status: 'ready' } when a real query on the database answers and every
 *                 migration of this version has run; otherwise 503 with `Retry-After` and
 *                 { status: 'unavailable' | 'migrating' | 'stopping' }
 * Neither is ever cached (`Cache-Control: no-store`) and neither needs a token or an origin.
 */
import type { Context, Hono } from 'hono';
import { MIGRATION_COUNT, migrationsRun } from '../store/migrations.js';
import { errorText } from '../log.js';
import type { AppDeps } from './app.js';

/** Seconds a client is asked to wait before asking `/readyz` again. */
export const READY_RETRY_AFTER = 2;

/** The longest `/readyz` waits for the database before it answers 503. */
export const READY_TIMEOUT_MS = 3_000;

export type Readiness = 'ready' | 'unavailable' | 'migrating' | 'stopping';

const answer = (c: Context, status: 200 | 503, body: Record<string, unknown>) =>
  c.json(body, status, {
    'Cache-Control': 'no-store',
    ...(status === 503 ? { 'Retry-After': String(READY_RETRY_AFTER) } : {}),
  });

export function healthRoutes(app: Hono, deps: Required<AppDeps>): void {
  const { store, shutdown, log } = deps;

  app.get('/healthz', (c) => answer(c, 200, { status: 'ok' }));

  app.get('/readyz', async (c) => {
    if (shutdown.aborted) return answer(c, 503, { status: 'stopping' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const run = await Promise.race([
        migrationsRun(store.reader),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
        }),
      ]);
      if (shutdown.aborted) return answer(c, 503, { status: 'stopping' });
      if (run < MIGRATION_COUNT) return answer(c, 503, { status: 'migrating' });
      return answer(c, 200, { status: 'ready' });
    } catch (error) {
      log('readiness check: database unavailable', errorText(error));
      return answer(c, 503, { status: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
}
