import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { SqlDriver, SqlRunner, SqlValue } from './sql-driver.js';

export const SQLITE_FILE = 'moviebot.sqlite3';

/**
 * SQLite in `dataDir` (created when missing) through better-sqlite3. WAL journal with synchronous=FULL: a
 * committed write survives a killed process and a power cut, a torn one is rolled back on the next open, and
 * readers (the export CLI) never block the bot. The native module is loaded only here, so a PostgreSQL
 * deployment never needs it.
 */
export async function openSqliteDriver(dataDir: string): Promise<SqlDriver & { readonly path: string }> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, SQLITE_FILE);
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(path, { timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return sqliteDriver(db, path);
}

function sqliteRunner(db: Database): SqlRunner {
  const params = (values: readonly SqlValue[]) => values.map((value) => (value instanceof Uint8Array ? Buffer.from(value) : value));
  return {
    run: async (sql, values = []) => db.prepare(sql).run(...params(values)).changes,
    all: async <Row extends object>(sql: string, values: readonly SqlValue[] = []) => db.prepare(sql).all(...params(values)) as Row[],
  };
}

function sqliteDriver(db: Database, path: string): SqlDriver & { readonly path: string } {
  const runner = sqliteRunner(db);
  // One connection runs one thing at a time: without this queue, a statement issued while a transaction awaits
  // would land inside that transaction.
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    kind: 'sqlite',
    blobType: 'BLOB',
    path,
    run: (sql, values) => serialised(() => runner.run(sql, values)),
    all: (sql, values) => serialised(() => runner.all(sql, values)),
    transaction: (work) =>
      serialised(async () => {
        // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading read locks.
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(runner);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          // SQLite has already rolled back after some errors (a full disk, say); a second ROLLBACK would hide the first error.
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    close: () => serialised(async () => void db.close()),
  };
}
