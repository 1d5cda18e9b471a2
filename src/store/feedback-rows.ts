import { GENRES } from '../core/genres.js';
import type { FeedbackRecord, Platform, Verdict } from './records.js';
import { StoreInputError } from './records.js';

/** A vote joined with its answer, and whether the poster's bytes are kept; callers add WHERE / ORDER BY. */
export const FEEDBACK_SELECT = `
  SELECT v.platform, v.answer_id, v.user_hash, v.verdict, v.corrected_genres, v.voted_at,
         a.image_sha256, a.top3, a.rating, a.model_version, a.server_id, a.channel_id,
         CASE WHEN EXISTS (SELECT 1 FROM kept_images k WHERE k.image_sha256 = a.image_sha256) THEN 1 ELSE 0 END AS image_kept
  FROM votes v JOIN answers a ON a.platform = v.platform AND a.answer_id = v.answer_id`;

export interface FeedbackRow {
  readonly platform: string;
  readonly answer_id: string;
  readonly user_hash: string;
  readonly verdict: string;
  readonly corrected_genres: string;
  readonly voted_at: string;
  readonly image_sha256: string;
  readonly top3: string;
  readonly rating: number;
  readonly model_version: string;
  readonly server_id: string | null;
  readonly channel_id: string | null;
  readonly image_kept: number;
}

export function feedbackRecord(row: FeedbackRow): FeedbackRecord {
  return {
    answerId: row.answer_id,
    imageSha256: row.image_sha256,
    top3: JSON.parse(row.top3) as Array<[string, number]>,
    rating: Number(row.rating),
    modelVersion: row.model_version,
    platform: row.platform as Platform,
    ...(row.server_id === null ? {} : { serverId: row.server_id }),
    ...(row.channel_id === null ? {} : { channelId: row.channel_id }),
    userHash: row.user_hash,
    verdict: row.verdict as Verdict,
    correctedGenres: JSON.parse(row.corrected_genres) as string[],
    at: row.voted_at,
    imageKept: Number(row.image_kept) === 1,
  };
}

/** The corrected genres in GENRES order without repeats; throws on none or on a name that is not a genre. */
export function checkedGenres(genres: readonly string[]): string[] {
  const known = new Set<string>(GENRES);
  const unknown = genres.filter((genre) => !known.has(genre));
  if (unknown.length > 0) throw new StoreInputError(`Not genres: ${unknown.join(', ')} (the genres are ${GENRES.join(', ')})`);
  if (genres.length === 0) throw new StoreInputError('A correction needs at least one genre');
  return GENRES.filter((genre) => genres.includes(genre));
}
