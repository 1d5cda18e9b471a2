import type { ImageReplyMode } from '../../src/config.js';
import type { AnswerRecord, BotStore, FeedbackRecord, Verdict } from '../../src/core/bot-store.js';
import type { Platform } from '../../src/core/command.js';

/** A BotStore in memory, for adapter tests that need settings and votes but not persistence. */
export class MemoryStore implements BotStore {
  readonly modes = new Map<string, ImageReplyMode>();
  readonly answers = new Map<string, AnswerRecord>();
  readonly votes = new Map<string, FeedbackRecord>();

  async imageReplyMode(platform: Platform, channelId: string): Promise<ImageReplyMode | undefined> {
    return this.modes.get(`${platform}:${channelId}`);
  }

  async setImageReplyMode(platform: Platform, channelId: string, mode: ImageReplyMode): Promise<void> {
    this.modes.set(`${platform}:${channelId}`, mode);
  }

  async rememberAnswer(answer: AnswerRecord): Promise<void> {
    this.answers.set(answer.answerId, answer);
  }

  async vote(answerId: string, platform: Platform, userId: string, verdict: Verdict): Promise<FeedbackRecord | undefined> {
    return this.record(answerId, platform, userId, verdict, []);
  }

  async correct(answerId: string, platform: Platform, userId: string, genres: readonly string[]): Promise<FeedbackRecord | undefined> {
    return this.record(answerId, platform, userId, 'down', genres);
  }

  async forgetUser(platform: Platform, userId: string): Promise<number> {
    const mine = [...this.votes.keys()].filter((key) => key.endsWith(`|${platform}:${userId}`));
    for (const key of mine) this.votes.delete(key);
    return mine.length;
  }

  async close(): Promise<void> {}

  private record(answerId: string, platform: Platform, userId: string, verdict: Verdict, correctedGenres: readonly string[]): FeedbackRecord | undefined {
    const answer = this.answers.get(answerId);
    if (answer === undefined) return undefined;
    const record = { ...answer, userHash: `hash-of-${platform}:${userId}`, verdict, correctedGenres, at: new Date().toISOString(), imageKept: false };
    this.votes.set(`${answerId}|${platform}:${userId}`, record);
    return record;
  }
}
