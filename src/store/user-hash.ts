import { createHmac } from 'node:crypto';
import type { Platform } from './records.js';

/**
 * What the store keeps instead of a user id: HMAC-SHA256 of `platform:userId` under the deployment's secret key
 * (made on the first open, kept in the store). Without the key, ids cannot be recovered by hashing every
 * candidate id, as they could from a plain hash.
 */
export function userHash(key: Uint8Array, platform: Platform, userId: string): string {
  return createHmac('sha256', key).update(`${platform}:${userId}`).digest('hex');
}
