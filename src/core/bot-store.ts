import type { ImageReplyMode } from '../config.js';
import type { Platform } from './command.js';

/** What the bot answered for one poster, kept so a later vote on that answer knows what it judges. */
export interface AnswerRecord {
  readonly answerId: string;
  readonly imageSha256: string;
  readonly top3: ReadonlyArray<readonly [string, number]>;
  readonly rating: number;
  readonly modelVersion: string;
  readonly platform: Platform;
  readonly serverId?: string;
  readonly channelId?: string;
}

export type Verdict = 'up' | 'down';

/** One person's vote on one answer; the user appears only as a keyed hash. */
export interface FeedbackRecord extends AnswerRecord {
  readonly userHash: string;
  readonly verdict: Verdict;
  readonly correctedGenres: readonly string[];
  readonly at: string;
  readonly imageKept: boolean;
}

/**
 * Where channel settings and feedback live (the embedded store or PostgreSQL, see src/store/). The core needs
 * only this much of it.
 */
export interface BotStore {
  imageReplyMode(platform: Platform, channelId: string): Promise<ImageReplyMode | undefined>;
  setImageReplyMode(platform: Platform, channelId: string, mode: ImageReplyMode): Promise<void>;
  rememberAnswer(answer: AnswerRecord, image?: Uint8Array): Promise<void>;
  vote(answerId: string, platform: Platform, userId: string, verdict: Verdict): Promise<FeedbackRecord | undefined>;
  correct(answerId: string, platform: Platform, userId: string, genres: readonly string[]): Promise<FeedbackRecord | undefined>;
  forgetUser(platform: Platform, userId: string): Promise<number>;
  close(): Promise<void>;
}
