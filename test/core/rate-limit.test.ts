import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '../../src/core/rate-limit.js';

describe('MemoryRateLimiter', () => {
  it('allows the budget per minute per key, then says when to come back', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter(2, () => now);
    expect(await limiter.take('a')).toEqual({ allowed: true });
    expect(await limiter.take('a')).toEqual({ allowed: true });
    now = 15_000;
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(await limiter.take('b')).toEqual({ allowed: true });
    now = 60_000;
    expect(await limiter.take('a')).toEqual({ allowed: true });
  });
});
