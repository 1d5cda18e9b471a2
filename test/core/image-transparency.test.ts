import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodePoster } from '../../src/core/image.js';

describe('decodePoster and transparency', () => {
  it('shows a transparent border on white, not black', async () => {
    const red = await sharp({ create: { width: 20, height: 30, channels: 4, background: { r: 220, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
    const bordered = await sharp(red).extend({ top: 30, bottom: 30, left: 30, right: 30, background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
    const pixels = await decodePoster(bordered, 16);
    const corner = [...pixels.subarray(0, 3)];
    const centre = [...pixels.subarray((8 * 16 + 8) * 3, (8 * 16 + 8) * 3 + 3)];
    expect(corner).toEqual([255, 255, 255]);
    expect(centre[0]).toBeGreaterThan(200);
    expect(centre[1]).toBeLessThan(30);
  });

  it('leaves an opaque poster as it is', async () => {
    const opaque = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 10, g: 20, b: 30 } } }).png().toBuffer();
    expect([...(await decodePoster(opaque, 16)).subarray(0, 3)]).toEqual([10, 20, 30]);
  });
});
