import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openStore, type AnswerRecord, type BotStore } from '../../src/store/index.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from './postgres-server.js';

/** One place a store lives in a test: a temp DATA_DIR, or a fresh PostgreSQL database. */
export interface StoreLocation {
  readonly env: Record<string, string>;
  open(extraEnv?: Record<string, string>): Promise<BotStore>;
}

export interface StoreBackend {
  readonly name: 'SQLite' | 'PostgreSQL';
  /** Why this backend's tests are skipped here, or undefined. */
  readonly unavailable: string | undefined;
  /** Registers the suite's set-up and returns a maker of fresh locations (call it inside tests). */
  use(): () => Promise<StoreLocation>;
}

const silent = createLogger('silent');

function location(env: Record<string, string>, opened: BotStore[]): StoreLocation {
  return {
    env,
    open: async (extraEnv = {}) => {
      const store = await openStore(loadConfig({ ...env, ...extraEnv }), silent);
      opened.push(store);
      return store;
    },
  };
}

/** Closes whatever a test left open (a closed store's close() just resolves again). */
function closeOpenedAfterEach(opened: BotStore[]): void {
  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((store) => store.close()));
  });
}

export const sqliteBackend: StoreBackend = {
  name: 'SQLite',
  unavailable: undefined,
  use: () => {
    const opened: BotStore[] = [];
    const dirs: string[] = [];
    closeOpenedAfterEach(opened);
    afterAll(async () => {
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    });
    return async () => {
      const dir = await mkdtemp(join(tmpdir(), 'moviebot-store-'));
      dirs.push(dir);
      return location({ DATA_DIR: join(dir, 'data'), FEEDBACK_KEEP_IMAGES: 'true' }, opened);
    };
  },
};

export const postgresBackend: StoreBackend = {
  name: 'PostgreSQL',
  unavailable: postgresUnavailableReason(),
  use: () => {
    const opened: BotStore[] = [];
    let server: TestPostgres | undefined;
    beforeAll(async () => {
      server = await startTestPostgres();
    }, 120_000);
    closeOpenedAfterEach(opened);
    afterAll(async () => {
      await server?.stop();
    });
    return async () => location({ DATABASE_URL: await server!.freshDatabase(), FEEDBACK_KEEP_IMAGES: 'true' }, opened);
  },
};

/** A saved answer as the bot would record it; `n` varies the ids. */
export function answer(n: number, overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    answerId: `reply-${n}`,
    imageSha256: `${n}`.padStart(64, '0'),
    top3: [['Drama', 0.61], ['Comedy', 0.33], ['Romance', 0.2]],
    rating: 6.4,
    modelVersion: 'genre@2026-11-01',
    platform: 'discord',
    serverId: 'guild-1',
    channelId: 'channel-1',
    ...overrides,
  };
}
