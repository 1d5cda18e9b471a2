/**
 * IMDb ratings for posters: `MovieGenre.csv` (Kaggle "Movie Genre from its Poster", latin-1, integer `imdbId`,
 * `IMDB Score`) first, then IMDb's own `title.ratings.tsv` (`tconst`, `averageRating`) for titles it lacks.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsv } from './csv.js';
import { errorMessage } from '../util/error-message.js';

export const MOVIE_GENRE_FILE = 'MovieGenre.csv';
export const IMDB_RATINGS_FILE = 'title.ratings.tsv';

export interface RatingSources {
  /** tt id -> rating, MovieGenre.csv winning over title.ratings.tsv. */
  readonly ratings: Map<string, number>;
  readonly fromMovieGenre: number;
  readonly fromImdb: number;
  /** Rows of either file without a usable id or a rating in 1-10, with the reason. */
  readonly badRows: string[];
  /** Files that were absent (both are optional; a poster then simply has no rating). */
  readonly missingFiles: string[];
}

/** `114709` -> `tt0114709`: IMDb pads ids to at least seven digits. */
export function imdbIdFromNumber(value: string): string | undefined {
  const digits = value.trim().replace(/^tt/, '');
  return /^\d{1,9}$/.test(digits) ? `tt${digits.padStart(7, '0')}` : undefined;
}

function parseRating(value: string | undefined): number | undefined {
  const rating = Number(value?.trim());
  return value?.trim() !== '' && Number.isFinite(rating) && rating >= 1 && rating <= 10 ? rating : undefined;
}

async function readOptional(path: string, encoding: BufferEncoding): Promise<string | undefined> {
  try {
    return await readFile(path, encoding);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${path}: ${errorMessage(error)}`);
  }
}

function columnIndex(header: readonly string[], name: string, file: string): number {
  const index = header.findIndex((column) => column.trim().toLowerCase() === name.toLowerCase());
  if (index < 0) throw new Error(`${file} has no "${name}" column (columns: ${header.join(', ')})`);
  return index;
}

function addRatings(
  rows: Array<{ line: number; fields: string[] }>,
  file: string,
  idColumn: string,
  ratingColumn: string,
  into: Map<string, number>,
  badRows: string[],
): number {
  const [header, ...body] = rows;
  if (!header) return 0;
  const idAt = columnIndex(header.fields, idColumn, file);
  const ratingAt = columnIndex(header.fields, ratingColumn, file);
  let added = 0;
  for (const { line, fields } of body) {
    const id = imdbIdFromNumber(fields[idAt] ?? '');
    const rating = parseRating(fields[ratingAt]);
    if (id === undefined || rating === undefined) {
      badRows.push(`${file}:${line}: ${id === undefined ? `bad id "${fields[idAt] ?? ''}"` : `bad rating "${fields[ratingAt] ?? ''}"`}`);
    } else if (!into.has(id)) {
      into.set(id, rating);
      added++;
    }
  }
  return added;
}

export async function loadRatings(dir: string): Promise<RatingSources> {
  const ratings = new Map<string, number>();
  const badRows: string[] = [];
  const missingFiles: string[] = [];
  const movieGenre = await readOptional(join(dir, MOVIE_GENRE_FILE), 'latin1');
  const fromMovieGenre = movieGenre === undefined
    ? (missingFiles.push(MOVIE_GENRE_FILE), 0)
    : addRatings(parseCsv(movieGenre), MOVIE_GENRE_FILE, 'imdbId', 'IMDB Score', ratings, badRows);
  const imdb = await readOptional(join(dir, IMDB_RATINGS_FILE), 'utf8');
  const fromImdb = imdb === undefined
    ? (missingFiles.push(IMDB_RATINGS_FILE), 0)
    : addRatings(parseCsv(imdb, '\t'), IMDB_RATINGS_FILE, 'tconst', 'averageRating', ratings, badRows);
  return { ratings, fromMovieGenre, fromImdb, badRows, missingFiles };
}
