/**
 * The little the repository needs from a database, so one set of SQL statements serves SQLite and PostgreSQL.
 * Statements are written with `?` placeholders and the few types both understand (TEXT, INTEGER,
 * DOUBLE PRECISION); the one type that differs is named by `blobType`.
 */
export type SqlValue = string | number | null | Uint8Array;

export interface SqlRunner {
  /** Runs a statement and returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  all<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

export interface SqlDriver extends SqlRunner {
  readonly kind: 'sqlite' | 'postgres';
  /** Column type for raw bytes: BLOB (SQLite) or BYTEA (PostgreSQL). */
  readonly blobType: string;
  /**
   * Runs `work` in one transaction: all of it is written, or (on a throw or a crash) none of it.
   * `exclusive` also holds off every other process's exclusive transaction, for schema creation.
   */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>, options?: { exclusive?: boolean }): Promise<T>;
  close(): Promise<void>;
}
