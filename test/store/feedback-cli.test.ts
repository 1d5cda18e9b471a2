import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { FeedbackLine } from '../../src/store/feedback-export.js';
import { keptImageFileName } from '../../src/store/feedback-export.js';
import { openStore } from '../../src/store/index.js';
import { runScript } from '../helpers/run-script.js';
import { answer } from '../helpers/store-backends.js';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const pngSha = createHash('sha256').update(png).digest('hex');

/** Runs `npm run feedback -- ...args` the way an operator would, against the store in `dataDir`. */
function feedbackCli(dataDir: string, ...args: string[]) {
  const run = runScript('feedback', args, { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' });
  return { ...run, lines: run.stdout.split('\n').filter(Boolean) };
}

describe('npm run feedback', () => {
  let folder: string;
  let dataDir: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'moviebot-feedback-cli-'));
    dataDir = join(folder, 'data');
    const store = await openStore(loadConfig({ DATA_DIR: dataDir, FEEDBACK_KEEP_IMAGES: 'true' }), createLogger('silent'));
    await store.rememberAnswer(answer(1, { imageSha256: pngSha }), png);
    await store.rememberAnswer(answer(2));
    await store.correct('reply-1', 'discord', 'alice', ['Horror']);
    await store.vote('reply-2', 'discord', 'alice', 'up');
    await store.vote('reply-2', 'discord', 'bob', 'down');
    await store.close();
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('names kept image files by hash and by the format their bytes show', () => {
    expect(keptImageFileName('ab', png)).toBe('ab.png');
    expect(keptImageFileName('ab', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('ab.jpg');
    expect(keptImageFileName('ab', new Uint8Array([1, 2, 3]))).toBe('ab.bin');
  });

  it('export prints one JSON line per vote, and with --images writes each kept image once and names it', async () => {
    const imagesDir = join(folder, 'images');
    const run = feedbackCli(dataDir, 'export', '--images', imagesDir);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.lines.map((line) => JSON.parse(line) as FeedbackLine);
    // Votes cast in the same millisecond may come out in either order: compare them as a set.
    expect(lines.map((l) => [l.answerId, l.verdict, l.correctedGenres])).toEqual(expect.arrayContaining([
      ['reply-1', 'down', ['Horror']], ['reply-2', 'up', []], ['reply-2', 'down', []],
    ]));
    expect(lines).toHaveLength(3);
    const corrected = lines.find((l) => l.answerId === 'reply-1')!;
    expect(corrected.image).toBe(join(imagesDir, `${pngSha}.png`));
    expect(lines.filter((l) => l !== corrected).every((l) => l.image === undefined && !l.imageKept)).toBe(true);
    expect(await readdir(imagesDir)).toEqual([`${pngSha}.png`]);
    expect(await readFile(corrected.image!)).toEqual(png);
    expect(run.stdout).not.toContain('alice');
  });

  it('forget deletes one user\'s votes and says how many; --help explains the commands', () => {
    const forget = feedbackCli(dataDir, 'forget', '--platform', 'discord', '--user', 'alice');
    expect(forget.status, forget.stderr).toBe(0);
    expect(forget.stdout).toBe('2 votes deleted\n');
    expect(feedbackCli(dataDir, 'export').lines).toHaveLength(1);
    expect(feedbackCli(dataDir, '--help').stdout).toContain('--images DIR');
    expect(feedbackCli(dataDir, 'forget', '--user', 'x').status).toBe(1);
  });
});
