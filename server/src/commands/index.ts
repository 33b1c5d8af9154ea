/**
 * The subcommands of `comment-box-server` (each in its own module, loaded only when used), and how
 * the CLI runs one: usage errors exit 2 with the command's help hint, failures exit 1.
 */
import type { Command, CommandIo } from './database.js';
import { UsageError } from './database.js';

export const COMMANDS: Record<string, () => Promise<Command>> = {
  import: async () => (await import('./import.js')).runImport,
  export: async () => (await import('./export.js')).runExport,
  backup: async () => (await import('./backup.js')).runBackup,
  privacy: async () => (await import('./privacy.js')).runPrivacy,
  'set-password': async () => (await import('./set-password.js')).runSetPassword,
  'test-email': async () => (await import('./test-email.js')).runTestEmail,
};

/** The process's own streams, with back-pressure on stdout. */
export const processIo: CommandIo = {
  out: (text) =>
    new Promise<void>((resolve, reject) => {
      process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
    }),
  err: (text) => void process.stderr.write(text),
  tty: process.stderr.isTTY === true,
};

/** Runs subcommand `name`; resolves with the exit code. */
export async function runCommand(
  name: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  io = processIo,
): Promise<number> {
  const command = await COMMANDS[name]!();
  try {
    return await command(argv, env, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError || /must be|plain identifier/.test(message)) {
      io.err(`comment-box-server ${name}: ${message}\nRun comment-box-server ${name} --help for its options.\n`);
      return 2;
    }
    io.err(`comment-box-server ${name}: ${message}\n`);
    return 1;
  }
}
