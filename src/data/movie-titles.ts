/**
 * Titles and years from `MovieGenre.csv` (latin-1, integer `imdbId`, `Title` like "Toy Story (1995)"), for
 * naming the posters the "looks like" index returns.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsv } from './csv.js';
import { imdbIdFromNumber, MOVIE_GENRE_FILE } from './ratings.js';

export interface MovieTitle {
  readonly title: string;
  /** Absent when the title carries no "(YYYY)". */
  readonly year?: number;
}

/** "Toy Story (1995)" -> { title: "Toy Story", year: 1995 }; a title without a year keeps its whole text. */
export function parseMovieTitle(text: string): MovieTitle {
  const match = /^(.*?)\s*\((\d{4})\)\s*$/.exec(text.trim());
  return match ? { title: match[1]!, year: Number(match[2]) } : { title: text.trim() };
}

/** Every titled row of `<dir>/MovieGenre.csv` by IMDb id (`tt0114709`); the first row of a repeated id wins. */
export async function loadMovieTitles(dir: string): Promise<Map<string, MovieTitle>> {
  const [header, ...rows] = parseCsv(await readFile(join(dir, MOVIE_GENRE_FILE), 'latin1'));
  const columns = header?.fields.map((name) => name.trim().toLowerCase()) ?? [];
  const idAt = columns.indexOf('imdbid');
  const titleAt = columns.indexOf('title');
  if (idAt < 0 || titleAt < 0) throw new Error(`${MOVIE_GENRE_FILE} needs imdbId and Title columns`);
  const titles = new Map<string, MovieTitle>();
  for (const { fields } of rows) {
    const id = imdbIdFromNumber(fields[idAt] ?? '');
    const title = fields[titleAt]?.trim();
    if (id !== undefined && title && !titles.has(id)) titles.set(id, parseMovieTitle(title));
  }
  return titles;
}
