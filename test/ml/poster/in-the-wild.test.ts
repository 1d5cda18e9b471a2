import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { locatePoster } from '../../../src/core/image.js';
import { inTheWild, WILD_KINDS } from '../../../src/ml/training/poster/in-the-wild.js';
import { boxOverlap, texturedPoster } from '../../helpers/framed-poster.js';

describe('posters in the wild know where the poster is, and the poster finder finds it', () => {
  it('gives every kind a box inside the picture', async () => {
    const poster = await texturedPoster(200, 300, 'wild-box');
    for (const kind of WILD_KINDS) {
      const { poster: box } = await inTheWild(poster, kind, 5);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.left + box.width).toBeLessThanOrEqual(1 + 1e-9);
      expect(box.top + box.height).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it.each(['phone-photo', 'screenshot', 'transparent-png'] as const)('finds the poster of a %s where the generator put it', async (kind) => {
    const poster = await texturedPoster(240, 360, `wild-${kind}`);
    const wild = await inTheWild(poster, kind, 11);
    const region = await locatePoster(wild.bytes);
    const { width = 1, height = 1 } = await sharp(wild.bytes).metadata();
    expect(region).toBeDefined();
    const found = { left: region!.left / width, top: region!.top / height, width: region!.width / width, height: region!.height / height };
    expect(boxOverlap(found, wild.poster)).toBeGreaterThan(0.8);
  });
});
