import type { Pool, PoolClient } from 'pg';
import type { SqlDriver, SqlRunner, SqlValue } from './sql-driver.js';

/** Any number: the key every process takes around schema creation, so two starting bots do not race. */
const SCHEMA_LOCK_KEY = 0x6d6f7669;

/** `?` placeholders to PostgreSQL's `$1, $2, ...` (the repository's SQL has no `?` inside string literals). */
export function numberedPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

function postgresRunner(client: Pool | PoolClient): SqlRunner {
  const params = (values: readonly SqlValue[]) => values.map((value) => (value instanceof Uint8Array ? Buffer.from(value) : value));
  return {
    run: async (sql, values = []) => (await client.query(numberedPlaceholders(sql), params(values))).rowCount ?? 0,
    all: async <Row extends object>(sql: string, values: readonly SqlValue[] = []) =>
      (await client.query(numberedPlaceholders(sql), params(values))).rows as Row[],
  };
}

/** PostgreSQL through a small `pg` pool; the pool's errors (a dropped idle connection) are logged, never fatal. */
export async function openPostgresDriver(url: string, onPoolError: (error: Error) => void): Promise<SqlDriver> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  pool.on('error', onPoolError);
  return {
    kind: 'postgres',
    blobType: 'BYTEA',
    ...postgresRunner(pool),
    transaction: async (work, options) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        if (options?.exclusive) await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
        const result = await work(postgresRunner(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
