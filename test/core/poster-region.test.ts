import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodePoster, decodePosterRegion, locatePoster } from '../../src/core/image.js';
import { findPosterRegion, openMask } from '../../src/core/poster-region.js';
import { boxOverlap, posterOnPage, texturedPoster } from '../helpers/framed-poster.js';

describe('finding the poster in the picture', () => {
  it('cuts a poster in a web page back to roughly the poster', async () => {
    const placed = { left: 420, top: 120, width: 240, height: 360 };
    const region = await locatePoster(await posterOnPage(placed));
    expect(region).toBeDefined();
    expect(boxOverlap(region!, placed)).toBeGreaterThan(0.9);
  });

  it('cuts a poster out of a transparent margin (shown on white)', async () => {
    const poster = await texturedPoster(200, 300);
    const margin = { top: 40, bottom: 60, left: 50, right: 30, background: { r: 0, g: 0, b: 0, alpha: 0 } };
    const region = await locatePoster(await sharp(poster).ensureAlpha().extend(margin).png().toBuffer());
    expect(boxOverlap(region!, { left: 50, top: 40, width: 200, height: 300 })).toBeGreaterThan(0.9);
  });

  it('leaves a clean poster whole, with exactly the pixels of a plain resize', async () => {
    const poster = await texturedPoster(300, 450, 'clean');
    const decoded = await decodePosterRegion(poster, 32);
    expect(decoded.region).toBeUndefined();
    const plain = await sharp(poster).resize(32, 32, { fit: 'fill' }).raw().toBuffer();
    expect(Buffer.from(decoded.pixels).equals(plain)).toBe(true);
  });

  it('leaves a plain colour or a landscape photo-like picture whole', async () => {
    const flat = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } }).png().toBuffer();
    expect(await locatePoster(flat)).toBeUndefined();
    expect(await locatePoster(await texturedPoster(600, 300, 'landscape'))).toBeUndefined();
  });

  it('reads only the poster: the decoded pixels come from inside it', async () => {
    const placed = { left: 300, top: 100, width: 200, height: 300 };
    const pixels = await decodePoster(await posterOnPage(placed), 16);
    const pageWhite = [...pixels.subarray(0, 3)].every((channel) => channel > 240);
    expect(pageWhite).toBe(false);
  });

  it('opening erases lines thinner than its square and keeps solid blocks', () => {
    const [width, height] = [20, 12];
    const mask = new Uint8Array(width * height);
    for (let x = 0; x < width; x++) mask[2 * width + x] = 1;
    for (let y = 5; y < 11; y++) for (let x = 4; x < 12; x++) mask[y * width + x] = 1;
    const opened = openMask(mask, width, height, 3);
    expect(opened[2 * width + 10]).toBe(0);
    expect(opened.reduce((sum, v) => sum + v, 0)).toBe(6 * 8);
  });

  it('needs a solid block: a ring of scattered specks on a plain page is not a poster', () => {
    const [width, height] = [60, 60];
    const data = new Uint8Array(width * height * 3).fill(250);
    for (let i = 0; i < 40; i++) data.fill(0, ((10 + (i % 8) * 5) * width + 10 + Math.floor(i / 8) * 9) * 3, ((10 + (i % 8) * 5) * width + 12 + Math.floor(i / 8) * 9) * 3);
    expect(findPosterRegion({ width, height, data })).toBeUndefined();
  });
});
