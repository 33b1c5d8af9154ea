/**
 * The HTTP API (Hono), composed from one module per route group:
 *   comments.ts      GET/POST /api/threads/:threadId/comments
 *   own-comments.ts  PATCH/DELETE /api/threads/:threadId/comments/:id (the author's edit and delete)
 *   event-stream.ts  GET /api/threads/:threadId/events (Server-Sent Events)
 *   counts.ts        GET /api/counts?thread=a&thread=b
 *   admin.ts         /api/admin/comments… (Bearer admin token)
 *   admin-data.ts    /api/admin/export, import, privacy (the same, behind admin.ts's authentication)
 *   admin-notify.ts  /api/admin/notifications, notifications/test, outbox (the same)
 *   admin-auth.ts    who may use /api/admin/… (Bearer token, or a desk session with CSRF token)
 *   admin.ts         /api/admin/… (moderation, settings)
 *   notify-pages.ts  /notify/confirm, /notify/unsubscribe, /notify/action (links in emails)
 *   static.ts        the demo pages, the script bundle and the /admin page
 *   health.ts        GET /healthz, GET /readyz
 * The request log (`request-log.ts`) is the first handler, so that it sees every answer; then the
 * middlewares (`middlewares.ts`). The public page and the counts, when cached, are answered before
 * Hono by `fast-reads.ts` (`createHttp`'s `fastReads`, which the server puts in front of the app).
 */
import { Hono } from 'hono';
import type { ServerConfig } from '../config.js';
import type { Store } from '../store/comment-store.js';
import type { EventBus } from '../store/event-bus.js';
import { createLogger, errorText, type Logger } from '../log.js';
import { adminRoutes } from './admin.js';
import { adminDataRoutes } from './admin-data.js';
import { adminNotifyRoutes } from './admin-notify.js';
import { adminAuth } from './admin-auth.js';
import { commentRoutes } from './comments.js';
import { ownCommentRoutes } from './own-comments.js';
import { notifyPageRoutes } from './notify-pages.js';
import { countRoutes } from './counts.js';
import { fastReads, type FastReads } from './fast-reads.js';
import { errorHandler, fail, type Log } from './errors.js';
import { eventStreamRoutes } from './event-stream.js';
import { healthRoutes } from './health.js';
import { CorsPolicy, useMiddlewares } from './middlewares.js';
import { PageCache } from './page-cache.js';
import { CountCache } from './count-cache.js';
import { requestLog } from './request-log.js';
import { staticRoutes } from './static.js';
import { Settings } from '../store/settings.js';
import type { Notifications } from '../notify/index.js';

export interface AppDeps {
  config: ServerConfig;
  store: Store;
  bus: EventBus;
  /** The server's log (request lines, warnings); default: stdout at the configured level and format. */
  logger?: Logger;
  /** Log a server-side failure (never sent to clients). Default: the logger, at `error`. */
  log?: Log;
  /** Aborted when the server begins to stop: `/readyz` answers 503, event streams end. */
  shutdown?: AbortSignal;
  now?: () => number;
  /** The desk's settings, applied onto `config` (one is made when none is given). */
  settings?: Settings;
  /** Notifications (outbox, email); absent in apps made without them (some tests): none sent. */
  notifications?: Notifications | null;
}

/** The HTTP API, and its fast path for the public reads (to put in front of it on node:http). */
export interface Http {
  app: Hono;
  fastReads: FastReads;
}

/** The Hono app alone (the fast reads' answers are the same: the app answers every request). */
export const createApp = (options: AppDeps): Hono => createHttp(options).app;

export function createHttp(options: AppDeps): Http {
  const logger = options.logger ?? createLogger({ level: options.config.logLevel, format: options.config.logFormat });
  const deps: Required<AppDeps> = {
    ...options,
    logger,
    log: options.log ?? ((m, e) => logger.error(m, e === undefined ? {} : failure(e))),
    shutdown: options.shutdown ?? new AbortController().signal,
    now: options.now ?? Date.now,
    settings: options.settings ?? new Settings(options.store, options.config),
    notifications: options.notifications ?? null,
  };
  const app = new Hono();
  const { config, settings } = deps;
  const cors = new CorsPolicy(() => config.allowedOrigins);
  const pages = new PageCache(deps.store, {
    editWindowMs: () => config.editWindow * 1000,
    // The element offers "Notify me of follow-up comments" only when email is on.
    notifications: deps.notifications?.emailEnabled === true,
  });
  const counts = new CountCache(deps.store);
  app.onError(errorHandler(deps.log));

  // First of all: the request log times and sees every answer.
  requestLog(app, deps.config, logger);
  healthRoutes(app, deps);
  // Every write sees the settings as saved now, on any instance (reads: refreshed every few seconds).
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') await settings.refresh();
    await next();
  });
  useMiddlewares(app, deps.config, cors);

  commentRoutes(app, deps, pages);
  ownCommentRoutes(app, deps);
  eventStreamRoutes(app, deps);
  countRoutes(app, counts);
  adminAuth(app, deps);
  adminRoutes(app, deps);
  // After adminRoutes: behind its authentication.
  adminDataRoutes(app, deps);
  adminNotifyRoutes(app, deps);
  app.all('/api/*', (c) => fail(c, 404, { error: 'not-found' }));
  // The pages that links in emails open (confirm, unsubscribe, the owner's actions).
  notifyPageRoutes(app, deps);

  staticRoutes(app, deps.config);
  app.notFound((c) => c.text('Not found', 404));
  return { app, fastReads: fastReads({ config, pages, counts, cors, logger }) };
}

/** The fields of a failure in the log: its message, and the stack of an unexpected error. */
function failure(error: unknown): Record<string, string | undefined> {
  return { error: errorText(error), stack: error instanceof Error ? error.stack : undefined };
}
