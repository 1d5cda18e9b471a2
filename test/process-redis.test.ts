import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redisServerInstalled, startRedisServer, type TestRedis } from './helpers/redis-server.js';
import { spawnBot, type BotProcess } from './helpers/spawn-bot.js';

const cleanup: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function startBot(env: Record<string, string>): Promise<BotProcess> {
  const bot = await spawnBot({ RATE_LIMIT_PER_MINUTE: '1000', ...env });
  cleanup.push(() => void bot.child.kill('SIGKILL'));
  return bot;
}

async function startRedis(port?: number): Promise<TestRedis & { port: number }> {
  const redis = await startRedisServer(port);
  cleanup.push(() => redis.stop());
  return redis;
}

const poster = (shade: number) => sharp({ create: { width: 50, height: 75, channels: 3, background: { r: 20, g: 90, b: shade } } }).png().toBuffer();
const postPoster = async (bot: BotProcess, shade: number) =>
  fetch(`${bot.url}/api/poster`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(await poster(shade)) });
const cacheHits = async (bot: BotProcess) =>
  Number(/moviebot_cache_lookups_total\{kind="poster",outcome="hit"\} (\d+)/.exec(await (await fetch(`${bot.url}/metrics`)).text())?.[1] ?? 0);
const health = async (bot: BotProcess) => {
  const response = await fetch(`${bot.url}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; degraded?: string[] } };
};

describe.skipIf(!redisServerInstalled())('the bot while Redis comes and goes', () => {
  it('keeps answering when Redis stops, says it is degraded, and uses Redis again when it returns', async () => {
    const redis = await startRedis();
    const bot = await startBot({ CACHE_URL: redis.url });
    await vi.waitFor(async () => expect((await health(bot)).status).toBe(200), { timeout: 10_000 });
    expect((await postPoster(bot, 1)).status).toBe(200);
    expect((await postPoster(bot, 1)).status).toBe(200);
    expect(await cacheHits(bot)).toBe(1);

    await redis.stop();
    for (const shade of [2, 3, 4]) expect((await postPoster(bot, shade)).status).toBe(200);
    expect(await health(bot)).toEqual({ status: 207, body: expect.objectContaining({ status: 'degraded', degraded: ['redis'] }) });
    expect(bot.logs.filter((line) => line.includes('redis unavailable'))).toHaveLength(1);

    await startRedis(redis.port);
    await vi.waitFor(async () => expect((await health(bot)).status).toBe(200), { timeout: 30_000, interval: 250 });
    expect((await postPoster(bot, 5)).status).toBe(200);
    expect((await postPoster(bot, 5)).status).toBe(200);
    expect(await cacheHits(bot)).toBe(2);
    expect(bot.child.exitCode).toBeNull();
  }, 60_000);

  it('answers at once when Redis is down at start, and says it is degraded', async () => {
    const redis = await startRedis();
    await redis.stop();
    const bot = await startBot({ CACHE_URL: redis.url });
    const started = Date.now();
    expect((await postPoster(bot, 9)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await health(bot)).body).toMatchObject({ status: 'degraded', degraded: ['redis'] });
  }, 30_000);
});
