import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cutPosterTiles } from '../../../src/core/image.js';
import { GRID_SHAPES, MAX_GRID_POSTERS, posterGrid, WALL_SHAPE } from '../../../src/ml/training/poster/poster-grids.js';
import { texturedPoster } from '../../helpers/framed-poster.js';

const posters = () => Promise.all(Array.from({ length: MAX_GRID_POSTERS }, (_, i) => texturedPoster(200, 300, `grid-${i}`)));

describe('pictures of several posters for the tile finder evaluation', () => {
  it('is the same picture for the same seed, and lays out a shape it names', async () => {
    const files = await posters();
    const [a, b] = await Promise.all([posterGrid(files, 3), posterGrid(files, 3)]);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(GRID_SHAPES.some(([rows, columns]) => rows === a.rows && columns === a.columns)).toBe(true);
    expect(a.count).toBe(a.rows * a.columns);
  });

  it('draws pictures the tile finder cuts into as many posters as they show', async () => {
    const files = await posters();
    const grids = await Promise.all([1, 2, 3, 4, 5, 6].map((seed) => posterGrid(files, seed)));
    const found = await Promise.all(grids.map(async (grid) => (await cutPosterTiles(grid.bytes)).found));
    // Layouts, backgrounds and encodings vary, so one may be read whole; most must be cut right.
    expect(found.filter((count, i) => count === grids[i]!.count).length).toBeGreaterThanOrEqual(4);
    for (const grid of grids) expect(['png', 'jpeg']).toContain((await sharp(grid.bytes).metadata()).format);
  });

  it('lays out a wall in the shape asked for, the tile finder finding all of it', async () => {
    const files = await Promise.all(Array.from({ length: 20 }, (_, i) => texturedPoster(150, 225, `wall-${i}`)));
    const wall = await posterGrid(files, 4, WALL_SHAPE);
    expect([wall.rows, wall.columns, wall.count]).toEqual([5, 4, 20]);
    expect((await cutPosterTiles(wall.bytes)).tiles).toHaveLength(10);
  });

  it('says how many posters it needs', async () => {
    await expect(posterGrid([await texturedPoster(100, 150, 'only')], 1)).rejects.toThrow(/needs \d+ posters, got 1/);
  });
});
