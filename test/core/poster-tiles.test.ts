import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cutPosterTiles } from '../../src/core/image.js';
import { findPosterTiles } from '../../src/core/poster-tiles.js';
import { boxOverlap, postersInGrid, posterOnPage, texturedPoster } from '../helpers/framed-poster.js';

async function rgb(picture: Buffer) {
  const { data, info } = await sharp(picture).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

describe('finding several posters in one picture', () => {
  it('finds a row of four ("four favourites") in reading order', async () => {
    const { picture, placed } = await postersInGrid({ rows: 1, columns: 4 });
    const tiles = findPosterTiles(await rgb(picture));
    expect(tiles).toHaveLength(4);
    tiles.forEach((tile, i) => expect(boxOverlap(tile, placed[i]!)).toBeGreaterThan(0.9));
  });

  it('finds a 2 x 3 grid on white, left to right then top to bottom', async () => {
    const { picture, placed } = await postersInGrid({ rows: 2, columns: 3, background: '#ffffff', gap: 10 });
    const tiles = findPosterTiles(await rgb(picture));
    expect(tiles).toHaveLength(6);
    tiles.forEach((tile, i) => expect(boxOverlap(tile, placed[i]!)).toBeGreaterThan(0.9));
  });

  it('keeps a poster whose edge is the background colour: its cell of the grid', async () => {
    const { picture, placed } = await postersInGrid({ rows: 2, columns: 2, edgeLikeBackground: [3] });
    const tiles = findPosterTiles(await rgb(picture));
    expect(tiles).toHaveLength(4);
    expect(boxOverlap(tiles[3]!, placed[3]!)).toBeGreaterThan(0.8);
  });

  it('takes back up to half as many posters as it found whole (two of a 2 x 3 grid eaten into)', async () => {
    const { picture, placed } = await postersInGrid({ rows: 2, columns: 3, edgeLikeBackground: [4, 5] });
    const tiles = findPosterTiles(await rgb(picture));
    expect(tiles).toHaveLength(6);
    tiles.forEach((tile, i) => expect(boxOverlap(tile, placed[i]!)).toBeGreaterThan(0.8));
  });

  it('finds a pair where one poster has a corner of the background colour: the other, whole, sets the size', async () => {
    const { picture, placed } = await postersInGrid({ rows: 1, columns: 2 });
    const corner = await sharp({ create: { width: 105, height: 80, channels: 3, background: '#14181c' } }).png().toBuffer();
    const eaten = await sharp(picture).composite([{ input: corner, left: placed[1]!.left, top: placed[1]!.top }]).png().toBuffer();
    const tiles = findPosterTiles(await rgb(eaten));
    expect(tiles).toHaveLength(2);
    tiles.forEach((tile, i) => expect(boxOverlap(tile, placed[i]!)).toBeGreaterThan(0.9));
  });

  it('cuts posters only a thin line apart', async () => {
    const { picture } = await postersInGrid({ rows: 1, columns: 3, gap: 1 });
    expect(findPosterTiles(await rgb(picture))).toHaveLength(3);
  });

  it('leaves one poster, a poster in a page and a landscape picture whole', async () => {
    expect(findPosterTiles(await rgb(await texturedPoster(300, 450)))).toEqual([]);
    expect(findPosterTiles(await rgb(await posterOnPage({ left: 300, top: 100, width: 200, height: 300 })))).toEqual([]);
    expect(findPosterTiles(await rgb(await texturedPoster(600, 300, 'landscape')))).toEqual([]);
  });

  it('leaves whole a poster of its own panels: blocks of unlike sizes, or not in rows', async () => {
    const panels = await sharp({ create: { width: 400, height: 600, channels: 3, background: '#f4f0e8' } }).composite([
      { input: await texturedPoster(180, 260, 'a'), left: 20, top: 20 },
      { input: await texturedPoster(120, 170, 'b'), left: 240, top: 140 },
      { input: await texturedPoster(300, 200, 'c'), left: 50, top: 360 },
    ]).png().toBuffer();
    expect(findPosterTiles(await rgb(panels))).toEqual([]);
  });

  it('finds every poster of a wall, and cuts out the first ten: as many as one reply shows', async () => {
    const { picture, placed } = await postersInGrid({ rows: 3, columns: 4, poster: { width: 80, height: 120 } });
    const tiles = findPosterTiles(await rgb(picture));
    expect(tiles).toHaveLength(12);
    tiles.forEach((tile, i) => expect(boxOverlap(tile, placed[i]!)).toBeGreaterThan(0.9));
    const { found, tiles: cut } = await cutPosterTiles(picture);
    expect([found, cut.length]).toEqual([12, 10]);
  });

  it('cuts each poster out at full size, a JPEG of the poster alone', async () => {
    const { picture, placed } = await postersInGrid({ rows: 1, columns: 2, poster: { width: 300, height: 450 } });
    const { found, tiles } = await cutPosterTiles(picture);
    expect([found, tiles.length]).toEqual([2, 2]);
    for (const tile of tiles) {
      const meta = await sharp(tile).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.abs(meta.width! - placed[0]!.width)).toBeLessThanOrEqual(6);
      expect(Math.abs(meta.height! - placed[0]!.height)).toBeLessThanOrEqual(6);
    }
    expect(await cutPosterTiles(await texturedPoster(300, 450))).toEqual({ found: 0, tiles: [] });
  });

  it('shrinks the cut-outs of a big picture to 768 px, small enough for ten to go in one chat message', async () => {
    const { picture } = await postersInGrid({ rows: 1, columns: 2, poster: { width: 1000, height: 1500 }, gap: 40 });
    const sizes = await Promise.all((await cutPosterTiles(picture)).tiles.map(async (tile) => (await sharp(tile).metadata()).height));
    expect(sizes).toEqual([768, 768]);
  });
});
