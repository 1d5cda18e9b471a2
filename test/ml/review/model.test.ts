import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { loadLayersModel, saveModel } from '../../../src/ml/runtime/model-io.js';
import { ratingToTarget, targetToRating } from '../../../src/ml/serving/review/rating-scale.js';
import { buildReviewModel } from '../../../src/ml/training/review/model.js';

const INDEX_COUNT = 30;

/** The layout shipped before issue 10: 400 pre-padded tokens, valid k5 convolutions, floor pooling by 4. */
function oldLayoutModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: INDEX_COUNT, outputDim: 8, inputLength: 400, embeddingsInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1, seed: 1 }) }));
  model.add(tf.layers.conv1d({ filters: 8, kernelSize: 5, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  model.add(tf.layers.maxPooling1d({ poolSize: 4 }));
  model.add(tf.layers.conv1d({ filters: 8, kernelSize: 5, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  model.add(tf.layers.maxPooling1d({ poolSize: 4 }));
  model.add(tf.layers.lstm({ units: 4, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }));
  return model;
}

/** Outputs for `base` and for `base` with its last `count` tokens replaced by other words. */
function outputsWithEndingChanged(model: tf.LayersModel, base: number[], count: number): [number, number] {
  const changed = base.map((id, i) => (i >= base.length - count ? 2 + ((id + 7) % (INDEX_COUNT - 2)) : id));
  return tf.tidy(() => {
    const output = model.predict(tf.tensor2d([base, changed], [2, base.length], 'int32')) as tf.Tensor;
    const [a, b] = output.dataSync();
    return [a!, b!];
  });
}

describe('buildReviewModel', () => {
  let dir: string;
  beforeAll(async () => {
    await initBackend('wasm');
    dir = await mkdtemp(join(tmpdir(), 'review-model-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fits two epochs on batches of any length, predicts one number per review and the same after a save/load round trip', async () => {
    const model = buildReviewModel({ indexCount: INDEX_COUNT, poolSize: 2, lstmUnits: 4, dropout: 0.2, seed: 1 });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanAbsoluteError' });
    for (const length of [1, 3, 24]) {
      const x = tf.randomUniformInt([8, length], 0, INDEX_COUNT, 2);
      const y = tf.randomUniform([8, 1], -1, 1, 'float32', 3);
      const history = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
      expect(history.history.loss!.every((loss) => Number.isFinite(loss as number))).toBe(true);
      tf.dispose([x, y]);
    }
    const x = tf.randomUniformInt([16, 24], 0, INDEX_COUNT, 4);
    const before = model.predict(x) as tf.Tensor;
    expect(before.shape).toEqual([16, 1]);
    await saveModel(model, dir);
    const loaded = await loadLayersModel(dir);
    const after = loaded.predict(x) as tf.Tensor;
    expect(Array.from(await after.data())).toEqual(Array.from(await before.data()));
    tf.dispose([x, before, after]);
    model.dispose();
    loaded.dispose();
  });

  // Issue 10: every short review got the same rating. Under the old layout the last 12 of the 400 positions never
  // reach the output (396 -> 99 -> 95 -> 23 steps cover inputs 0..387 only), and pre-padding puts a short review
  // exactly there. The new model reads every position of an input of any length.
  it('GIVEN the old layout THEN the last 12 tokens change nothing; GIVEN the new model THEN the last token changes the output', () => {
    const old = oldLayoutModel();
    const review = Array.from({ length: 400 }, (_, i) => 2 + (i % (INDEX_COUNT - 2)));
    const [oldBase, oldChanged12] = outputsWithEndingChanged(old, review, 12);
    expect(oldChanged12).toBe(oldBase);
    const [, oldChanged13] = outputsWithEndingChanged(old, review, 13);
    expect(oldChanged13).not.toBe(oldBase);

    const current = buildReviewModel({ indexCount: INDEX_COUNT, poolSize: 4, lstmUnits: 4, dropout: 0, seed: 1 });
    for (const length of [1, 5, 12, 400]) {
      const [base, changed] = outputsWithEndingChanged(current, review.slice(0, length), 1);
      expect(Math.abs(changed - base)).toBeGreaterThan(1e-6);
    }
    old.dispose();
    current.dispose();
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
