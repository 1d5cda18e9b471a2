/** Per-user request budget per minute. */
export interface RateLimiter {
  /** Counts one request for `key`; when over budget, says how many seconds until the window resets. */
  take(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}

const WINDOW_MS = 60_000;

/** Fixed one-minute windows in process memory: right for a single process. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    const now = this.now();
    this.forgetExpired(now);
    const window = this.windows.get(key) ?? { start: now, count: 0 };
    this.windows.set(key, window);
    window.count += 1;
    if (window.count <= this.perMinute) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)) };
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= WINDOW_MS) this.windows.delete(key);
    }
  }
}
