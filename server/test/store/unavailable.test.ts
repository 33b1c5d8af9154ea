/**
 * The one classification of database faults: what the server answers 503 (retry later) rather than
 * 500 or a 4xx. Real driver errors where they are cheap to provoke, codes for the rest.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DatabaseUnavailableError, isBusy, isUnavailable } from '../../src/store/unavailable.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

/** The error `fn` throws. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('isUnavailable', () => {
  it('recognizes PostgreSQL connection, shutdown and resource errors', () => {
    for (const code of ['08000', '08003', '08006', '08P01', '57P01', '57P02', '57P03', '53100', '53200', '53300']) {
      assert.equal(isUnavailable(withCode(code)), true, code);
    }
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated',
      'Client has encountered a connection error and is not queryable',
      'timeout exceeded when trying to connect',
    ]) {
      assert.equal(isUnavailable(new Error(message)), true, message);
    }
  });

  it('recognizes a refused connection (a real one)', async () => {
    const client = new pg.Client({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.equal(isUnavailable(error), true, String(error));
  });

  it('recognizes SQLite busy, full, I/O, cannot-open and read-only errors (real ones where cheap)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'comment-box-unavailable-'));
    try {
      const file = join(dir, 'x.db');
      new Database(file).exec('CREATE TABLE t (a)').close();
      const readOnly = new Database(file, { readonly: true });
      const error = thrown(() => readOnly.exec('INSERT INTO t VALUES (1)'));
      readOnly.close();
      assert.equal((error as { code: string }).code, 'SQLITE_READONLY');
      assert.equal(isUnavailable(error), true);
      const cantOpen = thrown(() => new Database(dir)); // a directory
      assert.equal((cantOpen as { code: string }).code, 'SQLITE_CANTOPEN');
      assert.equal(isUnavailable(cantOpen), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const code of [
      'SQLITE_BUSY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_FULL',
      'SQLITE_IOERR',
      'SQLITE_IOERR_WRITE',
      'SQLITE_CANTOPEN',
      'SQLITE_READONLY_DBMOVED',
    ]) {
      assert.equal(isUnavailable(withCode(code)), true, code);
    }
    assert.equal(isBusy(withCode('SQLITE_BUSY')), true);
    assert.equal(isBusy(withCode('SQLITE_FULL')), false);
  });

  it('recognizes a wrapped fault, and its cause', () => {
    assert.equal(isUnavailable(new DatabaseUnavailableError(new Error('anything'))), true);
    assert.equal(isUnavailable(new Error('outer', { cause: withCode('ECONNRESET') })), true);
  });

  it('leaves everything else alone: constraint, deadlock and syntax errors, bugs, non-errors', () => {
    for (const code of [
      '23505',
      '40001',
      '40P01',
      '42601',
      '57014',
      'SQLITE_CONSTRAINT_UNIQUE',
      'SQLITE_ERROR',
      'SQLITE_BUSYNESS',
    ]) {
      assert.equal(isUnavailable(withCode(code)), false, code);
    }
    assert.equal(isUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')")), false);
    assert.equal(isUnavailable('Connection terminated'), false);
    assert.equal(isUnavailable(undefined), false);
  });
});
