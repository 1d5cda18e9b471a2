import { describe, expect, it } from 'vitest';
import { SharedSeenEvents } from '../../src/adapters/slack/shared-seen-events.js';
import { RedisConnection } from '../../src/core/redis-connection.js';
import { createLogger } from '../../src/logger.js';
import { connectedRedis, redisAvailable, useTestRedis } from '../helpers/redis-server.js';
import { LogCapture } from '../helpers/test-bot.js';

describe.skipIf(!redisAvailable())('SharedSeenEvents', () => {
  const redisUrl = useTestRedis();

  it('lets an event through once across two processes', async () => {
    const connections = await Promise.all([connectedRedis(redisUrl()), connectedRedis(redisUrl())]);
    const processes = connections.map((redis) => new SharedSeenEvents(redis));
    const verdicts = await Promise.all([processes[0]!.firstTime('Ev1'), processes[1]!.firstTime('Ev1')]);
    expect(verdicts.sort()).toEqual([false, true]);
    expect(await processes[1]!.firstTime('Ev2')).toBe(true);
    await Promise.all(connections.map((redis) => redis.close()));
  });

  it('still de-duplicates within the process while Redis is unreachable', async () => {
    const redis = new RedisConnection('redis://127.0.0.1:1', createLogger('debug', new LogCapture()));
    const seen = new SharedSeenEvents(redis);
    expect(await seen.firstTime('Ev1')).toBe(true);
    expect(await seen.firstTime('Ev1')).toBe(false);
    await redis.close();
  });
});
