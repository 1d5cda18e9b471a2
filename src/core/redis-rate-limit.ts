import { createClient } from '@keyv/redis';
import type { RateLimiter } from './rate-limit.js';

const WINDOW_MS = 60_000;
const CONNECT_WAIT_MS = 1_000;

/** Counts and starts the window in one atomic step, so concurrent processes never both see "first". */
const TAKE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

/** The same fixed one-minute windows as the memory limiter, kept in Redis so every bot process shares them. */
export class RedisRateLimiter implements RateLimiter {
  private readonly client;
  private readonly ready: Promise<void>;

  /** `onError` hears of Redis failures; meanwhile requests are let through rather than refused for our fault. */
  constructor(
    url: string,
    private readonly perMinute: number,
    private readonly onError: (error: unknown) => void,
  ) {
    // Without the offline queue a command fails at once while Redis is down, instead of waiting for it.
    this.client = createClient({ url, disableOfflineQueue: true });
    this.client.on('error', onError);
    this.ready = new Promise((resolve) => this.client.once('ready', resolve));
    this.client.connect().catch(onError);
  }

  async take(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    try {
      await Promise.race([this.ready, new Promise((resolve) => setTimeout(resolve, CONNECT_WAIT_MS).unref())]);
      const [count, ttlMs] = (await this.client.eval(TAKE, {
        keys: [`moviebot:rate:${key}`],
        arguments: [String(WINDOW_MS)],
      })) as [number, number];
      if (count <= this.perMinute) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
    } catch (error) {
      this.onError(error);
      return { allowed: true };
    }
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.quit();
    else await this.client.disconnect().catch(() => {});
  }
}
