/** Helpers of the import tests: a thread's public list, the admin list, an export as text, the CLI. */
import { spawn } from 'node:child_process';
import type { RunningServer } from '../../src/server.js';
import { writeExport } from '../../src/import/export.js';
import type { Store } from '../../src/store/comment-store.js';
import { ADMIN_TOKEN, call, commentsPath } from '../helpers.js';

export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

/** The public list of a thread (first 100 threads), as a reader gets it. */
export async function publicList(server: RunningServer, thread: string) {
  const res = await call(server.url, 'GET', `${commentsPath(thread)}?limit=100`);
  if (res.status !== 200) throw new Error(`GET ${thread}: ${res.status} ${res.text}`);
  return res.body as {
    comments: Array<{
      id: string;
      parentId: string | null;
      authorName: string;
      avatarSeed: string;
      authorUrl: string | null;
      content: string;
      createdAt: string;
      status: string;
    }>;
    total: number;
  };
}

/** Every comment of a status in the moderation API (with thread id and email). */
/** The moderation list of `status` (newest first, up to 100), of one thread when given. */
export async function adminList(server: RunningServer, status: 'approved' | 'pending' | 'spam', thread?: string) {
  const only = thread === undefined ? '' : `&thread=${encodeURIComponent(thread)}`;
  const res = await call(server.url, 'GET', `/api/admin/comments?status=${status}&limit=100${only}`, undefined, {
    Authorization: `Bearer ${ADMIN_TOKEN}`,
  });
  return res.body.comments as Array<{
    id: string;
    threadId: string;
    authorName: string;
    authorEmail: string;
    content: string;
  }>;
}

/** The whole export of a store, as text. */
export async function exportText(store: Store, thread?: string): Promise<string> {
  let text = '';
  await writeExport(store, (chunk) => void (text += chunk), thread === undefined ? {} : { thread });
  return text;
}

const CLI = new URL('../../src/cli.ts', import.meta.url).pathname;

/** Runs the CLI with `args`; resolves with its exit code and output. */
export function cli(args: string[], options: { nodeArgs?: string[]; timeoutMs?: number } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, COMMENT_BOX_DB: '', DATABASE_URL: '', COMMENT_BOX_SECRET: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
