#!/usr/bin/env node
/**
 * `comment-box-server`: runs the reference comment server. `--help` lists the options. A first
 * argument that names a subcommand (`server/src/commands/`) runs it instead, with the same options.
 */
import { readFileSync } from 'node:fs';
import { HELP, parseConfig } from './config.js';
import { startServer } from './server.js';
import { randomToken } from './store/ids.js';
import { setPasswordCommand } from './commands/set-password.js';
import type { ServerConfig } from './config.js';

/** The subcommands, by name: each gets the parsed options. */
const COMMANDS: Record<string, (config: ServerConfig) => Promise<void>> = {
  'set-password': setPasswordCommand,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const command = args[0] !== undefined && Object.hasOwn(COMMANDS, args[0]) ? COMMANDS[args[0]] : undefined;
  let parsed;
  try {
    parsed = parseConfig(command ? args.slice(1) : args, process.env, (p) => readFileSync(p, 'utf8'));
  } catch (error) {
    console.error(`comment-box-server: ${error instanceof Error ? error.message : String(error)}\n`);
    console.error('Run comment-box-server --help for the options.');
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    return;
  }
  const config = parsed.config;
  if (command) {
    try {
      await command(config);
    } catch (error) {
      console.error(`comment-box-server ${args[0]}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    return;
  }
  let generatedToken = false;
  if (!config.adminToken) {
    config.adminToken = randomToken(18);
    generatedToken = true;
  }
  const server = await startServer(config);
  const db = config.databaseUrl ? `PostgreSQL (schema ${config.pgSchema})` : `SQLite ${config.dbPath}`;
  console.log(`comment-box server on ${db}`);
  console.log(`Moderation: ${config.moderation}. Moderation page: ${server.url}/admin`);
  if (generatedToken)
    console.log(`Admin token (for this run; set COMMENT_BOX_ADMIN_TOKEN to keep one): ${config.adminToken}`);
  console.log(`Listening on ${server.url}`);
  const stop = () => {
    // A close that hangs (a stuck database connection) must not keep the process alive.
    setTimeout(() => process.exit(1), 5000).unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`comment-box-server: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
