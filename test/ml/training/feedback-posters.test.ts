import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENRES } from '../../../src/core/genres.js';
import { type Poster, splitPosters } from '../../../src/data/posters.js';
import { feedbackTrainingPosters, isFeedbackPoster, readFeedbackPosters } from '../../../src/ml/training/poster/feedback-posters.js';
import { taskRows } from '../../../src/ml/training/poster/poster-rows.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const oneHot = (...genres: string[]) => GENRES.map((genre) => (genres.includes(genre) ? 1 : 0));

/** A line as `npm run feedback -- export --images images` writes it (only the fields training reads matter). */
const line = (image: string, correctedGenres: string[], at: string, withImage = true) =>
  JSON.stringify({
    answerId: `r-${at}`, imageSha256: sha(image), top3: [['Drama', 0.5]], rating: 6, modelVersion: 'v', platform: 'discord',
    userHash: 'ab', verdict: correctedGenres.length > 0 ? 'down' : 'up', correctedGenres, at, imageKept: withImage,
    ...(withImage ? { image: `images/${sha(image)}.jpg` } : {}),
  });

describe('posters from feedback', () => {
  let folder: string;
  let file: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'moviebot-feedback-posters-'));
    file = join(folder, 'feedback.jsonl');
    await writeFile(file, [
      line('alien', ['Horror'], '2026-11-01T10:00:00.000Z'),
      line('alien', ['Horror', 'Sci-Fi'], '2026-11-02T10:00:00.000Z'),
      line('alien', ['Action'], '2026-10-30T10:00:00.000Z'),
      line('heat', [], '2026-11-01T11:00:00.000Z'),
      line('up', ['Comedy'], '2026-11-01T12:00:00.000Z', false),
      line('odd', ['Cartoon'], '2026-11-01T13:00:00.000Z'),
      '{not json',
      '',
    ].join('\n'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('makes one poster per corrected, kept image, labelled with its latest correction, and counts the rest', async () => {
    const { posters, skipped } = await readFeedbackPosters(file);
    expect(posters).toEqual([
      { id: `feedback-${sha('alien')}`, imagePath: join(folder, 'images', `${sha('alien')}.jpg`), genres: oneHot('Horror', 'Sci-Fi'), rating: undefined },
    ]);
    expect(skipped).toEqual({ notCorrected: 1, noImage: 1, badLines: ['line 6: unknown genres Cartoon', 'line 7: not JSON'] });
  });

  it('puts feedback posters in the training part whatever their id hash, and gives them no rating rows', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `feedback-${sha(String(i))}`);
    const posters = new Map(ids.map((id) => [id, { id, imagePath: '', genres: oneHot('Drama'), rating: undefined } satisfies Poster]));
    expect(taskRows('genre', ids, posters)).toMatchObject({ validation: [], train: ids.map((_, row) => row) });
    expect(taskRows('rating', ids, posters)).toMatchObject({ validation: [], train: [] });
    expect(ids.every(isFeedbackPoster)).toBe(true);
  });

  it('leaves out a corrected image that is byte for byte a validation poster of the data set', async () => {
    const dataset: Poster[] = Array.from({ length: 40 }, (_, i) => ({
      id: `tt${String(i).padStart(7, '0')}`, imagePath: join(folder, `tt${i}.jpg`), genres: oneHot('Drama'), rating: undefined,
    }));
    const inValidation = splitPosters(dataset).validation[0]!;
    await writeFile(inValidation.imagePath, 'alien');
    const logs: string[] = [];
    expect(await feedbackTrainingPosters(file, dataset, (message) => logs.push(message))).toEqual([]);
    expect(logs[0]).toContain('0 corrected posters join the training part; left out: 1 validation images');
    await writeFile(inValidation.imagePath, 'another poster');
    expect(await feedbackTrainingPosters(file, dataset, () => {})).toHaveLength(1);
  });
});
