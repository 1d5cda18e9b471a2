import { SharedRedis } from '../../core/redis-client.js';
import { SeenEvents } from './seen-events.js';

const TTL_MS = 60 * 60 * 1000;

/**
 * {@link SeenEvents} across every bot process on one Redis: Slack may redeliver an event to another process
 * than the one answering it. While Redis is unreachable each process still de-duplicates its own deliveries.
 */
export class SharedSeenEvents {
  private readonly redis: SharedRedis;
  private readonly local = new SeenEvents(TTL_MS);

  constructor(url: string, private readonly onError: (error: unknown) => void) {
    this.redis = new SharedRedis(url, onError);
  }

  async firstTime(eventId: string): Promise<boolean> {
    const firstHere = this.local.firstTime(eventId);
    try {
      const client = await this.redis.connected();
      return (await client.set(`moviebot:slack-event:${eventId}`, '1', { NX: true, PX: TTL_MS })) === 'OK';
    } catch (error) {
      this.onError(error);
      return firstHere;
    }
  }

  close(): Promise<void> {
    return this.redis.close();
  }
}
