/**
 * `z.record(z.string(), value)` for JSON objects, as a custom check. Internal: zod's record class
 * costs the script-tag bundle about 0.6 kB gzip, and every module in it (lazy ones too) shares
 * one copy of zod, so a single `z.record` anywhere brings it in.
 */
import * as z from 'zod/mini';

/** A plain object whose every value passes `value`. The object is returned as given. */
export function recordOf<T>(value: z.ZodMiniType<T>) {
  return z.custom<Record<string, T>>((input) => {
    if (typeof input !== 'object' || input === null) return false;
    const proto = Object.getPrototypeOf(input);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(input).every((v) => value.safeParse(v).success);
  });
}
