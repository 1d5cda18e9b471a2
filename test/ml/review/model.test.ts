import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { loadLayersModel, saveModel } from '../../../src/ml/runtime/model-io.js';
import { ratingToTarget, targetToRating } from '../../../src/ml/serving/review/rating-scale.js';
import { buildReviewModel, lstmSteps } from '../../../src/ml/training/review/model.js';

describe('buildReviewModel', () => {
  let dir: string;
  beforeAll(async () => {
    await initBackend('wasm');
    dir = await mkdtemp(join(tmpdir(), 'review-model-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fits two epochs, predicts one number per review and predicts the same after a save/load round trip', async () => {
    const model = buildReviewModel({ indexCount: 30, maxLen: 24, poolSize: 2, dropout: 0.2, seed: 1 });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanAbsoluteError' });
    const x = tf.randomUniformInt([16, 24], 0, 30, 2);
    const y = tf.randomUniform([16, 1], -1, 1, 'float32', 3);
    const history = await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    expect(history.history.loss).toHaveLength(2);
    expect(history.history.loss!.every((loss) => Number.isFinite(loss as number))).toBe(true);

    const before = model.predict(x) as tf.Tensor;
    expect(before.shape).toEqual([16, 1]);
    await saveModel(model, dir);
    const loaded = await loadLayersModel(dir);
    const after = loaded.predict(x) as tf.Tensor;
    expect(Array.from(await after.data())).toEqual(Array.from(await before.data()));
    tf.dispose([x, y, before, after]);
    model.dispose();
    loaded.dispose();
  });

  it('refuses a sequence too short for the two convolutions', () => {
    expect(lstmSteps(400, 4)).toBe(23);
    expect(() => buildReviewModel({ indexCount: 30, maxLen: 12, poolSize: 4, dropout: 0 })).toThrow(/too short/);
  });
});

describe('rating scale', () => {
  it('maps 1..10 onto -1..1 and back, clipping and never returning NaN', () => {
    expect(ratingToTarget(1)).toBe(-1);
    expect(ratingToTarget(10)).toBe(1);
    expect(targetToRating(ratingToTarget(7))).toBeCloseTo(7);
    expect(targetToRating(3)).toBe(10);
    expect(targetToRating(-3)).toBe(1);
    expect(targetToRating(Number.NaN)).toBe(5.5);
  });
});
