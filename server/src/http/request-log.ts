/**
 * The request log: one line per request, written when its answer is ready (for an event stream:
 * when the stream opens), at level `info` (`/healthz` and `/readyz`, asked every few seconds by
 * container engines and load balancers, at `debug`). Its fields, and nothing else:
 *
 *   method  GET, POST, …
 *   route   the pattern of the route that answered (`/api/threads/:threadId/comments`), never the
 *           path: a thread id is a page path and a query string may carry anything. A request a
 *           middleware answers (a CORS preflight, a refused origin, a body too large) has the
 *           middleware's pattern (`/api/*`); the scripts and pages are `*`.
 *   status  the HTTP status
 *   ms      milliseconds from the request's arrival to its answer, to 0.1 ms
 *   client  the client address (as rate limiting sees it: `--trust-proxy`), anonymized
 *           (`anonymizeAddress`: IPv4 /24, IPv6 /48)
 *
 * Bodies, headers (a token, a user agent), emails and comment text are never read here.
 */
import type { Hono } from 'hono';
import { routePath } from 'hono/route';
import type { ServerConfig } from '../config.js';
import type { Logger } from '../log.js';
import { anonymizeAddress } from '../policy/client-address.js';
import { requestAddress } from './request.js';

/** Routes asked by probes, logged at `debug`. */
const PROBES = new Set(['/healthz', '/readyz']);

/** Registers the request log. It must be the first handler of the app, to time and see every answer. */
export function requestLog(app: Hono, config: Pick<ServerConfig, 'trustProxy'>, logger: Logger): void {
  if (!logger.enabled('info') && !logger.enabled('debug')) return;
  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    const route = routePath(c);
    const level = PROBES.has(route) ? 'debug' : 'info';
    if (!logger.enabled(level)) return;
    logger.log(level, 'request', {
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
      client: anonymizeAddress(requestAddress(c, config)),
    });
  });
}
