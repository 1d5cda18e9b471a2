import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openStore } from '../../src/store/index.js';
import { createRepository } from '../../src/store/repository.js';
import { prepareSchema } from '../../src/store/schema.js';
import { openSqliteDriver, SQLITE_FILE } from '../../src/store/sqlite-driver.js';
import { answer } from '../helpers/store-backends.js';

const writer = fileURLToPath(new URL('../helpers/interrupted-store-writer.ts', import.meta.url));
const silent = createLogger('silent');
const folders: string[] = [];
const tempFolder = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'moviebot-sqlite-'));
  folders.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the SQLite store', () => {
  it('creates DATA_DIR (and its parents) on first open', async () => {
    const dataDir = join(await tempFolder(), 'a', 'b');
    const store = await openStore(loadConfig({ DATA_DIR: dataDir }), silent);
    await store.close();
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
  });

  it('GIVEN a process killed in the middle of a transaction THEN the store opens with every committed write and none of the torn one', async () => {
    const dataDir = await tempFolder();
    const config = loadConfig({ DATA_DIR: dataDir });
    const before = await openStore(config, silent);
    await before.rememberAnswer(answer(1));
    const vote = await before.vote('reply-1', 'discord', 'u', 'down');
    await before.close();

    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    expect(chunk.toString()).toContain('inside');
    child.kill('SIGKILL');
    await once(child, 'exit');

    const driver = await openSqliteDriver(dataDir);
    expect(await driver.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await driver.all('SELECT answer_id FROM answers')).toEqual([{ answer_id: 'reply-1' }]);
    await driver.close();
    const after = await openStore(config, silent);
    const records = [];
    for await (const record of after.exportFeedback()) records.push(record);
    expect(records).toEqual([vote]);
    await after.close();
  });

  it('drops answers nobody voted on after 30 days, with their images, and keeps voted ones', async () => {
    const driver = await openSqliteDriver(await tempFolder());
    const { userHashKey } = await prepareSchema(driver);
    let clock = new Date('2026-01-01T00:00:00Z');
    const repository = createRepository(driver, { userHashKey, keepImages: true, now: () => clock });
    const image = (text: string) => new TextEncoder().encode(text);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    await repository.rememberAnswer(answer(1, { imageSha256: sha('one') }), image('one'));
    await repository.rememberAnswer(answer(2, { imageSha256: sha('two') }), image('two'));
    await repository.vote('reply-2', 'discord', 'u', 'up');
    clock = new Date('2026-01-30T00:00:00Z');
    expect(await repository.purgeNow()).toEqual({ answers: 0, images: 0 });
    clock = new Date('2026-02-01T00:00:00Z');
    expect(await repository.purgeNow()).toEqual({ answers: 1, images: 1 });
    expect(await repository.keptImage(sha('one'))).toBeUndefined();
    expect(await repository.keptImage(sha('two'))).toBeDefined();
    await repository.close();
  });
});
