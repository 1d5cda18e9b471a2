import type { RateLimiter } from './rate-limit.js';
import type { RedisConnection } from './redis-connection.js';

const WINDOW_MS = 60_000;

/** Counts and starts the window in one atomic step, so concurrent processes never both see "first". */
const TAKE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

/**
 * The same fixed one-minute windows as the memory limiter, kept in Redis so every bot process shares them.
 * While Redis is away requests are let through (fail open): refusing people for our outage would be worse.
 */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: RedisConnection,
    private readonly perMinute: number,
  ) {}

  async take(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    const counted = (await this.redis.run((client) =>
      client.eval(TAKE, { keys: [`moviebot:rate:${key}`], arguments: [String(WINDOW_MS)] }),
    )) as [number, number] | undefined;
    if (counted === undefined) return { allowed: true };
    const [count, ttlMs] = counted;
    if (count <= this.perMinute) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
  }
}
