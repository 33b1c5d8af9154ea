/**
 * Reads by key for many requests at once (PostgreSQL, where each query is a round trip): one query
 * in flight at a time, for every key asked while the one before ran. A key's read always starts
 * after it was asked, so a write acknowledged before the request arrived is seen. (More queries in
 * flight measured slower: smaller batches cost more CPU per request where PostgreSQL shares the
 * cores.)
 */
export class BatchedReads<K, V> {
  readonly #read: (keys: K[]) => Promise<Map<K, V>>;
  #waiting: Map<K, Array<{ resolve: (value: V | undefined) => void; reject: (error: unknown) => void }>> | undefined;
  #inFlight = false;

  /** `read`: the values of the keys found (a key absent from the map has none). */
  constructor(read: (keys: K[]) => Promise<Map<K, V>>) {
    this.#read = read;
  }

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      this.#waiting ??= new Map();
      let waiting = this.#waiting.get(key);
      if (!waiting) this.#waiting.set(key, (waiting = []));
      waiting.push({ resolve, reject });
      void this.#next();
    });
  }

  async #next(): Promise<void> {
    if (this.#inFlight || !this.#waiting) return;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    this.#inFlight = true;
    try {
      const found = await this.#read([...waiting.keys()]);
      for (const [key, list] of waiting) for (const w of list) w.resolve(found.get(key));
    } catch (error) {
      for (const list of waiting.values()) for (const w of list) w.reject(error);
    } finally {
      this.#inFlight = false;
      void this.#next();
    }
  }
}
