import { createHash } from 'node:crypto';
import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';

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

/** Results cache: Redis when `cacheUrl` is given (shared by every process), else bounded process memory. */
export function createResultCache(cacheUrl: string | undefined, capacity = 10_000): Keyv {
  const store = cacheUrl === undefined ? new BoundedMap<unknown>(capacity) : new KeyvRedis(cacheUrl);
  return new Keyv({ store, namespace: 'moviebot' });
}

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** Reviews that differ only in spacing, case or Unicode form are the same review. */
export const normaliseReview = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
