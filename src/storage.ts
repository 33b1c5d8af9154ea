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
