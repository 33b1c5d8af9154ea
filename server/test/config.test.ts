/** Flags and environment, and `--help`. */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { HELP, parseConfig } from '../src/config.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
/** The real command, with `env` added to (or, as undefined, removed from) this process's environment. */
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 20_000,
  });

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

  it('sets the log level and format by flag or environment, info and json by default', () => {
    assert.deepEqual([parse([]).logLevel, parse([]).logFormat], ['info', 'json']);
    const env = { COMMENT_BOX_LOG_LEVEL: 'debug', COMMENT_BOX_LOG_FORMAT: 'text' };
    assert.deepEqual([parse([], env).logLevel, parse([], env).logFormat], ['debug', 'text']);
    const flags = parse(['--log-level', 'warn', '--log-format', 'json'], env);
    assert.deepEqual([flags.logLevel, flags.logFormat], ['warn', 'json']);
    assert.equal(parse([], { COMMENT_BOX_LOG_LEVEL: '' }).logLevel, 'info', 'empty is unset');
    assert.throws(
      () => parse(['--log-level', 'verbose']),
      /--log-level must be error, warn, info or debug, got "verbose"/,
    );
    assert.throws(() => parse([], { COMMENT_BOX_LOG_FORMAT: 'xml' }), /--log-format must be json or text/);
  });

  it('refuses a setting it would otherwise misread', () => {
    assert.throws(() => parse(['--port', '70000']), /--port must be an integer from 0 to 65535/);
    assert.throws(() => parse([], { PORT: '80.5' }), /--port/);
    assert.throws(() => parse([], { COMMENT_BOX_MAX_LINKS: '1e3' }), /--max-links/);
    assert.throws(() => parse([], { COMMENT_BOX_TRUST_PROXY: 'maybe' }), /COMMENT_BOX_TRUST_PROXY must be 1 or 0/);
    assert.throws(() => parse([], { COMMENT_BOX_REQUIRE_NAME_EMAIL: 'nope' }), /COMMENT_BOX_REQUIRE_NAME_EMAIL/);
    assert.throws(() => parse([], { DATABASE_URL: 'mysql://x' }), /postgres:\/\//);
    assert.throws(() => parse(['--allowed-origins', 'blog.example']), /--allowed-origins/);
    assert.throws(() => parse(['--allowed-origins', 'https://blog.example/path']), /--allowed-origins/);
    assert.throws(() => parse([], { COMMENT_BOX_MODERATION: 'later' }), /--moderation must be none, all or first-time/);
    // On and off, in the usual spellings; empty is unset.
    assert.equal(parse([], { COMMENT_BOX_TRUST_PROXY: 'off' }).trustProxy, false);
    assert.equal(parse([], { COMMENT_BOX_TRUST_PROXY: 'Yes' }).trustProxy, true);
    assert.equal(parse([], { COMMENT_BOX_TRUST_PROXY: '' }).trustProxy, false);
    assert.equal(parse([], { COMMENT_BOX_REQUIRE_NAME_EMAIL: 'false' }).requireNameEmail, false);
    assert.equal(parse([], { DATABASE_URL: 'postgresql://u@h/db' }).databaseUrl, 'postgresql://u@h/db');
    assert.deepEqual(parse([], { COMMENT_BOX_ALLOWED_ORIGINS: 'http://localhost:3000/' }).allowedOrigins, [
      'http://localhost:3000',
    ]);
  });

  it('takes every setting from an environment variable too, as --help lists', () => {
    // Every option of --help but --help and --version names its variable in brackets.
    const entries = HELP.split('\n')
      .map((line, i, lines) => {
        // An option's text may go on on the next line (indented, not another option).
        const next = lines[i + 1] ?? '';
        return {
          line: /^ {3,}[^-\s]/.test(next) ? `${line} ${next}` : line,
          flag: /^ {2}(?:-\w, )?(--[a-z-]+)/.exec(line)?.[1],
        };
      })
      .filter((e): e is { line: string; flag: string } => e.flag !== undefined);
    assert.ok(entries.length >= 24, `${entries.length} options`);
    const variables = new Map<string, string>();
    for (const { flag, line } of entries) {
      if (flag === '--help' || flag === '--version') continue;
      const variable = /\[([A-Z_]+)[=\]]/.exec(line)?.[1];
      assert.ok(variable, `${flag} has no environment variable in --help`);
      variables.set(flag, variable);
    }
    // And each variable is read: a value that is wrong for every setting is refused or shows up.
    const probe: Record<string, [string, (c: ReturnType<typeof parse>) => unknown]> = {
      '--host': ['0.0.0.0', (c) => c.host],
      '--db': ['/x.db', (c) => c.dbPath],
      '--database-url': ['postgres://h/d', (c) => c.databaseUrl],
      '--pg-schema': ['s2', (c) => c.pgSchema],
      '--allowed-origins': ['https://o.example', (c) => c.allowedOrigins[0]],
      '--moderation': ['all', (c) => c.moderation],
      '--admin-token': ['tok', (c) => c.adminToken],
      '--trust-proxy': ['1', (c) => c.trustProxy],
      '--spam-words': ['w', (c) => c.spamWords[0]],
      '--spam-words-file': ['words.txt', (c) => c.spamWords[0]],
      '--no-require-name-email': ['0', (c) => c.requireNameEmail],
      '--demo': ['/d', (c) => c.demoDir],
      '--secret': ['s', (c) => c.secret],
      '--log-level': ['debug', (c) => c.logLevel],
      '--log-format': ['text', (c) => c.logFormat],
      '--smtp-url': ['smtp://127.0.0.1:2525', (c) => c.smtpUrl],
      '--mail-from': ['a@b.example', (c) => c.mailFrom],
      '--notify-email': ['Owner@B.example', (c) => c.notifyEmail],
      '--public-url': ['https://c.example/x/', (c) => c.publicUrl],
      '--site-name': ['My blog', (c) => c.siteName],
    };
    const expected: Record<string, unknown> = {
      '--host': '0.0.0.0',
      '--db': '/x.db',
      '--database-url': 'postgres://h/d',
      '--pg-schema': 's2',
      '--allowed-origins': 'https://o.example',
      '--moderation': 'all',
      '--admin-token': 'tok',
      '--trust-proxy': true,
      '--spam-words': 'w',
      '--spam-words-file': 'from-file',
      '--no-require-name-email': false,
      '--demo': '/d',
      '--secret': 's',
      '--log-level': 'debug',
      '--log-format': 'text',
      '--smtp-url': 'smtp://127.0.0.1:2525',
      '--mail-from': 'a@b.example',
      '--notify-email': 'owner@b.example',
      '--public-url': 'https://c.example/x',
      '--site-name': 'My blog',
    };
    for (const [flag, variable] of variables) {
      if (probe[flag]) {
        const [value, read] = probe[flag];
        // --smtp-url needs --mail-from.
        const env = { [variable]: value, ...(flag === '--smtp-url' ? { COMMENT_BOX_MAIL_FROM: 'a@b.example' } : {}) };
        assert.deepEqual(read(parse([], env, { 'words.txt': 'from-file' })), expected[flag], flag);
      } else {
        // The numeric ones: a number that is not an integer is refused, naming the flag.
        assert.throws(() => parse([], { [variable]: '1.5' }), new RegExp(flag), `${flag} (${variable})`);
      }
    }
  });

  it('checks the notification settings, never quoting an SMTP URL (it may hold a password)', () => {
    const ok = parse(['--smtp-url', 'smtps://u:p@mail.example:465', '--mail-from', 'Comments <c@blog.example>']);
    assert.equal(ok.smtpUrl, 'smtps://u:p@mail.example:465');
    assert.equal(ok.mailFrom, 'Comments <c@blog.example>');
    assert.equal(parse([]).smtpUrl, '');
    assert.throws(
      () => parse(['--smtp-url', 'http://u:secret@x']),
      (e: Error) => {
        assert.match(e.message, /--smtp-url/);
        assert.doesNotMatch(e.message, /secret/);
        return true;
      },
    );
    assert.throws(() => parse(['--smtp-url', 'smtp://127.0.0.1:25']), /--mail-from .*required/);
    assert.throws(() => parse(['--mail-from', 'not an address']), /--mail-from/);
    assert.throws(() => parse(['--mail-from', 'a@b.example\r\nBcc: x@y.example']), /--mail-from/);
    assert.throws(() => parse(['--notify-email', 'owner']), /--notify-email/);
    assert.throws(() => parse(['--public-url', 'ftp://x']), /--public-url/);
    assert.throws(() => parse(['--site-name', 'a\nb']), /--site-name/);
    const bad = cli(['--smtp-url', 'nonsense://pw@x']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--smtp-url/);
  });

  it('prints the server package version with --version and -v', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const r = cli([flag]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `${version}\n`);
    }
  });

  it('exits 2 with a clear message on a bad setting, from a flag or the environment', () => {
    const bad = cli(['--log-level', 'loud']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^comment-box-server: --log-level must be error, warn, info or debug, got "loud"/);
    assert.match(bad.stderr, /--help/);
    assert.equal(bad.stdout, '');
    const env = cli([], { COMMENT_BOX_TRUST_PROXY: 'perhaps' });
    assert.equal(env.status, 2);
    assert.match(env.stderr, /COMMENT_BOX_TRUST_PROXY must be 1 or 0/);
    const unknown = cli(['--colour']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /--colour/);
  });
});
