/**
 * Reads the Kaggle "movie-classifier" poster set in its published layout: `train.csv` (`Id`, `Genre`, then one
 * 0/1 column per genre) beside `Images/<Id>.jpg`, with ratings joined from {@link ./ratings.ts}.
 *
 * @example
 * const data = await loadPosterDataset('/data/movie-posters');
 * const { train, validation } = splitPosters(data.posters);
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GENRES } from '../core/genres.js';
import { parseCsv } from './csv.js';
import { loadRatings } from './ratings.js';
import { splitByHash } from './split.js';

export const LABEL_FILE = 'train.csv';
export const IMAGE_DIR = 'Images';
/** Share of posters held out for validation, chosen by id hash. */
export const POSTER_VALIDATION_FRACTION = 0.18;
export const POSTER_SPLIT_SEED = 'moviebot-posters';

export interface Poster {
  /** IMDb id, e.g. `tt0086425`. */
  readonly id: string;
  readonly imagePath: string;
  /** 0/1 per genre, in {@link GENRES} order. */
  readonly genres: readonly number[];
  /** IMDb score, when either rating source has the title. */
  readonly rating: number | undefined;
}

export interface PosterDataset {
  readonly posters: Poster[];
  /** `train.csv:<line>: <reason>` for each skipped row. */
  readonly badRows: string[];
  readonly ratingSources: { movieGenre: number; imdb: number; missingFiles: string[]; badRows: number };
}

export class PosterDataError extends Error {
  override name = 'PosterDataError';
}

async function requireDirectory(path: string, what: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) throw new PosterDataError(`${what} not found: ${path} is not a folder`);
}

function genreColumns(header: readonly string[]): number[] {
  const indices = GENRES.map((genre) => header.indexOf(genre));
  const missing = GENRES.filter((_, i) => indices[i]! < 0);
  if (header[0] !== 'Id' || missing.length > 0) {
    throw new PosterDataError(
      `${LABEL_FILE} is not in the Kaggle layout (Id, Genre, 25 genre columns): ` +
        (header[0] !== 'Id' ? `first column is "${header[0] ?? ''}"` : `missing ${missing.join(', ')}`),
    );
  }
  return indices;
}

function parseRow(fields: readonly string[], columns: readonly number[], width: number): { id: string; genres: number[] } | string {
  if (fields.length !== width) return `expected ${width} fields, found ${fields.length}`;
  const id = fields[0]!.trim();
  if (!/^tt\d+$/.test(id)) return `bad Id "${id}"`;
  const genres = columns.map((c) => fields[c]!.trim());
  const bad = genres.find((value) => value !== '0' && value !== '1');
  if (bad !== undefined) return `genre value "${bad}" is not 0 or 1`;
  return { id, genres: genres.map(Number) };
}

/**
 * Loads labels and ratings. A missing folder or label file, or a header not in the Kaggle layout, throws
 * {@link PosterDataError}; malformed rows and repeated ids are skipped and listed in `badRows`. Images are
 * not opened here: training skips and counts the unreadable ones when it decodes them.
 */
export async function loadPosterDataset(dir: string): Promise<PosterDataset> {
  await requireDirectory(dir, 'Poster data folder');
  await requireDirectory(join(dir, IMAGE_DIR), `Poster image folder "${IMAGE_DIR}"`);
  const labelPath = join(dir, LABEL_FILE);
  const text = await readFile(labelPath, 'utf8').catch((error: Error) => {
    throw new PosterDataError(`Cannot read the poster label file ${labelPath}: ${error.message}`);
  });
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new PosterDataError(`${labelPath} is empty`);
  const columns = genreColumns(header.fields.map((name) => name.trim()));
  const sources = await loadRatings(dir);
  const posters: Poster[] = [];
  const badRows: string[] = [];
  const seen = new Set<string>();
  for (const { line, fields } of rows) {
    const parsed = parseRow(fields, columns, header.fields.length);
    const problem = typeof parsed === 'string' ? parsed : seen.has(parsed.id) ? `repeated Id ${parsed.id}` : undefined;
    if (problem !== undefined || typeof parsed === 'string') {
      badRows.push(`${LABEL_FILE}:${line}: ${problem}`);
      continue;
    }
    seen.add(parsed.id);
    posters.push({
      id: parsed.id,
      imagePath: join(dir, IMAGE_DIR, `${parsed.id}.jpg`),
      genres: parsed.genres,
      rating: sources.ratings.get(parsed.id),
    });
  }
  if (posters.length === 0) throw new PosterDataError(`${labelPath} has no usable rows (${badRows.length} bad)`);
  return {
    posters,
    badRows,
    ratingSources: {
      movieGenre: sources.fromMovieGenre,
      imdb: sources.fromImdb,
      missingFiles: sources.missingFiles,
      badRows: sources.badRows.length,
    },
  };
}

/** The deterministic train/validation split every poster script uses. */
export function splitPosters<T extends { id: string }>(posters: readonly T[]): { train: T[]; validation: T[] } {
  return splitByHash(posters, (poster) => poster.id, POSTER_VALIDATION_FRACTION, POSTER_SPLIT_SEED);
}
