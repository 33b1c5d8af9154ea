/**
 * Starts the reference server: database, migrations, event bus, HTTP. Used by the CLI and tests.
 * `close()` stops it gracefully: see {@link RunningServer.close}.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { defaultConfig, type ServerConfig } from './config.js';
import { createServer } from 'node:http';
import { createHttp } from './http/app.js';
import { createLogger, errorText, type Logger } from './log.js';
import { Store } from './store/comment-store.js';
import { closeDatabase, openDatabase } from './store/database.js';
import { EventBus } from './store/event-bus.js';
import { Settings } from './store/settings.js';
import { Notifications } from './notify/index.js';
import { pruneOutbox } from './notify/outbox.js';

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  config: ServerConfig;
  store: Store;
  logger: Logger;
  /** The outbox worker, mailer and email renderers. */
  notifications: Notifications;
  /**
   * Stops gracefully: `/readyz` answers 503 and event streams end at once; no new connection is
   * accepted; requests in flight may finish for `GRACE_MS` (then their connections are closed);
   * the queued writes commit (group commit); then the database closes.
   */
  close(): Promise<void>;
}

/** How long requests in flight may take to finish once the server stops, ms. */
export const GRACE_MS = 3_000;

export interface StartOptions {
  /** Log a server-side failure. Default: the logger, at `error`. */
  log?: (message: string, error?: unknown) => void;
  /** Default: stdout, at the configured level and format. */
  logger?: Logger;
}

export async function startServer(
  overrides: Partial<ServerConfig> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = defaultConfig(overrides);
  const logger = options.logger ?? createLogger({ level: config.logLevel, format: config.logFormat });
  const database = await openDatabase(config);
  const store = new Store(database);
  store.warn = (message) => logger.warn(message);
  let bus: EventBus | undefined;
  let notifications: Notifications;
  try {
    await store.init(config.secret);
    notifications = await Notifications.create(config, store, logger);
    bus = new EventBus(database);
    await bus.start();
  } catch (error) {
    await bus?.close();
    await closeDatabase(database);
    throw error;
  }
  const settings = new Settings(store, config);
  await settings.refresh();
  const stopping = new AbortController();
  const { app, fastReads } = createHttp({
    config,
    store,
    bus,
    logger,
    log: options.log,
    shutdown: stopping.signal,
    settings,
    notifications,
  });
  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      // The cached public reads are answered before Hono (`http/fast-reads.ts`); the rest by the app.
      const listener = getRequestListener(app.fetch, { hostname: config.host });
      const s = createServer((req, res) => {
        if (!fastReads(req, res, () => void listener(req, res))) void listener(req, res);
      });
      s.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    await bus.close();
    await closeDatabase(database);
    throw error;
  }
  server.on('error', (error) =>
    options.log ? options.log('server error', error) : logger.error('server error', { error: errorText(error) }),
  );
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  notifications.listenUrl = url;
  notifications.start();
  const prune = setInterval(() => {
    store.prune(Date.now(), config.rateWindow, config.trashDays).catch(() => undefined);
    // Sent, cancelled and failed messages are kept 30 days (the desk shows them), then forgotten.
    pruneOutbox(store.db, new Date(Date.now() - 30 * 86_400_000).toISOString()).catch(() => undefined);
  }, 60_000);
  prune.unref();
  // The read paths (CORS, the edit window of cached pages) follow settings saved on another instance.
  const reread = setInterval(() => {
    settings.refresh().catch(() => undefined);
  }, 5_000);
  reread.unref();
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    config,
    store,
    logger,
    notifications,
    close() {
      closing ??= (async () => {
        clearInterval(prune);
        clearInterval(reread);
        stopping.abort();
        // No new connections; each idle keep-alive connection is closed as soon as it is idle.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const idle = setInterval(() => server.closeIdleConnections(), 25);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = await Promise.race([
          closed.then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), GRACE_MS))),
        ]);
        clearTimeout(timer);
        clearInterval(idle);
        if (late) {
          logger.warn(`requests still in flight after ${GRACE_MS} ms; closing their connections`);
          server.closeAllConnections();
          await closed;
        }
        // A request cut off above may have queued a write: it commits before the database closes.
        await store.drain();
        // The deliveries in flight finish (their rows are marked); the rest stay pending for the next start.
        await notifications.stop();
        await bus.close();
        await closeDatabase(database);
        logger.flush();
      })();
      return closing;
    },
  };
}
