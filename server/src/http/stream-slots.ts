/**
 * The open event streams of this process, counted per client and in total, so that one client
 * cannot hold every file descriptor. Each instance counts its own streams (a stream is a socket of
 * that process).
 */
export class StreamSlots {
  readonly #perClient: number;
  readonly #total: number;
  readonly #open = new Map<string, number>();
  #count = 0;

  constructor(limits: { perClient: number; total: number }) {
    this.#perClient = limits.perClient;
    this.#total = limits.total;
  }

  /**
   * Takes a slot for a stream of `client` (its rate-limit key). Returns the function that gives it
   * back (calling it again does nothing), or null when the client or the process has no slot left.
   */
  take(client: string): (() => void) | null {
    const held = this.#open.get(client) ?? 0;
    if (held >= this.#perClient || this.#count >= this.#total) return null;
    this.#open.set(client, held + 1);
    this.#count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#count--;
      const left = (this.#open.get(client) ?? 1) - 1;
      if (left > 0) this.#open.set(client, left);
      else this.#open.delete(client);
    };
  }

  /** Streams open now (for tests). */
  get size(): number {
    return this.#count;
  }
}
