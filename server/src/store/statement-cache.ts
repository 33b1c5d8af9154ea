/**
 * A SQLite connection for Kysely that keeps the statements it prepares. Kysely prepares every query
 * it runs, and on a write (a handful of short statements) preparing cost about as much as running.
 * Statements are kept by their SQL text, the least recently used dropped beyond `max`. Reusing one
 * is safe: Kysely runs one query at a time on a connection, and runs each to its end.
 */
import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export function withStatementCache(connection: Database.Database, max = 500): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => connection.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = connection.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
