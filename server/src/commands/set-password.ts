/**
 * `comment-box-server set-password [database options]`: sets the password of the moderation desk
 * (the admin token keeps working). The password is read from standard input (one line; typed at a
 * terminal, it is not echoed), at least 12 characters; only its scrypt hash is stored, in the
 * database the other options name, so every instance on it takes it at once.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { databaseSettings, defaultConfig, type ServerConfig } from '../config.js';
import { hashPassword, MIN_PASSWORD_LENGTH, PASSWORD_KEY } from '../policy/password.js';
import { closeDatabase, COMMAND_WRITE_WAIT_MS, openDatabase } from '../store/database.js';
import { COMMON_OPTIONS, DATABASE_HELP, usage, type Command } from './database.js';

export const SET_PASSWORD_HELP = `Usage: comment-box-server set-password [options] (the password on standard input)

Sets the password of the moderation desk; the admin token keeps working. At least
${MIN_PASSWORD_LENGTH} characters; only its scrypt hash is stored.

${DATABASE_HELP}`;

/** One line of standard input; at a terminal, asked for without echo. */
async function readSecretLine(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input, output: process.stdout, terminal: true });
  // Hide what is typed: write the prompt only, never the echoed characters.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.startsWith(prompt)) process.stdout.write(prompt);
  };
  return new Promise((resolve) =>
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

/** Stores the hash of `password` as the desk password. */
export async function setPassword(config: ServerConfig, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const value = await hashPassword(password);
  const database = await openDatabase({ ...config, writeWaitMs: COMMAND_WRITE_WAIT_MS });
  try {
    await database.db
      .insertInto('settings')
      .values({ key: PASSWORD_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  } finally {
    await closeDatabase(database);
  }
}

export const runSetPassword: Command = async (argv, env, io) => {
  const { values: f } = usage(() => parseArgs({ args: argv, strict: true, options: COMMON_OPTIONS }));
  if (f.help) {
    await io.out(SET_PASSWORD_HELP);
    return 0;
  }
  const config = defaultConfig(databaseSettings(f, env));
  await setPassword(config, await readSecretLine('New desk password: '));
  await io.out('The desk password is set: sign in at /admin with it (the admin token still works).\n');
  return 0;
};
