/**
 * Remembers recent Events API `event_id`s so a retried delivery (`x-slack-retry-num`, Socket Mode `retry_attempt`)
 * is answered once. Slack retries for about an hour at most; entries older than `ttlMs` are forgotten, and the
 * oldest go first when `maxEntries` is reached, so memory stays bounded under a flood.
 */
export class SeenEvents {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time an id is offered within the time-to-live, false for every repeat. */
  firstTime(eventId: string): boolean {
    const time = this.now();
    this.forgetOlderThan(time - this.ttlMs);
    if (this.seenAt.has(eventId)) return false;
    if (this.seenAt.size >= this.maxEntries) {
      const oldest = this.seenAt.keys().next();
      if (!oldest.done) this.seenAt.delete(oldest.value);
    }
    this.seenAt.set(eventId, time);
    return true;
  }

  private forgetOlderThan(limit: number): void {
    for (const [id, time] of this.seenAt) {
      if (time >= limit) return;
      this.seenAt.delete(id);
    }
  }
}
