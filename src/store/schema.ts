import { randomBytes } from 'node:crypto';
import type { SqlDriver, SqlRunner } from './sql-driver.js';

/** Bumped with every change to the tables below; a store written by a newer bot is refused, not misread. */
export const SCHEMA_VERSION = 1;

/**
 * One schema for both databases. Times are ISO strings (UTC, fixed width), so they sort and compare as text
 * everywhere; lists (top 3, corrected genres) are JSON text.
 */
function schemaStatements(blobType: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS store_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS channel_settings (
       platform TEXT NOT NULL, channel_id TEXT NOT NULL, image_replies TEXT NOT NULL, updated_at TEXT NOT NULL,
       PRIMARY KEY (platform, channel_id))`,
    `CREATE TABLE IF NOT EXISTS answers (
       platform TEXT NOT NULL, answer_id TEXT NOT NULL, image_sha256 TEXT NOT NULL, top3 TEXT NOT NULL,
       rating DOUBLE PRECISION NOT NULL, model_version TEXT NOT NULL, server_id TEXT, channel_id TEXT,
       created_at TEXT NOT NULL, PRIMARY KEY (platform, answer_id))`,
    `CREATE INDEX IF NOT EXISTS answers_by_created_at ON answers (created_at)`,
    `CREATE INDEX IF NOT EXISTS answers_by_image ON answers (image_sha256)`,
    `CREATE TABLE IF NOT EXISTS votes (
       platform TEXT NOT NULL, answer_id TEXT NOT NULL, user_hash TEXT NOT NULL, verdict TEXT NOT NULL,
       corrected_genres TEXT NOT NULL, voted_at TEXT NOT NULL, PRIMARY KEY (platform, answer_id, user_hash))`,
    `CREATE INDEX IF NOT EXISTS votes_by_user ON votes (platform, user_hash)`,
    `CREATE INDEX IF NOT EXISTS votes_by_time ON votes (voted_at, platform, answer_id, user_hash)`,
    `CREATE TABLE IF NOT EXISTS kept_images (image_sha256 TEXT PRIMARY KEY, bytes ${blobType} NOT NULL, kept_at TEXT NOT NULL)`,
  ];
}

const USER_HASH_KEY = 'user-hash-key';

async function metaValue(tx: SqlRunner, name: string): Promise<string | undefined> {
  const [row] = await tx.all<{ value: string }>('SELECT value FROM store_meta WHERE name = ?', [name]);
  return row?.value;
}

/**
 * Creates the tables when missing, checks the version and returns the deployment's user-hash key, made on the
 * first open. Every process sharing the database gets the same key, so a user's votes hash alike everywhere.
 */
export async function prepareSchema(driver: SqlDriver): Promise<{ userHashKey: Buffer }> {
  return driver.transaction(
    async (tx) => {
      for (const statement of schemaStatements(driver.blobType)) await tx.run(statement);
      const version = Number((await metaValue(tx, 'schema-version')) ?? SCHEMA_VERSION);
      if (version > SCHEMA_VERSION) {
        throw new Error(`The store was written by a newer MovieBot (schema ${version}; this one knows ${SCHEMA_VERSION}): upgrade the bot`);
      }
      const insertOnce = 'INSERT INTO store_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING';
      await tx.run(insertOnce, ['schema-version', String(SCHEMA_VERSION)]);
      await tx.run(insertOnce, [USER_HASH_KEY, randomBytes(32).toString('base64')]);
      return { userHashKey: Buffer.from((await metaValue(tx, USER_HASH_KEY))!, 'base64') };
    },
    { exclusive: true },
  );
}

/** How long an answer nobody voted on is kept (its image too). */
export const UNVOTED_ANSWER_DAYS = 30;

/** Deletes answers older than the cutoff that got no vote, then kept images no answer refers to. */
export async function purgeUnvoted(driver: SqlDriver, now = new Date()): Promise<{ answers: number; images: number }> {
  const cutoff = new Date(now.getTime() - UNVOTED_ANSWER_DAYS * 86_400_000).toISOString();
  return driver.transaction(async (tx) => ({
    answers: await tx.run(
      `DELETE FROM answers WHERE created_at < ? AND NOT EXISTS
         (SELECT 1 FROM votes WHERE votes.platform = answers.platform AND votes.answer_id = answers.answer_id)`,
      [cutoff],
    ),
    images: await tx.run(
      'DELETE FROM kept_images WHERE NOT EXISTS (SELECT 1 FROM answers WHERE answers.image_sha256 = kept_images.image_sha256)',
    ),
  }));
}
