import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePoster } from '../../../src/core/image.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { loadPosterPredictor, type DisposablePosterPredictor } from '../../../src/ml/serving/poster/predictor.js';
import { genreOverlap } from '../../../src/ml/serving/poster/recognise.js';
import { loadSimilarIndex } from '../../../src/ml/serving/poster/similar-index.js';

/** The shipped models: look-alikes come in the index's order, the card's genres weighed in. */
describe('look-alikes of the shipped models', () => {
  let predictor: DisposablePosterPredictor;
  beforeAll(async () => {
    await initBackend('wasm');
    predictor = await loadPosterPredictor('models');
  });
  afterAll(() => predictor?.dispose());

  it('orders them by similarity plus the genre weight times their overlap with the top three', async () => {
    const index = (await loadSimilarIndex('models'))!;
    const { lookAlike } = index.metadata;
    index.dispose();
    expect(lookAlike?.genreWeight).toBeGreaterThan(0);
    const posters = await Promise.all(['#aa2222', '#2a6b9c', '#e8d8b0'].map(async (background) =>
      decodePoster(await sharp({ create: { width: 200, height: 300, channels: 3, background } })
        .composite([{ input: Buffer.from('<svg width="200" height="60"><text x="10" y="45" font-size="40" fill="black">NIGHT</text></svg>'), top: 20, left: 0 }])
        .png().toBuffer(), predictor.inputSize)));
    for (const result of await predictor.predict(posters)) {
      const top3 = result.top3.map(([genre]) => genre);
      const scores = result.similar!.map((poster) => poster.similarity + lookAlike!.genreWeight * genreOverlap(top3, poster.genres!));
      expect(scores).toHaveLength(3);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  }, 60_000);
});
