import { describe, expect, it } from 'vitest';
import { SharedSeenEvents } from '../../src/adapters/slack/shared-seen-events.js';
import { redisAvailable, useTestRedis } from '../helpers/redis-server.js';

describe.skipIf(!redisAvailable())('SharedSeenEvents', () => {
  const redisUrl = useTestRedis();

  it('lets an event through once across two processes', async () => {
    const processes = [1, 2].map(() => new SharedSeenEvents(redisUrl(), (error) => expect.fail(String(error))));
    const verdicts = await Promise.all([processes[0]!.firstTime('Ev1'), processes[1]!.firstTime('Ev1')]);
    expect(verdicts.sort()).toEqual([false, true]);
    expect(await processes[1]!.firstTime('Ev2')).toBe(true);
    await Promise.all(processes.map((seen) => seen.close()));
  });

  it('still de-duplicates within the process while Redis is unreachable', async () => {
    const errors: unknown[] = [];
    const seen = new SharedSeenEvents('redis://127.0.0.1:1', (error) => errors.push(error));
    expect(await seen.firstTime('Ev1')).toBe(true);
    expect(await seen.firstTime('Ev1')).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
    await seen.close();
  });
});
