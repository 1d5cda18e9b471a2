import { createClient } from '@keyv/redis';

const CONNECT_WAIT_MS = 1_000;

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A Redis connection for state shared between bot processes. Commands fail at once while Redis is down (no
 * offline queue), so callers can fall back instead of hanging a user's request; `onError` hears every failure.
 */
export class SharedRedis {
  readonly client: RedisClient;
  private readonly ready: Promise<void>;

  constructor(url: string, onError: (error: unknown) => void) {
    this.client = createClient({ url, disableOfflineQueue: true });
    this.client.on('error', onError);
    this.ready = new Promise((resolve) => this.client.once('ready', resolve));
    this.client.connect().catch(onError);
  }

  /** The client once connected, after waiting a moment for a connection still being made. */
  async connected(): Promise<RedisClient> {
    await Promise.race([this.ready, new Promise((resolve) => setTimeout(resolve, CONNECT_WAIT_MS).unref())]);
    return this.client;
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.quit();
    else await this.client.disconnect().catch(() => {});
  }
}
