import type { ImageReplyMode } from '../config.js';
import type { Platform } from './command.js';

/** What the bot answered, saved when a poster answer is posted, so later votes know what they judge. */
export interface AnswerRecord {
  /** The bot's reply message id on the platform (or a uuid in local mode). */
  readonly answerId: string;
  readonly imageSha256: string;
  readonly top3: ReadonlyArray<readonly [string, number]>;
  readonly rating: number;
  readonly modelVersion: string;
  readonly platform: Platform;
  /** Guild (Discord) or team (Slack) id. */
  readonly serverId?: string;
  readonly channelId?: string;
}

export type Verdict = 'up' | 'down';

/** One person's vote on one answer: the answer it judges, and never the person's id. */
export interface FeedbackRecord extends AnswerRecord {
  /** Keyed hash of `platform:userId` (see user-hash.ts): the same person gets the same hash, nobody can reverse it. */
  readonly userHash: string;
  readonly verdict: Verdict;
  /** Genres the voter says the poster has, in GENRES order; empty unless a 👎 was followed by a correction. */
  readonly correctedGenres: readonly string[];
  /** ISO time of the vote's last change. */
  readonly at: string;
  /** Whether the store holds the poster's bytes (only with FEEDBACK_KEEP_IMAGES=true). */
  readonly imageKept: boolean;
}

/**
 * Channel settings and feedback votes, as the bot core uses them; src/store/ keeps them in SQLite under DATA_DIR or
 * in PostgreSQL (DATABASE_URL).
 *
 * @example
 * const store = await openStore(config, logger);
 * await store.rememberAnswer({ answerId: reply.id, imageSha256, top3, rating, modelVersion, platform: 'discord' }, bytes);
 * await store.vote(reply.id, 'discord', user.id, 'down');
 * await store.correct(reply.id, 'discord', user.id, ['Horror', 'Thriller']);
 * await store.close(); // on SIGTERM: writes in flight finish first
 */
export interface BotStore {
  /** The mode an admin chose for the channel, or undefined when nobody chose (use config.imageReplies). */
  imageReplyMode(platform: Platform, channelId: string): Promise<ImageReplyMode | undefined>;
  setImageReplyMode(platform: Platform, channelId: string, mode: ImageReplyMode): Promise<void>;
  /** Saves an answer; `image` is kept only when config.feedback.keepImages is true. Saving the same answer twice is a no-op. */
  rememberAnswer(answer: AnswerRecord, image?: Uint8Array): Promise<void>;
  /** One vote per user per answer, a new vote replacing the old; 👍 drops an earlier correction. Undefined for an unknown answer. */
  vote(answerId: string, platform: Platform, userId: string, verdict: Verdict): Promise<FeedbackRecord | undefined>;
  /** Votes 👎 with the genres the poster really has (names from GENRES; throws StoreInputError otherwise). */
  correct(answerId: string, platform: Platform, userId: string, genres: readonly string[]): Promise<FeedbackRecord | undefined>;
  /** Deletes the user's votes on every answer (and images kept only for them); returns how many votes went. */
  forgetUser(platform: Platform, userId: string): Promise<number>;
  /** Waits for the writes in flight, then closes; later calls reject. */
  close(): Promise<void>;
}

