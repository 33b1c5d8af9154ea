/**
 * Registers the built-in backends: `local` (default), `memory`, `rest`, `wordpress`. Each adapter's
 * code loads only when an element uses its backend, so a page pays for the one it uses: the factory
 * returns a stand-in whose calls wait for the module (see {@link lazyAdapter}).
 */
import { registerAdapter } from './registry.js';
import { CommentAdapterError, type CommentAdapter } from './types.js';

// These three let readers edit and delete their own comments; WordPress does not (see docs/wordpress.md).
registerAdapter('local', () =>
  lazyAdapter('browser', () => import('./local.js').then((m) => m.createLocalStorageAdapter()), true),
);
registerAdapter('memory', () =>
  lazyAdapter('browser', () => import('./memory.js').then((m) => m.createMemoryAdapter()), true),
);
registerAdapter('rest', ({ endpoint }) =>
  lazyAdapter('shared', () => import('./rest.js').then((m) => m.createRestAdapter({ endpoint: endpoint ?? '' })), true),
);
// WordPress: the adapter (and DOMPurify, for its HTML bodies) load only when a page uses it.
registerAdapter('wordpress', ({ endpoint, element }) => {
  const options = {
    endpoint: endpoint ?? '',
    avatars: element.getAttribute('wp-avatars') === 'gravatar' ? ('gravatar' as const) : ('none' as const),
  };
  return lazyAdapter('shared', () => import('./wordpress.js').then((m) => m.createWordPressAdapter(options)));
});

/**
 * An adapter that loads the real one (`load`) on its first call and forwards every call to it. Its
 * `scope` is known before loading, as the element reads it to render. A failed load is a `network`
 * error, and the next call tries again. `subscribe` is forwarded once loaded, unless aborted by then.
 * With `changes`, it also forwards `edit` and `remove` (the element offers them only when present).
 */
export function lazyAdapter(
  scope: CommentAdapter['scope'],
  load: () => Promise<CommentAdapter>,
  changes = false,
): CommentAdapter {
  let loading: Promise<CommentAdapter> | undefined;
  const adapter = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw new CommentAdapterError('network', 'The backend could not be loaded.', { cause: error });
    }));
  return {
    scope,
    list: async (thread, options) => (await adapter()).list(thread, options),
    create: async (thread, draft, options) => (await adapter()).create(thread, draft, options),
    subscribe: (thread, onComment, options) =>
      void adapter().then(
        (real) => options.signal.aborted || real.subscribe?.(thread, onComment, options),
        () => {},
      ),
    ...(changes &&
      ({
        edit: async (thread, id, edit, options) => (await adapter()).edit!(thread, id, edit, options),
        remove: async (thread, id, options) => (await adapter()).remove!(thread, id, options),
      } satisfies Pick<CommentAdapter, 'edit' | 'remove'>)),
  };
}
