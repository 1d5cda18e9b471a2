import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENRES } from '../../src/core/genres.js';
import { parseCsv } from '../../src/data/csv.js';
import { loadPosterDataset, PosterDataError, splitPosters } from '../../src/data/posters.js';
import { imdbIdFromNumber, loadRatings } from '../../src/data/ratings.js';
import { createPosterFixture, type PosterFixture } from '../ml/poster/poster-fixture.js';

describe('poster data loaders', () => {
  let fixture: PosterFixture;
  beforeAll(async () => {
    fixture = await createPosterFixture();
  });
  afterAll(async () => rm(fixture.dir, { recursive: true, force: true }));

  it('reads the Kaggle label file: ids, image paths and the 25 genres in column order', async () => {
    const data = await loadPosterDataset(fixture.dir);
    expect(data.posters.map((p) => p.id)).toEqual([...fixture.readableIds, fixture.unreadableId]);
    const first = data.posters[0]!;
    expect(first.imagePath).toBe(join(fixture.dir, 'Images', 'tt0000100.jpg'));
    expect(first.genres).toHaveLength(GENRES.length);
    expect(GENRES.filter((_, i) => first.genres[i] === 1)).toEqual(['Action', 'Sci-Fi']);
    expect(GENRES.filter((_, i) => data.posters[1]!.genres[i] === 1)).toEqual(['Drama', 'N/A']);
  });

  it('skips bad rows and names their line and reason', async () => {
    const { badRows } = await loadPosterDataset(fixture.dir);
    expect(badRows).toHaveLength(2);
    expect(badRows[0]).toMatch(/^train\.csv:4: expected 27 fields, found 4$/);
    expect(badRows[1]).toMatch(/^train\.csv:6: genre value "7" is not 0 or 1$/);
  });

  it('takes ratings from latin-1 MovieGenre.csv first and falls back to title.ratings.tsv', async () => {
    const { posters } = await loadPosterDataset(fixture.dir);
    const rating = (id: string) => posters.find((p) => p.id === id)?.rating;
    expect(rating('tt0000100')).toBe(8.3); // both files: MovieGenre wins over the tsv's 1.0
    expect(rating('tt0000101')).toBe(6.1); // no score in MovieGenre: tsv
    expect(rating('tt0000102')).toBe(5.5); // title with doubled quotes parsed
    expect(rating('tt0000103')).toBe(7.4);
    expect(rating('tt0000104')).toBeUndefined();
    const sources = await loadRatings(fixture.dir);
    expect(sources.badRows).toEqual(['MovieGenre.csv:3: bad rating ""']);
  });

  it('pads integer IMDb ids to seven digits', () => {
    expect(imdbIdFromNumber('114709')).toBe('tt0114709');
    expect(imdbIdFromNumber('10000000')).toBe('tt10000000');
    expect(imdbIdFromNumber('abc')).toBeUndefined();
  });

  it('fails clearly on a missing folder, a missing Images folder or a label file in another layout', async () => {
    await expect(loadPosterDataset(join(fixture.dir, 'nope'))).rejects.toThrow(/Poster data folder not found/);
    const bare = await mkdtemp(join(tmpdir(), 'posters-bare-'));
    await expect(loadPosterDataset(bare)).rejects.toThrow(/Poster image folder "Images" not found/);
    await mkdir(join(bare, 'Images'));
    await expect(loadPosterDataset(bare)).rejects.toThrow(PosterDataError);
    await writeFile(join(bare, 'train.csv'), 'Id,Genre,Action\ntt1,"[]",1\n');
    await expect(loadPosterDataset(bare)).rejects.toThrow(/not in the Kaggle layout.*missing Adventure/);
    await rm(bare, { recursive: true, force: true });
  });

  it('splits by id hash: deterministic and independent of order', async () => {
    const ids = Array.from({ length: 400 }, (_, i) => ({ id: `tt${i}` }));
    const a = splitPosters(ids);
    const b = splitPosters([...ids].reverse());
    expect(new Set(a.validation.map((p) => p.id))).toEqual(new Set(b.validation.map((p) => p.id)));
    expect(a.validation.length / ids.length).toBeGreaterThan(0.1);
    expect(a.validation.length / ids.length).toBeLessThan(0.26);
  });

  it('parses CSV with quoted commas, doubled quotes, line breaks inside quotes and CRLF', () => {
    const rows = parseCsv('a,"b,c","say ""hi"""\r\n1,"two\nlines",3\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b,c', 'say "hi"'] },
      { line: 2, fields: ['1', 'two\nlines', '3'] },
    ]);
  });
});
