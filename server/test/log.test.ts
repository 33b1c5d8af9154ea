/** The server's log: levels, the two formats, request lines gathered into one write. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { GATHER_MS, createLogger, errorText, formatLine } from '../src/log.js';

const at = new Date('2030-01-02T03:04:05.678Z');

function capture(level: 'error' | 'warn' | 'info' | 'debug', format: 'json' | 'text' = 'json') {
  const writes: string[] = [];
  const logger = createLogger({ level, format, write: (chunk) => writes.push(chunk), now: () => at });
  return { logger, writes, lines: () => writes.join('').split('\n').filter(Boolean) };
}

describe('log', () => {
  it('writes one JSON object a line, with time, level, message and the fields given', async () => {
    const { logger, lines } = capture('info');
    logger.info('request', { method: 'GET', status: 200, ms: 1.5, skipped: undefined, none: null });
    logger.flush();
    assert.deepEqual(
      lines().map((l) => JSON.parse(l)),
      [
        {
          time: '2030-01-02T03:04:05.678Z',
          level: 'info',
          msg: 'request',
          method: 'GET',
          status: 200,
          ms: 1.5,
          none: null,
        },
      ],
    );
  });

  it('writes the events at its level and above, and says which it writes', async () => {
    for (const [level, expected] of [
      ['error', ['error']],
      ['warn', ['error', 'warn']],
      ['info', ['error', 'warn', 'info']],
      ['debug', ['error', 'warn', 'info', 'debug']],
    ] as const) {
      const { logger, lines } = capture(level);
      logger.debug('d');
      logger.info('i');
      logger.warn('w');
      logger.error('e');
      logger.flush();
      assert.deepEqual(
        lines().map((l) => JSON.parse(l).level),
        [...expected].reverse(),
        level,
      );
      assert.equal(logger.enabled('info'), expected.includes('info' as never), level);
    }
  });

  it('writes a notice (the start, the stop) at every level, as info', async () => {
    const { logger, lines } = capture('error');
    logger.info('hidden');
    logger.notice('Listening on http://127.0.0.1:1', { url: 'http://127.0.0.1:1' });
    logger.flush();
    assert.deepEqual(
      lines().map((l) => [JSON.parse(l).level, JSON.parse(l).msg, JSON.parse(l).url]),
      [['info', 'Listening on http://127.0.0.1:1', 'http://127.0.0.1:1']],
    );
  });

  it('gathers request lines into one write every GATHER_MS; a warning, flush() and the exit write at once', async () => {
    const { logger, writes } = capture('info');
    for (let i = 0; i < 100; i++) logger.info('request', { i });
    await nextTurn();
    assert.equal(writes.length, 0, 'nothing written before GATHER_MS');
    await sleep(GATHER_MS + 20);
    assert.equal(writes.length, 1);
    assert.equal(writes[0]!.split('\n').length, 101);
    logger.info('request', { i: 100 });
    logger.warn('now');
    assert.equal(writes.length, 2, 'a warning is written at once, with the line before it');
    assert.deepEqual(
      writes[1]!
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).msg),
      ['request', 'now'],
    );
    logger.info('request', { i: 101 });
    logger.flush();
    assert.equal(writes.length, 3);
  });

  it('writes the pending lines when the process exits', () => {
    const script = [
      `import { createLogger } from ${JSON.stringify(new URL('../src/log.ts', import.meta.url).href)};`,
      `createLogger().info('request', { last: true });`,
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).last, true);
  });

  it('writes text for a terminal: quoted values only when they need it', () => {
    assert.equal(
      formatLine('text', at, 'warn', 'stopping', { route: '/api/*', note: 'two words', q: 'a"b', n: 3 }),
      '2030-01-02T03:04:05.678Z WARN  stopping route=/api/* note="two words" q="a\\"b" n=3\n',
    );
  });

  it('logs an error by its message and code, never its stack or its cause', () => {
    const error = Object.assign(new Error('database is locked', { cause: new Error('secret detail') }), {
      code: 'SQLITE_BUSY',
    });
    assert.equal(errorText(error), 'database is locked (SQLITE_BUSY)');
    assert.equal(errorText('plain'), 'plain');
  });
});
