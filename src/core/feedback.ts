import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import { errorFields } from '../util/error-message.js';
import type { BotStore, Verdict } from './bot-store.js';
import type { Requester } from './command.js';
import { GENRES } from './genres.js';
import type { PosterResult } from './predictions.js';
import { privateNotice, type Reply } from './reply.js';

/** Posters in the training data have one to three genres; a correction says the same. */
export const MAX_CORRECTED_GENRES = 3;

const NOT_COLLECTING = privateNotice('Feedback is not being collected on this bot.', 'error');
const UNKNOWN_ANSWER = privateNotice("I no longer have that answer on record, so I can't take a vote on it.", 'error');

/**
 * Votes on poster answers: every answer is remembered with an id the 👍/👎 buttons carry; a vote replaces the
 * same person's earlier one; 👎 asks which genres the poster really has. Records hold a keyed hash of the user,
 * never the id (see src/store/).
 */
export class FeedbackDesk {
  constructor(
    private readonly store: BotStore | undefined,
    private readonly logger: Logger,
    private readonly options: { readonly modelVersion: string; readonly keepImages: boolean },
  ) {}

  /**
   * Saves the answer for later votes; returns its id, or undefined when it cannot be voted on. Only chat answers
   * carry 👍/👎, so the local page and API write nothing (a store write per request would buy no vote).
   */
  async remember(result: PosterResult, imageSha256: string, bytes: Uint8Array, requester: Requester): Promise<string | undefined> {
    if (this.store === undefined || requester.platform === 'local') return undefined;
    const answerId = randomUUID();
    const { platform, place } = requester;
    const answer = { answerId, imageSha256, top3: result.top3, rating: result.rating, modelVersion: this.options.modelVersion, platform, serverId: place?.serverId, channelId: place?.channelId };
    try {
      await this.store.rememberAnswer(answer, this.options.keepImages ? bytes : undefined);
      return answerId;
    } catch (error) {
      this.logger.warn({ err: errorFields(error) }, 'could not record the answer: no feedback buttons on it');
      return undefined;
    }
  }

  async vote(answerId: string, requester: Requester, verdict: Verdict): Promise<Reply> {
    if (this.store === undefined) return NOT_COLLECTING;
    const record = await this.store.vote(answerId, requester.platform, requester.userId, verdict);
    if (record === undefined) return UNKNOWN_ANSWER;
    if (verdict === 'up') return privateNotice('Thanks! Noted that this answer was right.');
    return { kind: 'correction', answerId, text: `Thanks. Which genres is this poster really? Pick up to ${MAX_CORRECTED_GENRES}.` };
  }

  async correct(answerId: string, requester: Requester, genres: readonly string[]): Promise<Reply> {
    if (this.store === undefined) return NOT_COLLECTING;
    const unknown = genres.filter((genre) => !(GENRES as readonly string[]).includes(genre));
    if (genres.length === 0 || genres.length > MAX_CORRECTED_GENRES || unknown.length > 0) {
      return privateNotice(`Pick one to ${MAX_CORRECTED_GENRES} of the listed genres.`, 'error');
    }
    const record = await this.store.correct(answerId, requester.platform, requester.userId, genres);
    if (record === undefined) return UNKNOWN_ANSWER;
    return privateNotice(`Thanks! Recorded: ${genres.join(', ')}.`);
  }

  async forget(requester: Requester): Promise<Reply> {
    if (this.store === undefined) return privateNotice('This bot keeps no feedback, so there was nothing of yours to delete.');
    const count = await this.store.forgetUser(requester.platform, requester.userId);
    const votes = count === 1 ? '1 vote' : `${count} votes`;
    return privateNotice(`Deleted ${votes} of yours, everywhere this bot keeps feedback.`);
  }
}
