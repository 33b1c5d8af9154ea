/**
 * A PostgreSQL pool for Kysely whose clients run each query with parameters as a named statement:
 * PostgreSQL parses (and, once it keeps a generic plan, plans) its text once per connection instead
 * of on every run, since Kysely sends every query unnamed. A write's few short statements cost about
 * as much to parse and plan as to run. A connection names at most `max` texts (the others run
 * unnamed), so that texts that vary (IN lists of any length) cannot fill a connection's memory.
 */
import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

/** One name per SQL text, shared by every connection (each prepares it the first time it runs it). */
const names = new Map<string, string>();
const nameOf = (text: string) => names.get(text) ?? (names.set(text, `comment-box:${names.size}`), names.get(text)!);

export function withNamedStatements(pool: pg.Pool, max = 200): PostgresPool {
  /** The texts each connection has named. */
  const named = new WeakMap<pg.PoolClient, Set<string>>();
  return {
    async connect() {
      const client = await pool.connect();
      const own = named.get(client) ?? new Set<string>();
      named.set(client, own);
      const wrapped = {
        query(sql: unknown, parameters?: readonly unknown[]) {
          // A cursor, or a statement without parameters (BEGIN, COMMIT, DDL): as Kysely sent it.
          if (typeof sql !== 'string' || !parameters?.length)
            return client.query(sql as string, parameters as unknown[]);
          if (!own.has(sql)) {
            if (own.size >= max) return client.query(sql, [...parameters]);
            own.add(sql);
          }
          return client.query({ name: nameOf(sql), text: sql, values: [...parameters] });
        },
        release: (destroy?: boolean) => client.release(destroy),
      };
      return wrapped as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
