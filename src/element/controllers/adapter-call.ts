import type { ZodMiniType } from 'zod/mini';
import { CommentAdapterError, type CommentAdapter } from '../../adapters/types.js';

/** What the element's controllers need to know of the element to reach its backend. */
export interface BackendSource {
  /** The effective thread id. */
  readonly thread: string;
  /** The adapter in use; undefined when the backend is not registered. */
  readonly adapter: CommentAdapter | undefined;
  /** The backend's name, for the error when there is no adapter. */
  readonly backend: string;
  /** Milliseconds before a call is given up with `timeout`. */
  readonly timeout: number;
}

/**
 * Runs an adapter call with the element's timeout and parses its answer with `schema`, turning
 * everything thrown (no backend, timeout, malformed answer) into a `CommentAdapterError`.
 */
export async function callAdapter<T>(
  source: BackendSource,
  adapter: CommentAdapter | undefined,
  controller: AbortController,
  schema: ZodMiniType<T>,
  run: (adapter: CommentAdapter, signal: AbortSignal) => Promise<unknown>,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new CommentAdapterError('timeout', 'The backend did not answer in time.'));
      controller.abort();
    }, source.timeout);
  });
  try {
    if (!adapter) throw new CommentAdapterError('unavailable', `No backend named "${source.backend}" is registered.`);
    const raw = await Promise.race([Promise.resolve().then(() => run(adapter, controller.signal)), timedOut]);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new CommentAdapterError('bad-response', 'The backend returned a malformed answer.');
    return parsed.data;
  } catch (error) {
    throw CommentAdapterError.from(error);
  } finally {
    clearTimeout(timer);
  }
}
