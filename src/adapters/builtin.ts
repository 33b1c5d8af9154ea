/** Registers the built-in backends: `local` (default), `memory`. */
import { createLocalStorageAdapter } from './local.js';
import { createMemoryAdapter } from './memory.js';
import { registerAdapter } from './registry.js';
import { CommentAdapterError, type CommentAdapter } from './types.js';
import { createRestAdapter } from './rest.js';

registerAdapter('local', () => createLocalStorageAdapter());
registerAdapter('memory', () => createMemoryAdapter());
registerAdapter('rest', ({ endpoint }) => createRestAdapter({ endpoint: endpoint ?? '' }));

// WordPress: the adapter (and DOMPurify, for its HTML bodies) load only when a page uses it.
registerAdapter('wordpress', ({ endpoint, element }) => {
  const options = {
    endpoint: endpoint ?? '',
    avatars: element.getAttribute('wp-avatars') === 'gravatar' ? ('gravatar' as const) : ('none' as const),
  };
  let loading: Promise<CommentAdapter> | undefined;
  const load = () =>
    (loading ??= import('./wordpress.js').then(
      (m) => m.createWordPressAdapter(options),
      (error: unknown) => {
        loading = undefined;
        throw new CommentAdapterError('network', 'The WordPress adapter could not be loaded.', { cause: error });
      },
    ));
  return {
    scope: 'shared',
    list: async (thread, opts) => (await load()).list(thread, opts),
    create: async (thread, draft, opts) => (await load()).create(thread, draft, opts),
  };
});
