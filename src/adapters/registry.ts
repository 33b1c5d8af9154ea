/**
 * Named backends, chosen in HTML with `backend="name"`. A JS-assigned `el.adapter` always wins.
 */
import type { CommentAdapter } from './types.js';

/** What a factory gets to build an adapter for one element. */
export interface AdapterContext {
  /** The element's `endpoint` attribute (a server URL), if any. */
  endpoint: string | undefined;
  /** The element itself, for factories that read more attributes. */
  element: HTMLElement;
}

export type AdapterFactory = (context: AdapterContext) => CommentAdapter;

const factories = new Map<string, AdapterFactory>();

/** Makes `backend="name"` use `factory`. Registering a name again replaces the factory. */
export function registerAdapter(name: string, factory: AdapterFactory): void {
  factories.set(name, factory);
}

/** The factory registered under `name`, if any. */
export function getAdapterFactory(name: string): AdapterFactory | undefined {
  return factories.get(name);
}

/** Names of every registered backend. */
export function registeredAdapters(): string[] {
  return [...factories.keys()];
}
