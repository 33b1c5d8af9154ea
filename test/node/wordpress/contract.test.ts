// The adapter contract, run through the WordPress adapter against a real WordPress.
import { after, before, describe, it } from 'node:test';
import { createWordPressAdapter } from '../../../src/adapters/wordpress.js';
import { runAdapterContract } from '../../../src/testing/adapter-contract.js';
import { newPost, setModeration, skip, wordpress } from './wp.js';

const hooks = {
  describe: (name: string, fn: () => void) => describe(name, { skip }, fn),
  it: (name: string, fn: () => unknown) => it(name, fn as () => Promise<void>),
};
const newThread = async () => String((await newPost()).id);

runAdapterContract(
  'WordPress (?rest_route=)',
  async () => createWordPressAdapter({ endpoint: (await wordpress()).url }),
  {
    hooks,
    newThread,
    spacing: 0,
    // WordPress's REST API emails no commenter: the adapter never offers it.
    notifications: false,
  },
);

runAdapterContract(
  'WordPress (/wp-json/, slugs as thread ids)',
  async () => createWordPressAdapter({ endpoint: `${(await wordpress()).url}/wp-json/` }),
  { hooks, newThread: async () => (await newPost()).slug, spacing: 0, notifications: false },
);

describe('with moderation on', { skip }, () => {
  before(() => setModeration(true));
  after(() => setModeration(false));
  runAdapterContract(
    'WordPress (every comment held)',
    async () => createWordPressAdapter({ endpoint: (await wordpress()).url }),
    {
      hooks: { describe, it: hooks.it },
      newThread,
      moderated: true,
      // WordPress's REST API takes a reply to a held comment (its comment form does not).
      repliesToHeld: 'allowed',
      spacing: 0,
    },
  );
});
