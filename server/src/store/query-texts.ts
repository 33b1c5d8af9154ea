/**
 * The SQL of the statements every post runs, compiled once. Kysely builds and compiles a query on
 * each call; for the short statements of a post that took about as much of the server's time as
 * running them. Each statement here has one shape (the same columns, the same conditions), so only
 * its parameters differ from one post to the next.
 */
import { CompiledQuery } from 'kysely';

export class QueryTexts {
  readonly #texts = new Map<string, string>();

  /**
   * The statement `name` with `parameters`, which must be the values in the order the statement
   * takes them. The first time, `build` compiles it with Kysely; its text is kept only when the
   * parameters Kysely produced are exactly `parameters` (else every call builds, as without this).
   */
  query<R>(name: string, parameters: readonly unknown[], build: () => CompiledQuery<R>): CompiledQuery<R> {
    const text = this.#texts.get(name);
    if (text !== undefined) return CompiledQuery.raw(text, [...parameters]) as CompiledQuery<R>;
    const query = build();
    if (query.parameters.length === parameters.length && query.parameters.every((v, i) => v === parameters[i]))
      this.#texts.set(name, query.sql);
    return query;
  }
}
