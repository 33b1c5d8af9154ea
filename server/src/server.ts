/** Starts the reference server: database, migrations, event bus, HTTP. Used by the CLI and tests. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { defaultConfig, type ServerConfig } from './config.js';
import { createApp } from './http/app.js';
import { Store } from './store/comment-store.js';
import { closeDatabase, openDatabase } from './store/database.js';
import { EventBus } from './store/event-bus.js';
import { Settings } from './store/settings.js';

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  config: ServerConfig;
  store: Store;
  close(): Promise<void>;
}

export async function startServer(
  overrides: Partial<ServerConfig> = {},
  options: { log?: (message: string, error?: unknown) => void } = {},
): Promise<RunningServer> {
  const config = defaultConfig(overrides);
  const database = await openDatabase(config);
  const store = new Store(database);
  let bus: EventBus | undefined;
  try {
    await store.init(config.secret);
    bus = new EventBus(database);
    await bus.start();
  } catch (error) {
    await bus?.close();
    await closeDatabase(database);
    throw error;
  }
  const settings = new Settings(store, config);
  await settings.refresh();
  const app = createApp({ config, store, bus, log: options.log, settings });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s as Server));
    s.once('error', reject);
  });
  server.on('error', (error) => (options.log ?? console.error)('server error', error));
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const prune = setInterval(() => {
    store.prune(Date.now(), config.rateWindow, config.trashDays).catch(() => undefined);
  }, 60_000);
  prune.unref();
  // The read paths (CORS, the edit window of cached pages) follow settings saved on another instance.
  const reread = setInterval(() => {
    settings.refresh().catch(() => undefined);
  }, 5_000);
  reread.unref();
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    config,
    store,
    close() {
      closing ??= (async () => {
        clearInterval(prune);
        clearInterval(reread);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await bus.close();
        await closeDatabase(database);
      })();
      return closing;
    },
  };
}
