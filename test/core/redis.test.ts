import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { RedisRateLimiter } from '../../src/core/redis-rate-limit.js';
import { redisAvailable, useTestRedis } from '../helpers/redis-server.js';
import { createTestBot } from '../helpers/test-bot.js';

describe.skipIf(!redisAvailable())('state shared through Redis', () => {
  const redisUrl = useTestRedis();

  it('lets one bot answer a poster from the cache another bot filled', async () => {
    const first = createTestBot({ CACHE_URL: redisUrl() });
    const second = createTestBot({ CACHE_URL: redisUrl() });
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
    const limiters = [1, 2].map(() => new RedisRateLimiter(redisUrl(), 5, (error) => expect.fail(String(error))));
    const verdicts = await Promise.all(Array.from({ length: 8 }, (_, n) => limiters[n % 2]!.take('slack:busy-user')));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(5);
    const refused = verdicts.find((verdict) => !verdict.allowed);
    expect(refused).toMatchObject({ allowed: false });
    expect(await limiters[0]!.take('slack:someone-else')).toEqual({ allowed: true });
    await Promise.all(limiters.map((limiter) => limiter.close()));
  });

  it('lets requests through, and says so, when Redis is unreachable', async () => {
    const errors: unknown[] = [];
    const limiter = new RedisRateLimiter('redis://127.0.0.1:1', 1, (error) => errors.push(error));
    expect(await limiter.take('u')).toEqual({ allowed: true });
    expect(errors.length).toBeGreaterThan(0);
    await limiter.close();
  });
});
