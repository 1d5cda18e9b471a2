import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePoster } from '../../../src/core/image.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { DEFAULT_BACKBONE } from '../../../src/ml/serving/poster/backbone.js';
import { meanOverViews, viewBatch } from '../../../src/ml/serving/poster/native-views.js';
import { loadPosterPredictor } from '../../../src/ml/serving/poster/predictor.js';
import { BackboneRegistry, backboneFeatures, servedFeatures } from '../../../src/ml/serving/poster/serving-model.js';

const installed = await import('onnxruntime-node').then(() => true, () => false);
const NATIVE = { choice: 'onnxruntime', threads: 1 } as const;

beforeAll(async () => {
  await initBackend('wasm');
});

describe('native views', () => {
  it('scales each image and mirrors it, view-major, as the tfjs path does', () => {
    const image = Uint8Array.from({ length: 2 * 2 * 3 }, (_, i) => i * 10);
    const batch = viewBatch([image], { inputSize: 2, scale: 1 / 255, views: ['original', 'flipped'] });
    const expected = tf.tidy(() => {
      const x = tf.tensor4d(image, [1, 2, 2, 3], 'int32').toFloat().mul(1 / 255);
      return tf.concat([x, tf.reverse(x, 2)]).dataSync();
    });
    expect(Array.from(batch)).toEqual(Array.from(expected));
  });

  it('averages the views of each image', () => {
    expect(Array.from(meanOverViews(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8), 2, [0, 1], 2))).toEqual([3, 4, 5, 6]);
    expect(Array.from(meanOverViews(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8), 2, [1], 2))).toEqual([5, 6, 7, 8]);
  });
});

describe.skipIf(!installed)('the poster backbone on ONNX Runtime', () => {
  it('gives the served features of the tfjs backbone, to float rounding', async () => {
    const [tfjs, native] = [new BackboneRegistry(), new BackboneRegistry(NATIVE)];
    const [onTfjs, onNative] = await Promise.all([tfjs.get(DEFAULT_BACKBONE), native.get(DEFAULT_BACKBONE)]);
    expect(onTfjs.native).toBeUndefined();
    expect(onNative.native).toBeDefined();
    const pixels = tf.randomUniform([2, 224, 224, 3], 0, 256, 'int32', 5);
    const images = [0, 1].map((i) => pixels.slice(i, 1).dataSync() as Int32Array).map((values) => Uint8Array.from(values));
    const floats = pixels.toFloat() as tf.Tensor4D;
    const [expected, actual] = [backboneFeatures(onTfjs, floats), await servedFeatures(onNative, images, floats)];
    expect(actual.shape).toEqual(expected.shape);
    expect(tf.max(tf.abs(actual.sub(expected))).dataSync()[0]).toBeLessThan(1e-4);
    tf.dispose([pixels, floats, expected, actual]);
    await Promise.all([tfjs.dispose(), native.dispose()]);
  });

  describe('the shipped models', () => {
    const posters = ['#aa2222', '#2a6b9c', '#101010'].map((background) =>
      sharp({ create: { width: 90, height: 135, channels: 3, background } }).composite([{ input: Buffer.from('<svg width="90" height="40"><text x="5" y="30" font-size="28" fill="white">FILM</text></svg>'), top: 10, left: 0 }]).png().toBuffer(),
    );
    let onTfjs: Awaited<ReturnType<typeof loadPosterPredictor>>;
    let onNative: typeof onTfjs;
    beforeAll(async () => {
      [onTfjs, onNative] = await Promise.all([loadPosterPredictor('models'), loadPosterPredictor('models', { runtime: NATIVE })]);
    });
    afterAll(async () => {
      await Promise.all([onTfjs.dispose(), onNative.dispose()]);
    });

    it('say which runtime runs the backbone', () => {
      expect([onTfjs.runtime, onNative.runtime]).toEqual(['tfjs', 'onnxruntime']);
    });

    it('give the same genres, rating, gate and lookalikes (to 1e-4) on either runtime', async () => {
      const images = await Promise.all(posters.map(async (png) => decodePoster(await png, onTfjs.inputSize)));
      const [expected, actual] = await Promise.all([onTfjs.predict(images), onNative.predict(images)]);
      actual.forEach((result, i) => {
        const reference = expected[i]!;
        for (const [genre, probability] of Object.entries(reference.genres)) expect(Math.abs(result.genres[genre]! - probability)).toBeLessThan(1e-4);
        expect(Math.abs(result.rating - reference.rating)).toBeLessThan(1e-4);
        expect(Math.abs(result.poster! - reference.poster!)).toBeLessThan(1e-4);
        expect(result.similar?.map((s) => s.title)).toEqual(reference.similar?.map((s) => s.title));
      });
    });

    it('draw the same heat map from the taps ONNX Runtime computes', async () => {
      const image = await decodePoster(await posters[1]!, onTfjs.inputSize);
      const [expected, actual] = await Promise.all([onTfjs.explain!(image), onNative.explain!(image)]);
      expect(actual.genre).toBe(expected.genre);
      const difference = Math.max(...actual.grid.flatMap((row, y) => row.map((cell, x) => Math.abs(cell - expected.grid[y]![x]!))));
      expect(difference).toBeLessThan(1e-3);
    });

    it('leave no tensor behind over many predictions and heat maps', async () => {
      const images = [await decodePoster(await posters[0]!, onNative.inputSize)];
      await Promise.all([onNative.predict(images), onNative.explain!(images[0]!)]);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) await onNative.predict(images);
      for (let i = 0; i < 3; i++) await onNative.explain!(images[0]!);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
