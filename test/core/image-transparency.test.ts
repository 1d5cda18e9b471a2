import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodePoster } from '../../src/core/image.js';
import { texturedPoster } from '../helpers/framed-poster.js';

describe('decodePoster and transparency', () => {
  it('shows transparent areas on white, not black', async () => {
    // A busy poster with a transparent window: its edge is not a plain background, so it is read whole.
    const poster = await texturedPoster(48, 72, 'window');
    const window = await sharp({ create: { width: 16, height: 24, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
    const holed = await sharp(poster).ensureAlpha().composite([{ input: window, left: 16, top: 24, blend: 'dest-out' }]).png().toBuffer();
    const pixels = await decodePoster(holed, 12);
    const centre = [...pixels.subarray((6 * 12 + 6) * 3, (6 * 12 + 6) * 3 + 3)];
    expect(Math.min(...centre)).toBeGreaterThan(240);
  });

  it('cuts a poster out of a wide transparent border rather than reading the border', async () => {
    const red = await sharp({ create: { width: 20, height: 30, channels: 4, background: { r: 220, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
    const bordered = await sharp(red).extend({ top: 30, bottom: 30, left: 30, right: 30, background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
    const pixels = await decodePoster(bordered, 16);
    const redPixels = Array.from({ length: 16 * 16 }, (_, i) => pixels[i * 3]! > 200 && pixels[i * 3 + 1]! < 60).filter(Boolean).length;
    expect(redPixels / (16 * 16)).toBeGreaterThan(0.8);
  });

  it('leaves an opaque poster as it is', async () => {
    const opaque = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 10, g: 20, b: 30 } } }).png().toBuffer();
    expect([...(await decodePoster(opaque, 16)).subarray(0, 3)]).toEqual([10, 20, 30]);
  });
});
