import { createHash } from 'node:crypto';
import { IMAGE_REPLY_MODES } from '../config.js';
import { checkedGenres, FEEDBACK_SELECT, feedbackRecord, type FeedbackRow } from './feedback-rows.js';
import { type AnswerRecord, type BotStore, type FeedbackRecord, type Platform, StoreInputError, type Verdict } from './records.js';
import { purgeUnvoted } from './schema.js';
import type { SqlDriver, SqlRunner } from './sql-driver.js';
import { userHash } from './user-hash.js';

export interface RepositoryOptions {
  readonly userHashKey: Uint8Array;
  readonly keepImages: boolean;
  readonly now?: () => Date;
}

/** Rows per page of the export, so exporting a large store never holds it all in memory. */
const EXPORT_PAGE = 500;

/**
 * A plain 👎 keeps an earlier correction (a second click must not erase it); 👍 and a new correction replace it.
 */
const UPSERT_VOTE = `
  INSERT INTO votes (platform, answer_id, user_hash, verdict, corrected_genres, voted_at) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (platform, answer_id, user_hash) DO UPDATE SET
    verdict = excluded.verdict, voted_at = excluded.voted_at,
    corrected_genres = CASE WHEN excluded.verdict = 'down' AND excluded.corrected_genres = '[]'
                            THEN votes.corrected_genres ELSE excluded.corrected_genres END`;

/** The one implementation of {@link BotStore}, over whichever database `driver` reaches. */
export function createRepository(driver: SqlDriver, options: RepositoryOptions): BotStore & { purgeNow(): ReturnType<typeof purgeUnvoted> } {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const hashOf = (platform: Platform, userId: string) => userHash(options.userHashKey, platform, userId);
  const calls = callTracker();
  const tracked = calls.tracked;

  const saveVote = (answerId: string, platform: Platform, userId: string, verdict: Verdict, genres: readonly string[]) =>
    driver.transaction(async (tx) => {
      const [answer] = await tx.all('SELECT 1 AS found FROM answers WHERE platform = ? AND answer_id = ?', [platform, answerId]);
      if (answer === undefined) return undefined;
      const hash = hashOf(platform, userId);
      await tx.run(UPSERT_VOTE, [platform, answerId, hash, verdict, JSON.stringify(genres), now()]);
      const [row] = await tx.all<FeedbackRow>(`${FEEDBACK_SELECT} WHERE v.platform = ? AND v.answer_id = ? AND v.user_hash = ?`, [platform, answerId, hash]);
      return row && feedbackRecord(row);
    });

  return {
    imageReplyMode: (platform, channelId) =>
      tracked(async () => {
        const [row] = await driver.all<{ image_replies: string }>(
          'SELECT image_replies FROM channel_settings WHERE platform = ? AND channel_id = ?', [platform, channelId]);
        return IMAGE_REPLY_MODES.find((mode) => mode === row?.image_replies);
      }),
    setImageReplyMode: (platform, channelId, mode) =>
      tracked(async () => {
        if (!IMAGE_REPLY_MODES.includes(mode)) throw new StoreInputError(`Unknown image reply mode "${String(mode)}"`);
        await driver.run(
          `INSERT INTO channel_settings (platform, channel_id, image_replies, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (platform, channel_id) DO UPDATE SET image_replies = excluded.image_replies, updated_at = excluded.updated_at`,
          [platform, channelId, mode, now()]);
      }),
    rememberAnswer: (answer, image) => tracked(() => driver.transaction((tx) => insertAnswer(tx, answer, options.keepImages ? image : undefined, now()))),
    vote: (answerId, platform, userId, verdict) => tracked(() => saveVote(answerId, platform, userId, verdict, [])),
    correct: (answerId, platform, userId, genres) => tracked(() => saveVote(answerId, platform, userId, 'down', checkedGenres(genres))),
    exportFeedback: () => exportPages(driver),
    keptImage: (imageSha256) =>
      tracked(async () => {
        const [row] = await driver.all<{ bytes: Uint8Array }>('SELECT bytes FROM kept_images WHERE image_sha256 = ?', [imageSha256]);
        return row?.bytes;
      }),
    forgetUser: (platform, userId) => tracked(() => driver.transaction((tx) => deleteVotesOf(tx, platform, hashOf(platform, userId)))),
    purgeNow: () => tracked(() => purgeUnvoted(driver, options.now?.())),
    close: () => calls.close(() => driver.close()),
  };
}

/**
 * Counts the calls in flight so close() can wait for them: a vote clicked just before SIGTERM is written, and
 * calls after close() reject instead of reaching a closed database.
 */
function callTracker() {
  const inFlight = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;
  return {
    tracked: <T>(work: () => Promise<T>): Promise<T> => {
      if (closing !== undefined) return Promise.reject(new Error('The store is closed'));
      // Started on the next tick but counted now, and a synchronous throw (a bad genre) becomes a rejection.
      const promise = Promise.resolve().then(work);
      inFlight.add(promise);
      void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
      return promise;
    },
    close: (closeDatabase: () => Promise<void>): Promise<void> => {
      closing ??= Promise.allSettled([...inFlight]).then(closeDatabase);
      return closing;
    },
  };
}

async function insertAnswer(tx: SqlRunner, answer: AnswerRecord, image: Uint8Array | undefined, at: string): Promise<void> {
  if (image !== undefined && createHash('sha256').update(image).digest('hex') !== answer.imageSha256) {
    throw new StoreInputError(`The image given with answer ${answer.answerId} does not hash to its imageSha256`);
  }
  await tx.run(
    `INSERT INTO answers (platform, answer_id, image_sha256, top3, rating, model_version, server_id, channel_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, answer_id) DO NOTHING`,
    [answer.platform, answer.answerId, answer.imageSha256, JSON.stringify(answer.top3), answer.rating, answer.modelVersion,
      answer.serverId ?? null, answer.channelId ?? null, at]);
  if (image !== undefined) {
    await tx.run('INSERT INTO kept_images (image_sha256, bytes, kept_at) VALUES (?, ?, ?) ON CONFLICT (image_sha256) DO NOTHING',
      [answer.imageSha256, image, at]);
  }
}

/** Deletes the votes, then the kept images that no remaining vote needs. */
async function deleteVotesOf(tx: SqlRunner, platform: Platform, hash: string): Promise<number> {
  const images = await tx.all<{ image_sha256: string }>(
    `SELECT DISTINCT a.image_sha256 FROM votes v JOIN answers a ON a.platform = v.platform AND a.answer_id = v.answer_id
     WHERE v.platform = ? AND v.user_hash = ?`, [platform, hash]);
  const deleted = await tx.run('DELETE FROM votes WHERE platform = ? AND user_hash = ?', [platform, hash]);
  for (const { image_sha256: sha } of images) {
    await tx.run(
      `DELETE FROM kept_images WHERE image_sha256 = ? AND NOT EXISTS (SELECT 1 FROM answers a JOIN votes v
         ON v.platform = a.platform AND v.answer_id = a.answer_id WHERE a.image_sha256 = ?)`, [sha, sha]);
  }
  return deleted;
}

/** Pages through the votes in (time, key) order, resuming after the last row of each page. */
async function* exportPages(driver: SqlDriver): AsyncGenerator<FeedbackRecord> {
  let after: FeedbackRow | undefined;
  for (;;) {
    const rows = await driver.all<FeedbackRow>(
      after === undefined
        ? `${FEEDBACK_SELECT} ORDER BY v.voted_at, v.platform, v.answer_id, v.user_hash LIMIT ${EXPORT_PAGE}`
        : `${FEEDBACK_SELECT} WHERE (v.voted_at, v.platform, v.answer_id, v.user_hash) > (?, ?, ?, ?)
           ORDER BY v.voted_at, v.platform, v.answer_id, v.user_hash LIMIT ${EXPORT_PAGE}`,
      after === undefined ? [] : [after.voted_at, after.platform, after.answer_id, after.user_hash]);
    yield* rows.map(feedbackRecord);
    if (rows.length < EXPORT_PAGE) return;
    after = rows.at(-1);
  }
}
