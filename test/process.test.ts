import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redisAvailable, startTestRedis } from './helpers/redis-server.js';
import { spawnBot, type BotProcess, type SpawnBotOptions } from './helpers/spawn-bot.js';

const running: BotProcess[] = [];
afterEach(() => {
  for (const bot of running.splice(0)) {
    if (isRunning(bot.botPid)) process.kill(bot.botPid, 'SIGKILL');
    bot.child.kill('SIGKILL');
  }
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function start(env: Record<string, string>, options?: SpawnBotOptions): Promise<BotProcess> {
  const bot = await spawnBot(env, options);
  running.push(bot);
  return bot;
}

/** A plain poster-sized PNG; `shade` makes each one different, so none is answered from the cache. */
const posterBytes = (shade = 0) => sharp({ create: { width: 50, height: 75, channels: 3, background: { r: 136, g: 68, b: shade } } }).png().toBuffer();
const postPoster = async (url: string, shade = 0) =>
  fetch(`${url}/api/poster`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(await posterBytes(shade)) });

describe('the bot process', () => {
  it('on SIGTERM finishes the poster in flight, then exits 0', async () => {
    const bot = await start({ FAKE_MODEL_DELAY_MS: '1500' });
    const inFlight = postPoster(bot.url);
    await new Promise((resolve) => setTimeout(resolve, 300));
    bot.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ top3: expect.any(Array), rating: expect.any(Number) });
    expect(await bot.exited).toBe(0);
    expect(bot.logs.join('\n')).toMatch(/shutting down/);
  });

  it('does not cut the drain short on a repeated signal, but does on one well after the first', async () => {
    const bot = await start({ FAKE_MODEL_DELAY_MS: '20000' });
    void postPoster(bot.url).catch(() => {});
    await delay(300);
    bot.child.kill('SIGTERM');
    await delay(200);
    bot.child.kill('SIGINT');
    expect(await Promise.race([bot.exited, delay(1_000).then(() => 'still draining')])).toBe('still draining');
    await delay(2_500);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(130);
  });

  it('answers all 20 posters of a burst when the whole process group gets SIGTERM, then exits 0', async () => {
    const bot = await start({ FAKE_MODEL_DELAY_MS: '400', RATE_LIMIT_PER_MINUTE: '1000' });
    const burst = Array.from({ length: 20 }, (_, n) => postPoster(bot.url, n));
    await delay(150);
    bot.signalGroup('SIGTERM');
    bot.child.kill('SIGTERM'); // what a wrapper relaying the signal adds
    const statuses = await Promise.all(burst.map(async (response) => (await response).status));
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 200));
    expect(await bot.exited).toBe(0);
  });

  it('passes SIGTERM sent to the `npm start` process alone on to the bot, and exits with it', async () => {
    const bot = await start({}, { viaNpm: true });
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    await vi.waitFor(() => expect(isRunning(bot.botPid)).toBe(false), { timeout: 10_000, interval: 100 });
    expect(bot.logs.join('\n')).toMatch(/"signal":"SIGTERM","msg":"shutting down/);
  });

  it('stops within 10 s when the `npm start` process dies without passing anything on', async () => {
    const bot = await start({}, { viaNpm: true });
    const killedAt = Date.now();
    bot.child.kill('SIGKILL');
    await vi.waitFor(() => expect(isRunning(bot.botPid)).toBe(false), { timeout: 10_000, interval: 100 });
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(bot.logs.join('\n')).toMatch(/"signal":"parent exited","msg":"shutting down/);
  });

  it('refuses to start with a clear line per bad variable', async () => {
    await expect(start({ PORT: 'x', SLACK_BOT_TOKEN: 'xoxb-secret-value' })).rejects.toThrow(/PORT must be a whole number/);
  });
});

describe.skipIf(!redisAvailable())('two bot processes on one Redis', () => {
  it('share the result cache and each user\'s rate limit', async () => {
    const redis = await startTestRedis();
    try {
      const env = { CACHE_URL: redis.url, RATE_LIMIT_PER_MINUTE: '3' };
      const [first, second] = await Promise.all([start(env), start(env)]);

      expect((await postPoster(first!.url)).status).toBe(200);
      expect((await postPoster(second!.url)).status).toBe(200);
      const metrics = await (await fetch(`${second!.url}/metrics`)).text();
      expect(metrics).toMatch(/moviebot_cache_lookups_total\{kind="poster",outcome="hit"\} 1/);

      expect((await postPoster(first!.url)).status).toBe(200);
      const refused = await postPoster(second!.url);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: string }).error).toMatch(/Slow down/);
    } finally {
      await redis.stop();
    }
  });
});
