/**
 * Reads the Stanford Large Movie Review Dataset (aclImdb) in its published layout, `.../{pos,neg}/<id>_<rating>.txt`,
 * from the `.tar.gz` as distributed (streamed, never extracted) or from a folder it was extracted to.
 *
 * @example
 * const { reviews, skipped } = await loadReviews('/data/aclImdb_train.tar.gz');
 * const { train, validation } = splitReviews(reviews, 0.1);
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Parser, type ReadEntry } from 'tar';
import { splitByHash } from './split.js';
import { errorMessage } from '../util/error-message.js';

export type Polarity = 'pos' | 'neg';

export interface Review {
  /** `pos/123`: aclImdb numbers each polarity folder from 0, so the number alone repeats. */
  readonly id: string;
  readonly polarity: Polarity;
  /** The reviewer's 1-10 rating, from the file name. */
  readonly rating: number;
  readonly text: string;
}

export interface LoadedReviews {
  readonly reviews: Review[];
  /** Files inside a `pos`/`neg` folder whose name is not `<id>_<rating>.txt` with a rating matching the folder. */
  readonly skipped: string[];
}

export class ReviewDataError extends Error {
  override name = 'ReviewDataError';
}

const REVIEW_PATH = /(?:^|\/)(pos|neg)\/([^/]+)$/;
const REVIEW_NAME = /^(\d+)_(\d+)\.txt$/;
const LINE_BREAK_TAG = /<br\s*\/?>/gi;

type Parsed = { review: Omit<Review, 'text'> } | { malformed: true } | { ignored: true };

/** Classifies an archive or folder path; files outside `pos`/`neg` (imdb.vocab, README, unsup/) are ignored. */
export function parseReviewPath(path: string): Parsed {
  const folderMatch = REVIEW_PATH.exec(path.split(sep).join('/'));
  if (!folderMatch) return { ignored: true };
  const polarity = folderMatch[1] as Polarity;
  const nameMatch = REVIEW_NAME.exec(folderMatch[2] ?? '');
  if (!nameMatch) return { malformed: true };
  const rating = Number(nameMatch[2]);
  const ratingFitsFolder = polarity === 'pos' ? rating >= 7 && rating <= 10 : rating >= 1 && rating <= 4;
  if (!ratingFitsFolder) return { malformed: true };
  return { review: { id: `${polarity}/${nameMatch[1]}`, polarity, rating } };
}

export function cleanReviewText(raw: string): string {
  return raw.replace(LINE_BREAK_TAG, ' ').trim();
}

async function loadFromArchive(file: string): Promise<LoadedReviews> {
  const reviews: Review[] = [];
  const skipped: string[] = [];
  const onReadEntry = (entry: ReadEntry): void => {
    const parsed = entry.type === 'File' ? parseReviewPath(entry.path) : { ignored: true as const };
    if ('ignored' in parsed) return void entry.resume();
    if ('malformed' in parsed) {
      skipped.push(entry.path);
      return void entry.resume();
    }
    const chunks: Buffer[] = [];
    entry.on('data', (chunk: Buffer) => chunks.push(chunk));
    entry.on('end', () => reviews.push({ ...parsed.review, text: cleanReviewText(Buffer.concat(chunks).toString('utf8')) }));
  };
  try {
    await pipeline(createReadStream(file), new Parser({ onReadEntry, strict: true }));
  } catch (error) {
    throw new ReviewDataError(`Cannot read review archive ${file}: ${errorMessage(error)}`);
  }
  return { reviews, skipped };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function loadFromFolder(dir: string): Promise<LoadedReviews> {
  const reviews: Review[] = [];
  const skipped: string[] = [];
  for (const file of await listFiles(dir)) {
    const path = relative(dir, file);
    const parsed = parseReviewPath(path);
    if ('ignored' in parsed) continue;
    if ('malformed' in parsed) skipped.push(path);
    else reviews.push({ ...parsed.review, text: cleanReviewText(await readFile(file, 'utf8')) });
  }
  return { reviews, skipped };
}

/**
 * Loads every review under `path` (a `.tar.gz`/`.tar` archive or a folder), sorted by id so that the order never
 * depends on the archive. Malformed names are skipped and listed; a missing path or a path without any review throws.
 */
export async function loadReviews(path: string): Promise<LoadedReviews> {
  const info = await stat(path).catch(() => {
    throw new ReviewDataError(`Review data not found: ${path} (expected aclImdb .tar.gz or a folder with pos/ and neg/)`);
  });
  const loaded = info.isDirectory() ? await loadFromFolder(path) : await loadFromArchive(path);
  if (loaded.reviews.length === 0) {
    throw new ReviewDataError(`No reviews found in ${path}: expected files named pos/<id>_<rating>.txt and neg/<id>_<rating>.txt`);
  }
  loaded.reviews.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return loaded;
}

export function splitReviews(reviews: readonly Review[], validationFraction: number, seed?: string): { train: Review[]; validation: Review[] } {
  return splitByHash(reviews, (review) => review.id, validationFraction, seed);
}
