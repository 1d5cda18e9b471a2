/**
 * Posters people corrected through the bot's feedback, read from `npm run feedback -- export --images DIR`, as
 * extra genre training rows. They only ever join the training part: validation stays the data set's own split,
 * so scores stay comparable between runs with and without feedback.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { GENRES } from '../../../core/genres.js';
import { type Poster, splitPosters } from '../../../data/posters.js';

const FEEDBACK_ID_PREFIX = 'feedback-';

/** Feedback posters are named by their image hash: the same image is one row, and its cached features stay valid. */
export const isFeedbackPoster = (id: string): boolean => id.startsWith(FEEDBACK_ID_PREFIX);

export interface FeedbackPosters {
  readonly posters: Poster[];
  /** Votes that were not corrections, corrections whose image was not kept, and unreadable lines (`line N: why`). */
  readonly skipped: { readonly notCorrected: number; readonly noImage: number; readonly badLines: string[] };
}

interface Correction {
  readonly imageSha256: string;
  readonly image: string;
  readonly genres: readonly string[];
  readonly at: string;
}

/** A line's correction, 'not corrected' / 'no image' for lines that carry none, or why the line is unusable. */
function parseLine(text: string, baseDir: string): Correction | 'not corrected' | 'no image' | Error {
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return new Error('not JSON');
  }
  const { imageSha256, correctedGenres, image, at } = line;
  if (typeof imageSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(imageSha256)) return new Error('no imageSha256');
  if (!Array.isArray(correctedGenres)) return new Error('no correctedGenres');
  if (correctedGenres.length === 0) return 'not corrected';
  const unknown = correctedGenres.filter((genre) => !(GENRES as readonly unknown[]).includes(genre));
  if (unknown.length > 0) return new Error(`unknown genres ${unknown.join(', ')}`);
  if (typeof image !== 'string') return 'no image';
  return { imageSha256, image: resolve(baseDir, image), genres: correctedGenres as string[], at: typeof at === 'string' ? at : '' };
}

/**
 * Reads a feedback export. Each corrected image becomes one poster labelled with its latest correction;
 * images are not opened here (training records unreadable ones, as for the data set).
 */
export async function readFeedbackPosters(file: string): Promise<FeedbackPosters> {
  const latest = new Map<string, Correction>();
  const skipped = { notCorrected: 0, noImage: 0, badLines: [] as string[] };
  const lines = (await readFile(file, 'utf8')).split('\n');
  lines.forEach((text, index) => {
    if (text.trim() === '') return;
    const parsed = parseLine(text, dirname(file));
    if (parsed === 'not corrected') skipped.notCorrected += 1;
    else if (parsed === 'no image') skipped.noImage += 1;
    else if (parsed instanceof Error) skipped.badLines.push(`line ${index + 1}: ${parsed.message}`);
    else if ((latest.get(parsed.imageSha256)?.at ?? '') <= parsed.at) latest.set(parsed.imageSha256, parsed);
  });
  const posters = [...latest.values()].map((correction) => ({
    id: `${FEEDBACK_ID_PREFIX}${correction.imageSha256}`,
    imagePath: correction.image,
    genres: GENRES.map((genre) => (correction.genres.includes(genre) ? 1 : 0)),
    rating: undefined,
  }));
  return { posters, skipped };
}

/**
 * Drops feedback posters whose image is byte for byte one of `validation`'s posters: training on a validation
 * image, under whatever label, would make the validation score a lie.
 */
export async function withoutValidationImages(feedback: readonly Poster[], validation: readonly Poster[]): Promise<Poster[]> {
  if (feedback.length === 0) return [];
  const validationHashes = new Set<string>();
  for (const poster of validation) {
    const bytes = await readFile(poster.imagePath).catch(() => undefined);
    if (bytes !== undefined) validationHashes.add(createHash('sha256').update(bytes).digest('hex'));
  }
  return feedback.filter((poster) => !validationHashes.has(poster.id.slice(FEEDBACK_ID_PREFIX.length)));
}

/** The feedback posters a training run adds for the genre task, with one log line saying what was left out and why. */
export async function feedbackTrainingPosters(file: string, dataset: readonly Poster[], log: (message: string) => void): Promise<Poster[]> {
  const { posters, skipped } = await readFeedbackPosters(file);
  const kept = await withoutValidationImages(posters, splitPosters(dataset).validation);
  log(`feedback ${file}: ${kept.length} corrected posters join the training part; left out: ${posters.length - kept.length} ` +
    `validation images, ${skipped.noImage} corrections without a kept image, ${skipped.notCorrected} votes without a correction, ` +
    `${skipped.badLines.length} bad lines${skipped.badLines.length > 0 ? ` (${skipped.badLines.slice(0, 3).join('; ')})` : ''}`);
  return kept;
}
