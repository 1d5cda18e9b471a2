import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { RedisConnection } from '../../src/core/redis-connection.js';
import { RedisRateLimiter } from '../../src/core/redis-rate-limit.js';
import { createLogger } from '../../src/logger.js';
import { connectedRedis, redisAvailable, useTestRedis } from '../helpers/redis-server.js';
import { createTestBot, LogCapture } from '../helpers/test-bot.js';

describe.skipIf(!redisAvailable())('state shared through Redis', () => {
  const redisUrl = useTestRedis();

  it('lets one bot answer a poster from the cache another bot filled', async () => {
    const first = createTestBot({ CACHE_URL: redisUrl() });
    const second = createTestBot({ CACHE_URL: redisUrl() });
    await vi.waitFor(() => expect(first.bot.redis?.isUp() && second.bot.redis?.isUp()).toBe(true));
    const bytes = await sharp({ create: { width: 40, height: 60, channels: 3, background: '#336699' } }).png().toBuffer();
    const requester = { platform: 'discord', userId: 'u1' } as const;

    const fromFirst = await first.bot.analyzePoster({ kind: 'bytes', bytes }, requester);
    const fromSecond = await second.bot.analyzePoster({ kind: 'bytes', bytes }, requester);

    expect(fromSecond).toEqual(fromFirst);
    expect(first.posterPredictor.inputsSeen).toBe(1);
    expect(second.posterPredictor.inputsSeen).toBe(0);
    await Promise.all([first.bot.close(), second.bot.close()]);
  });

  it('holds a user to one budget across limiters, atomically', async () => {
    const connections = await Promise.all([connectedRedis(redisUrl()), connectedRedis(redisUrl())]);
    const limiters = connections.map((redis) => new RedisRateLimiter(redis, 5));
    const verdicts = await Promise.all(Array.from({ length: 8 }, (_, n) => limiters[n % 2]!.take('slack:busy-user')));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(5);
    const refused = verdicts.find((verdict) => !verdict.allowed);
    expect(refused).toMatchObject({ allowed: false });
    expect(await limiters[0]!.take('slack:someone-else')).toEqual({ allowed: true });
    await Promise.all(connections.map((redis) => redis.close()));
  });

  it('lets requests through, and says so once, when Redis is unreachable', async () => {
    const logs = new LogCapture();
    const redis = new RedisConnection('redis://127.0.0.1:1', createLogger('debug', logs));
    const limiter = new RedisRateLimiter(redis, 1);
    await vi.waitFor(() => expect(logs.text).toContain('redis unavailable'));
    for (let n = 0; n < 3; n++) expect(await limiter.take('u')).toEqual({ allowed: true });
    expect(logs.lines.filter((line) => line.includes('redis unavailable'))).toHaveLength(1);
    await redis.close();
  });
});
