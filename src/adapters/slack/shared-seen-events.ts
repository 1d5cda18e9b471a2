import type { RedisConnection } from '../../core/redis-connection.js';
import { SeenEvents } from './seen-events.js';

const TTL_MS = 60 * 60 * 1000;

/**
 * {@link SeenEvents} across every bot process on one Redis: Slack may redeliver an event to another process
 * than the one answering it. While Redis is unreachable each process still de-duplicates its own deliveries.
 */
export class SharedSeenEvents {
  private readonly local = new SeenEvents(TTL_MS);

  constructor(private readonly redis: RedisConnection) {}

  async firstTime(eventId: string): Promise<boolean> {
    const firstHere = this.local.firstTime(eventId);
    const answer = await this.redis.run((client) => client.set(`moviebot:slack-event:${eventId}`, '1', { NX: true, PX: TTL_MS }));
    return answer === undefined ? firstHere : answer === 'OK';
  }
}
