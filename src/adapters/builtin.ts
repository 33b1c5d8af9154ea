/** Registers the built-in backends: `local` (default), `memory`. */
import { createLocalStorageAdapter } from './local.js';
import { createMemoryAdapter } from './memory.js';
import { registerAdapter } from './registry.js';

registerAdapter('local', () => createLocalStorageAdapter());
registerAdapter('memory', () => createMemoryAdapter());
