/**
 * Browser storage that never throws: private modes, disabled storage, quota errors and sandboxed
 * iframes all end up here. Reads return `null` and writes return `false` instead of throwing.
 */
export interface SafeStorage {
  /** False when there is no usable storage at all (disabled, sandboxed, blocked). */
  readonly available: boolean;
  get(key: string): string | null;
  /** False when the value could not be written (storage full or unavailable). */
  set(key: string, value: string): boolean;
  remove(key: string): void;
}

/** Every key comment-box keeps in browser storage starts with this; the version changes with their format. */
export const STORAGE_PREFIX = 'comment-box:v1:';

/** The keys comment-box keeps in browser storage, in one place. */
export const storageKeys = {
  /** The reader's name, email and website ("Save my name, email, and website"). */
  author: `${STORAGE_PREFIX}author`,
  /**
   * The unsent text of the form for `target` (a comment id, or `null` for the form at the end); this
   * key with `:notify` holds `1` while that draft's "Notify me of follow-up comments" box is checked.
   */
  draft: (thread: string, target: string | null) => `${STORAGE_PREFIX}draft:${thread}:${target ?? 'top'}`,
  /** The prefix of the local-storage adapter's threads (followed by the thread id). */
  threads: `${STORAGE_PREFIX}thread:`,
  /** The WordPress adapter's record of the author's own comments held for moderation on one post. */
  wordpressHeld: (site: string, post: number) => `comment-box:wordpress:held:${site}:${post}`,
  /** The REST adapter's author token for one server (it shows the author their own held comments). */
  authorToken: (endpoint: string) => `comment-box:author-token:${endpoint}`,
};

function resolve(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Wraps `localStorage` (or a given `Storage`) so that no call throws. */
export function safeStorage(storage: Storage | null = resolve()): SafeStorage {
  let available = false;
  try {
    available = storage !== null && typeof storage.length === 'number';
  } catch {
    /* blocked: not available */
  }
  return {
    available,
    get(key) {
      try {
        return storage?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        if (!storage) return false;
        storage.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
    remove(key) {
      try {
        storage?.removeItem(key);
      } catch {
        /* nothing to forget */
      }
    },
  };
}
