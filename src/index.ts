/**
 * comment-box: registers `<comment-box>` and re-exports the public API.
 */
import './define.js';

export { CommentBoxElement } from './element/comment-box.js';
export * from './element/events.js';
export * from './schema.js';
export {
  CommentAdapterError,
  type AdapterErrorCode,
  type CommentAdapter,
  type CommentOrder,
  type CreateOptions,
  type ListOptions,
  type SubscribeOptions,
} from './adapters/types.js';
export {
  registerAdapter,
  getAdapterFactory,
  registeredAdapters,
  type AdapterContext,
  type AdapterFactory,
} from './adapters/registry.js';
export { createMemoryAdapter, type MemoryAdapterOptions } from './adapters/memory.js';
export { createLocalStorageAdapter, type LocalStorageAdapterOptions } from './adapters/local.js';
export { createRestAdapter, type RestAdapterOptions } from './adapters/rest.js';
export { registerTranslation, translationFor, type Translation, type TranslationOverrides } from './i18n/localize.js';
