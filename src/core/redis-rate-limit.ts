import type { RateLimiter } from './rate-limit.js';
import { SharedRedis } from './redis-client.js';

const WINDOW_MS = 60_000;

/** Counts and starts the window in one atomic step, so concurrent processes never both see "first". */
const TAKE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

/** The same fixed one-minute windows as the memory limiter, kept in Redis so every bot process shares them. */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: SharedRedis;

  /** `onError` hears of Redis failures; meanwhile requests are let through rather than refused for our fault. */
  constructor(
    url: string,
    private readonly perMinute: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.redis = new SharedRedis(url, onError);
  }

  async take(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    try {
      const client = await this.redis.connected();
      const [count, ttlMs] = (await client.eval(TAKE, {
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

  close(): Promise<void> {
    return this.redis.close();
  }
}
