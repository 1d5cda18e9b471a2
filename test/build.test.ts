import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/ports.js';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join('.cache', `build-test-${process.pid}`);

afterAll(() => rmSync(join(ROOT, OUT), { recursive: true, force: true }));

describe('the built bot (what `npm start` runs)', () => {
  it('starts from plain JavaScript with the shipped models in a worker started from a file, serves the page and answers', async () => {
    const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--out', OUT], { cwd: ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);

    const port = await freePort();
    const env = { PATH: process.env.PATH, PORT: String(port), INFERENCE_WORKERS: '1', LOG_LEVEL: 'info', DATA_DIR: mkdtempSync(join(tmpdir(), 'moviebot-built-')) };
    const bot = spawn(process.execPath, [join(OUT, 'src/main.js')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const logs: string[] = [];
    bot.stderr.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => bot.once('exit', resolve));
    try {
      const url = `http://127.0.0.1:${port}`;
      await expect.poll(() => fetch(`${url}/healthz`).then((r) => r.status, () => 0), { timeout: 90_000, interval: 250 }).toBe(200);
      expect(await (await fetch(url)).text()).toContain('<title>MovieBot</title>');
      const poster = await sharp({ create: { width: 300, height: 450, channels: 3, background: '#803020' } }).jpeg().toBuffer();
      const answer = await fetch(`${url}/api/poster?force=1`, { method: 'POST', body: new Uint8Array(poster) });
      expect(answer.status).toBe(200);
      expect((await answer.json()).top3).toHaveLength(3);
      expect(logs.join('')).not.toMatch(/tsx/);
    } finally {
      bot.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 180_000);
});
