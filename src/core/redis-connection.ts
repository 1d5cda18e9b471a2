import { createClient } from '@keyv/redis';
import type { Logger } from '../logger.js';
import { errorFields } from '../util/error-message.js';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnectionOptions {
  /** Longest a single command may take before the caller falls back (a hung Redis must not hang a user). */
  readonly commandTimeoutMs?: number;
  /** Longest wait between reconnection attempts; they start at 100 ms and double. */
  readonly maxReconnectDelayMs?: number;
}

/**
 * The process's one connection to Redis, shared by the result cache, the rate limiter and Slack's event
 * de-duplication. Redis is an accelerator here, never a dependency the bot stops for: while it is away every
 * command fails at once (no offline queue, no waiting for a connection), callers fall back, and the client
 * reconnects with backoff in the background. The outage is logged once when it starts and once when it ends.
 *
 * @example
 * const redis = new RedisConnection('redis://127.0.0.1:6379', logger);
 * const value = await redis.run((client) => client.get('key')); // undefined while Redis is away
 */
export class RedisConnection {
  readonly client: RedisClient;
  private state: 'connecting' | 'up' | 'down' | 'closed' = 'connecting';
  private downSince = Date.now();
  private readonly commandTimeoutMs: number;

  constructor(url: string, private readonly logger: Logger, options: RedisConnectionOptions = {}) {
    this.commandTimeoutMs = options.commandTimeoutMs ?? 500;
    const maxDelay = options.maxReconnectDelayMs ?? 2_000;
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, maxDelay) },
    });
    this.client.on('error', (error: unknown) => this.markDown(error));
    this.client.on('ready', () => this.markUp());
    this.client.on('end', () => this.markDown(new Error('connection closed')));
    this.client.connect().catch((error: unknown) => this.markDown(error));
  }

  /** True while commands can reach Redis; `/healthz` and `/metrics` report it. */
  isUp(): boolean {
    return this.state === 'up' && this.client.isReady;
  }

  /**
   * Runs one command with a time limit. Resolves `undefined` when Redis is away, the command fails or it takes
   * longer than the limit: every caller has a fallback, so none of these is the user's problem.
   */
  async run<T>(command: (client: RedisClient) => Promise<T>): Promise<T | undefined> {
    if (!this.isUp()) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn({ dependency: 'redis', ms: this.commandTimeoutMs }, 'redis command timed out: falling back');
        resolve(undefined);
      }, this.commandTimeoutMs);
    });
    try {
      return await Promise.race([command(this.client), timeout]);
    } catch (error) {
      this.logger.debug({ dependency: 'redis', err: errorFields(error) }, 'redis command failed: falling back');
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.state = 'closed';
    if (this.client.isReady) await this.client.quit().catch(() => this.client.disconnect().catch(() => {}));
    else await this.client.disconnect().catch(() => {});
  }

  private markUp(): void {
    if (this.state === 'up' || this.state === 'closed') return;
    const outageMs = this.state === 'down' ? Date.now() - this.downSince : undefined;
    this.state = 'up';
    this.logger.info({ dependency: 'redis', outageMs }, 'redis connected: shared cache, rate limits and de-duplication in use');
  }

  private markDown(error: unknown): void {
    if (this.state === 'down' || this.state === 'closed') return;
    this.state = 'down';
    this.downSince = Date.now();
    this.logger.warn(
      { dependency: 'redis', err: errorFields(error) },
      'redis unavailable: answering without it (cache misses compute, rate limits open, de-duplication in memory) until it returns',
    );
  }
}
