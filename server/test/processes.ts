/**
 * Starts the real CLI (`server/src/cli.ts` under tsx) as a child process. Every wait is bounded:
 * a server that does not start within `START_TIMEOUT_MS` is killed and the start rejects; `stop()`
 * sends the signal, then SIGKILL to the whole process group after `STOP_TIMEOUT_MS`. Every child
 * started here is also killed when the test process exits, so a failed `before()` (one of two
 * servers started together failing) cannot leave the other running and keep the test file alive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
export const START_TIMEOUT_MS = 30_000;
export const STOP_TIMEOUT_MS = 5_000;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Signals the child's process group (it leads one: `detached`), or the child alone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const done = exited(child);
  signalGroup(child, signal);
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
  await done;
  clearTimeout(timer);
  running.delete(child);
}

export interface SpawnOptions {
  /** `ulimit -f`: the largest file the server may write, in 1024-byte blocks (a full disk, simulated). */
  fileSizeLimitKb?: number;
}

export async function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  const argv = [process.execPath, '--import', 'tsx', CLI, '--port', '0', ...args];
  const limit = options.fileSizeLimitKb;
  // bash counts `ulimit -f` in 1024-byte blocks; `exec` keeps the server the group's leader.
  const [command, ...rest] =
    limit === undefined ? argv : ['/bin/bash', '-c', `ulimit -f ${limit} && exec "$@"`, 'bash', ...argv];
  const child = spawn(command!, rest, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (out += d));
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: string) => {
        out += d;
        const m = /Listening on (http:\/\/[^\s"]+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
      timer = setTimeout(
        () => reject(new Error(`server did not start in ${START_TIMEOUT_MS} ms:\n${out}`)),
        START_TIMEOUT_MS,
      );
    });
    return {
      url,
      child,
      output: () => out,
      stop: (signal = 'SIGTERM') => stopChild(child, signal),
    };
  } catch (error) {
    await stopChild(child, 'SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Stops every server this process started and has not stopped yet. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child, 'SIGTERM')));
}
