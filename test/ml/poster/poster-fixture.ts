import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { GENRES } from '../../../src/core/genres.js';

export interface PosterFixture {
  readonly dir: string;
  /** Ids with a readable image, in file order. */
  readonly readableIds: string[];
  readonly unreadableId: string;
}

function labelRow(id: string, genres: readonly string[]): string {
  const list = `"[${genres.map((g) => `'${g}'`).join(', ')}]"`;
  return [id, list, ...GENRES.map((g) => (genres.includes(g) ? '1' : '0'))].join(',');
}

/**
 * A poster folder in the real layouts: Kaggle train.csv (with two bad rows), Images/ with small generated JPEGs
 * (one of them garbage), a latin-1 MovieGenre.csv and a title.ratings.tsv.
 */
export async function createPosterFixture(count = 12): Promise<PosterFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'posters-'));
  await mkdir(join(dir, 'Images'));
  const ids = Array.from({ length: count }, (_, i) => `tt${String(100 + i).padStart(7, '0')}`);
  const rows = ids.map((id, i) => labelRow(id, i % 2 === 0 ? ['Action', 'Sci-Fi'] : ['Drama', 'N/A']));
  const unreadableId = 'tt0999999';
  rows.push(labelRow(unreadableId, ['Comedy']));
  rows.splice(2, 0, 'tt0000bad,"[]",1,0');
  rows.splice(4, 0, labelRow('tt0000777', ['Horror']).replace(/,0$/, ',7'));
  const header = ['Id', 'Genre', ...GENRES].join(',');
  await writeFile(join(dir, 'train.csv'), `${header}\n${rows.join('\n')}\n`);
  await Promise.all(ids.map((id, i) =>
    sharp({ create: { width: 30 + i, height: 45, channels: 3, background: i % 2 === 0 ? { r: 200, g: 20, b: 20 } : { r: 20, g: 20, b: 200 } } })
      .jpeg()
      .toFile(join(dir, 'Images', `${id}.jpg`))));
  await writeFile(join(dir, 'Images', `${unreadableId}.jpg`), 'this is not a jpeg');
  // MovieGenre.csv: integer ids, latin-1 titles with quoted commas; one row with no score, one rating for id 101.
  const movieGenre = [
    'imdbId,Imdb Link,Title,IMDB Score,Genre,Poster',
    `100,http://www.imdb.com/title/tt100,"Amélie, le film (2001)",8.3,Comedy|Romance,"https://x/a.jpg"`,
    '101,http://www.imdb.com/title/tt101,No score (1999),,Drama,https://x/b.jpg',
    '102,http://www.imdb.com/title/tt102,"Señor ""Quoted"" (2003)",5.5,Drama,https://x/c.jpg',
  ].join('\r\n');
  await writeFile(join(dir, 'MovieGenre.csv'), Buffer.from(movieGenre, 'latin1'));
  await writeFile(join(dir, 'title.ratings.tsv'), 'tconst\taverageRating\tnumVotes\ntt0000100\t1.0\t10\ntt0000101\t6.1\t20\ntt0000103\t7.4\t30\n');
  return { dir, readableIds: ids, unreadableId };
}
