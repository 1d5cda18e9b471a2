import type { AnswerRecord, BotStore as BotCoreStore, FeedbackRecord, Verdict } from '../core/bot-store.js';
import type { Platform } from '../core/command.js';

export type { AnswerRecord, FeedbackRecord, Platform, Verdict };
export const PLATFORMS: readonly Platform[] = ['discord', 'slack', 'local'];

/** The store as operators and training see it too: the core's settings and votes, plus export and kept images. */
export interface BotStore extends BotCoreStore {
  /** Every vote with its answer, oldest vote first. */
  exportFeedback(): AsyncIterable<FeedbackRecord>;
  keptImage(imageSha256: string): Promise<Uint8Array | undefined>;
}

/** A caller passed something the store refuses (an unknown genre, an image that does not match its hash). */
export class StoreInputError extends Error {
  override name = 'StoreInputError';
}
