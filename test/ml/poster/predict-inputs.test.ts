import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandFolders } from '../../../src/ml/serving/poster/predict-inputs.js';

describe('predict inputs: folders', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'predict-inputs-'));
    await mkdir(join(dir, 'posters', 'more'), { recursive: true });
    await mkdir(join(dir, 'posters', '.thumbnails'));
    await mkdir(join(dir, 'empty'));
    for (const file of ['posters/b.jpg', 'posters/a.png', 'posters/more/c.webp', 'posters/.DS_Store', 'posters/.thumbnails/a.png', 'single.jpg']) {
      await writeFile(join(dir, file), 'x');
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('replaces a folder with the files under it in name order, hidden ones left out, other inputs kept in place', async () => {
    const inputs = [join(dir, 'single.jpg'), join(dir, 'posters'), 'https://example.com/p.jpg', join(dir, 'missing.jpg')];
    expect(await expandFolders(inputs)).toEqual([
      join(dir, 'single.jpg'),
      join(dir, 'posters', 'a.png'),
      join(dir, 'posters', 'b.jpg'),
      join(dir, 'posters', 'more', 'c.webp'),
      'https://example.com/p.jpg',
      join(dir, 'missing.jpg'),
    ]);
  });

  it('reads a folder given in any spelling (./, a trailing slash)', async () => {
    const spelled = `${dir}/./posters/`;
    expect(await expandFolders([spelled])).toEqual(['a.png', 'b.jpg', join('more', 'c.webp')].map((file) => join(dir, 'posters', file)));
  });

  it('keeps an empty folder as an input, to be reported', async () => {
    expect(await expandFolders([join(dir, 'empty')])).toEqual([join(dir, 'empty')]);
  });
});
