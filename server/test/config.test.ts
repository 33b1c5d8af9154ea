/** Flags and environment, and `--help`. */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { HELP, parseConfig } from '../src/config.js';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}, files: Record<string, string> = {}) => {
  const r = parseConfig(argv, env, (p) => files[p] ?? '');
  assert.equal(r.help, false);
  assert.ok('config' in r, 'a config, not --version');
  return r.config;
};

describe('server configuration', () => {
  it('defaults to loopback, port 8787, SQLite in ./data', () => {
    const c = parse([]);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 8787);
    assert.equal(c.dbPath, './data/comments.db');
    assert.equal(c.databaseUrl, '');
    assert.equal(c.trustProxy, false);
  });

  it('reads environment variables, and flags win', () => {
    const env = {
      PORT: '9000',
      DATABASE_URL: 'postgres://x',
      COMMENT_BOX_MODERATION: 'all',
      COMMENT_BOX_TRUST_PROXY: '1',
      COMMENT_BOX_SPAM_WORDS: 'a, b',
    };
    const c = parse(['--port', '9001', '--spam-words-file', 'words.txt'], env, { 'words.txt': 'c\nd\n' });
    assert.equal(c.port, 9001);
    assert.equal(c.databaseUrl, 'postgres://x');
    assert.equal(c.moderation, 'all');
    assert.equal(c.trustProxy, true);
    assert.deepEqual(c.spamWords, ['a', 'b', 'c', 'd']);
    assert.deepEqual(parse(['--allowed-origins', 'https://a.example/, https://b.example']).allowedOrigins, [
      'https://a.example',
      'https://b.example',
    ]);
    assert.equal(parse(['--no-require-name-email']).requireNameEmail, false);
  });

  it('refuses bad values with a message', () => {
    assert.throws(() => parse(['--moderation', 'some']), /moderation/);
    assert.throws(() => parse(['--port', 'http']), /--port/);
    assert.throws(() => parse(['--pg-schema', 'x; drop']), /pg-schema/);
    assert.throws(() => parse(['--unknown']), /unknown/i);
  });

  it('caps event streams per client and in total: defaults, environment, flags, and no zero', () => {
    assert.deepEqual([parse([]).maxStreamsPerClient, parse([]).maxStreams], [8, 1000]);
    const env = { COMMENT_BOX_MAX_STREAMS_PER_CLIENT: '3', COMMENT_BOX_MAX_STREAMS: '50' };
    assert.deepEqual([parse([], env).maxStreamsPerClient, parse([], env).maxStreams], [3, 50]);
    const flags = parse(['--max-streams-per-client', '2', '--max-streams', '40'], env);
    assert.deepEqual([flags.maxStreamsPerClient, flags.maxStreams], [2, 40]);
    assert.throws(() => parse(['--max-streams-per-client', '0']), /--max-streams-per-client/);
    assert.throws(() => parse(['--max-streams', 'many']), /--max-streams/);
    assert.ok(
      HELP.includes('COMMENT_BOX_MAX_STREAMS_PER_CLIENT') && HELP.includes('COMMENT_BOX_MAX_STREAMS]'),
      'in --help',
    );
  });

  it('documents every flag in --help, from the real command', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../src/cli.ts', import.meta.url)), '--help'],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0);
    assert.equal(r.stdout, HELP);
    for (const flag of [
      '--port',
      '--host',
      '--db',
      '--database-url',
      '--allowed-origins',
      '--moderation',
      '--admin-token',
      '--trust-proxy',
      '--spam-words',
    ]) {
      assert.ok(HELP.includes(flag), flag);
    }
  });
});
