import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Keyv } from 'keyv';
import type { RedisConnection } from './redis-connection.js';

/** A Map that forgets its oldest entry past `capacity`: the embedded store must not grow for weeks. */
class BoundedMap<V> extends Map<string, V> {
  constructor(private readonly capacity: number) {
    super();
  }

  override set(key: string, value: V): this {
    this.delete(key);
    super.set(key, value);
    if (this.size > this.capacity) this.delete(this.keys().next().value as string);
    return this;
  }
}

/**
 * A Keyv store on the process's {@link RedisConnection}: every command is time-limited and fails open, so while
 * Redis is away a lookup is a miss (the model answers) and a write is skipped, instead of a request hanging.
 */
class RedisStore extends EventEmitter {
  readonly opts = { dialect: 'redis' };
  namespace: string | undefined;

  constructor(private readonly redis: RedisConnection) {
    super();
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.run((client) => client.get(key))) ?? undefined;
  }

  async set(key: string, value: string, ttl?: number): Promise<void> {
    await this.redis.run((client) => client.set(key, value, ttl === undefined ? {} : { PX: ttl }));
  }

  async delete(key: string): Promise<boolean> {
    return ((await this.redis.run((client) => client.del(key))) ?? 0) > 0;
  }

  /** Never flushes a shared Redis: the cache's keys expire on their own. */
  async clear(): Promise<void> {}
}

/**
 * Results cache: on Redis when the process has a connection (shared by every process), else bounded memory.
 * `namespace` keeps apart caches of different things on one Redis.
 */
export function createResultCache(redis: RedisConnection | undefined, { capacity = 10_000, namespace = 'moviebot' } = {}): Keyv {
  const store = redis === undefined ? new BoundedMap<unknown>(capacity) : new RedisStore(redis);
  return new Keyv({ store, namespace });
}

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** Reviews that differ only in spacing, case or Unicode form are the same review. */
export const normaliseReview = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
