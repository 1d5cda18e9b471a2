/**
 * Settings and feedback that outlive the process: SQLite in `config.storage.dataDir`, or PostgreSQL when
 * `config.storage.databaseUrl` is set (shared by every bot process), through the same schema and repository.
 *
 * @example
 * const store = await openStore(config, logger);
 * const mode = (await store.imageReplyMode('discord', channelId)) ?? config.imageReplies;
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { openPostgresDriver } from './postgres-driver.js';
import type { BotStore } from './records.js';
import { createRepository } from './repository.js';
import { prepareSchema, UNVOTED_ANSWER_DAYS } from './schema.js';
import type { SqlDriver } from './sql-driver.js';
import { openSqliteDriver } from './sqlite-driver.js';

export type { AnswerRecord, BotStore, FeedbackRecord, Platform, Verdict } from './records.js';
export { PLATFORMS, StoreInputError } from './records.js';
export { UNVOTED_ANSWER_DAYS } from './schema.js';

/** How often a long-running bot drops unvoted answers past their 30 days (also done at every open). */
const PURGE_EVERY_MS = 6 * 3_600_000;

/** Where the store lives, for logs: never the password of a database URL. */
function whereStored(config: Config): string {
  const url = config.storage.databaseUrl;
  if (url === undefined) return config.storage.dataDir;
  const parsed = new URL(url);
  return `postgres://${parsed.host}${parsed.pathname}`;
}

async function openDriver(config: Config, logger: Logger): Promise<SqlDriver> {
  const url = config.storage.databaseUrl;
  if (url === undefined) return openSqliteDriver(config.storage.dataDir);
  return openPostgresDriver(url, (error) => logger.warn({ err: error }, 'store: PostgreSQL connection error'));
}

/** Opens (creating when needed) the store the configuration names; throws when it cannot be reached or read. */
export async function openStore(config: Config, logger: Logger): Promise<BotStore> {
  const driver = await openDriver(config, logger);
  try {
    const { userHashKey } = await prepareSchema(driver);
    const repository = createRepository(driver, { userHashKey, keepImages: config.feedback.keepImages });
    const purge = async () => {
      const removed = await repository.purgeNow();
      if (removed.answers + removed.images > 0) {
        logger.info({ ...removed, days: UNVOTED_ANSWER_DAYS }, 'store: removed unvoted answers past their days and images nothing refers to');
      }
    };
    await purge();
    const timer = setInterval(() => purge().catch((error: unknown) => logger.warn({ err: error }, 'store: purge failed')), PURGE_EVERY_MS);
    timer.unref();
    logger.info({ kind: driver.kind, where: whereStored(config), keepImages: config.feedback.keepImages }, 'store: open');
    return {
      ...repository,
      close: async () => {
        clearInterval(timer);
        await repository.close();
      },
    };
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw error;
  }
}
