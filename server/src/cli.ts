#!/usr/bin/env node
/**
 * `comment-box-server`: runs the reference comment server. `--help` lists the options, `--version`
 * prints the version. A bad setting: a message on stderr and exit code 2. SIGTERM or SIGINT: a
 * graceful stop (`RunningServer.close`), exit code 0, at most `EXIT_DEADLINE_MS` later. The
 * subcommands (`import`, `export`, `backup`, `privacy`, `set-password`, `test-email`) live in `commands/`.
 */
import { readFileSync } from 'node:fs';
import { COMMANDS, runCommand } from './commands/index.js';
import { HELP, parseConfig } from './config.js';
import { createLogger } from './log.js';
import { randomToken } from './store/ids.js';

/** A stop that takes longer than this (a database connection that hangs) exits with code 1. */
const EXIT_DEADLINE_MS = 5_000;

/** The server package's version (`server/package.json`, beside `src/` and `dist/`). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(): Promise<void> {
  const [first, ...rest] = process.argv.slice(2);
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) {
    process.exitCode = await runCommand(first, rest, process.env);
    return;
  }
  let parsed;
  try {
    parsed = parseConfig(process.argv.slice(2), process.env, (p) => readFileSync(p, 'utf8'));
  } catch (error) {
    console.error(`comment-box-server: ${error instanceof Error ? error.message : String(error)}\n`);
    console.error('Run comment-box-server --help for the options.');
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    return;
  }
  if (parsed.version) {
    process.stdout.write(`${version()}\n`);
    return;
  }
  const config = parsed.config;
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  let generatedToken = false;
  if (!config.adminToken) {
    config.adminToken = randomToken(18);
    generatedToken = true;
  }
  // Loaded here, not at the top: a subcommand never loads the HTTP server and notifications.
  const { startServer } = await import('./server.js');
  const server = await startServer(config, { logger });
  const db = config.databaseUrl ? `PostgreSQL (schema ${config.pgSchema})` : `SQLite ${config.dbPath}`;
  // Written at every level: where it listens and a generated token are needed even with --log-level error.
  logger.notice(`comment-box-server ${version()} on ${db}`);
  logger.notice(`Moderation: ${config.moderation}. Moderation page: ${server.url}/admin`);
  logger.notice(server.notifications.startNotice());
  const webhook = server.notifications.webhookNotice();
  if (webhook) logger.notice(webhook);
  if (generatedToken)
    logger.notice(`Admin token (for this run; set COMMENT_BOX_ADMIN_TOKEN to keep one): ${config.adminToken}`);
  logger.notice(`Listening on ${server.url}`, { url: server.url });
  logger.flush();
  const stop = (signal: NodeJS.Signals) => {
    logger.notice(`${signal}: stopping (requests in flight and queued writes finish first)`);
    // A close that hangs (a stuck database connection) must not keep the process alive.
    setTimeout(() => {
      logger.error(`could not stop within ${EXIT_DEADLINE_MS} ms; exiting`);
      logger.flush();
      process.exit(1);
    }, EXIT_DEADLINE_MS).unref();
    server.close().then(
      () => {
        logger.notice('stopped');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('stopping failed', { error: error instanceof Error ? error.message : String(error) });
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`comment-box-server: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
