import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { redisAvailable, startTestRedis } from './helpers/redis-server.js';
import { spawnBot, type BotProcess } from './helpers/spawn-bot.js';

const running: BotProcess[] = [];
afterEach(() => {
  for (const bot of running.splice(0)) bot.child.kill('SIGKILL');
});

async function start(env: Record<string, string>): Promise<BotProcess> {
  const bot = await spawnBot(env);
  running.push(bot);
  return bot;
}

const posterBytes = () => sharp({ create: { width: 50, height: 75, channels: 3, background: '#884422' } }).png().toBuffer();
const postPoster = async (url: string) =>
  fetch(`${url}/api/poster`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(await posterBytes()) });

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

  it('exits at once on a second signal', async () => {
    const bot = await start({ FAKE_MODEL_DELAY_MS: '20000' });
    void postPoster(bot.url).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    bot.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    bot.child.kill('SIGINT');
    expect(await bot.exited).toBe(130);
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
