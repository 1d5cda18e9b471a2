import type { Keyv } from 'keyv';
import { posterThumbnail } from './heatmap-overlay.js';

/** A day to ask "Why?" about an answer; after that the poster must be sent again. */
const KEEP_MS = 24 * 3600 * 1000;

/**
 * The posters behind recent chat answers, kept as small JPEGs so the "Why?" button can draw a heat map on demand
 * (a backward pass nobody pays for until they ask) without the poster being posted again. Keyed by the image's
 * SHA-256, which the button carries.
 */
export class RecentPosters {
  constructor(private readonly store: Keyv) {}

  async keep(imageSha256: string, bytes: Uint8Array): Promise<void> {
    const thumbnail = await posterThumbnail(bytes);
    await this.store.set(imageSha256, thumbnail.toString('base64'), KEEP_MS);
  }

  async find(imageSha256: string): Promise<Uint8Array | undefined> {
    const stored = (await this.store.get(imageSha256)) as string | undefined;
    return stored === undefined ? undefined : Buffer.from(stored, 'base64');
  }

  /**
   * Claims the one answer of a refusal's "Read it anyway" button (`buttonId`: where the refusal is): true for the
   * first press, false after it, so a second press (impatience, or someone else under a refusal in a thread) does
   * not post the same card again. Not atomic: two presses in the same instant may both win.
   */
  async claimReadAnyway(imageSha256: string, buttonId: string): Promise<boolean> {
    const key = readAnywayKey(imageSha256, buttonId);
    if ((await this.store.get(key)) !== undefined) return false;
    await this.store.set(key, true, KEEP_MS);
    return true;
  }

  /** Gives the claim back when its answer failed (busy, slow down), so the button works again. */
  async releaseReadAnyway(imageSha256: string, buttonId: string): Promise<void> {
    await this.store.delete(readAnywayKey(imageSha256, buttonId));
  }
}

const readAnywayKey = (imageSha256: string, buttonId: string) => `read-anyway:${buttonId}:${imageSha256}`;
