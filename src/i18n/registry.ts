/**
 * The translation registry every locale module registers into, and the small helpers locale modules
 * use. Kept apart from localize.ts (which bundles English, the fallback) so that the script-tag
 * loader can carry it: a locale loaded by its own script tag registers without loading the element.
 *
 * The registry lives on `globalThis` (under a `Symbol.for` key), so every copy of this module on a
 * page (the loader's, a bundler's) shares one.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Translation } from './localize.js';

export interface Registry {
  translations: Map<string, Translation>;
  hosts: Set<ReactiveControllerHost>;
}
export const registry: Registry = ((globalThis as Record<symbol, unknown>)[Symbol.for('comment-box.i18n')] ??= {
  translations: new Map(),
  hosts: new Set(),
}) as Registry;

/** Registers one or more locales and re-renders connected elements. English is the fallback. */
export function registerTranslation(...list: Translation[]): void {
  for (const t of list) registry.translations.set(t.$code.toLowerCase(), t);
  for (const host of registry.hosts) host.requestUpdate();
}

const cache = new Map<string, unknown>();
/** One `Intl` formatter per locale and options, made on first use. */
export function cached<T>(kind: string, lang: string, make: () => T): T {
  const key = `${kind}|${lang}`;
  let value = cache.get(key) as T | undefined;
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

/** Whether {@link cached} already made the `kind` formatter of `lang`. */
export const isCached = (kind: string, lang: string): boolean => cache.has(`${kind}|${lang}`);

/** Picks a plural form with `Intl.PluralRules` (cached per locale); `other` is the fallback. */
export function plural(
  lang: string,
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
): string {
  const rule = cached('plural', lang, () => new Intl.PluralRules(lang)).select(count);
  return (forms[rule] ?? forms.other).replace('#', String(count));
}
