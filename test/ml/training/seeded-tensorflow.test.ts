import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import type { FeatureTable } from '../../../src/ml/training/poster/feature-cache.js';
import { DEFAULT_HEAD } from '../../../src/ml/training/poster/head.js';
import { trainFeatureHead } from '../../../src/ml/training/poster/train-head.js';
import { buildReviewModel } from '../../../src/ml/training/review/model.js';
import { seedTensorflowRandomness } from '../../../src/ml/training/seeded-tensorflow.js';

const unseededRandom = Math.random;

/** The outputs of `layer` in training mode for the same input, `steps` times. */
function trainingOutputs(layer: { apply: tf.layers.Layer['apply'] }, input: tf.Tensor, steps: number): number[][] {
  return Array.from({ length: steps }, () => tf.tidy(() => Array.from((layer.apply(input, { training: true }) as tf.Tensor).dataSync())));
}

function ratingTable(rows: number, dim: number) {
  const data = Float32Array.from({ length: rows * dim }, (_, i) => Math.sin(i * 12.9898) * 3);
  const table: FeatureTable = { ids: Array.from({ length: rows }, (_, i) => `tt${i}`), data, dim, views: ['original'], unreadable: [] };
  const targets = Array.from({ length: rows }, (_, row) => [6 + data[row * dim]! / 3]);
  return { table, targets };
}

describe('seedTensorflowRandomness', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });
  afterEach(() => {
    Math.random = unseededRandom;
  });

  it('gives an unseeded dropout a fresh mask at every step, the same masks after the same seed', () => {
    const dropout = tf.layers.dropout({ rate: 0.5 });
    const ones = tf.ones([1, 64]);
    seedTensorflowRandomness(5);
    const first = trainingOutputs(dropout, ones, 2);
    seedTensorflowRandomness(5);
    const again = trainingOutputs(dropout, ones, 2);
    expect(first[0]).not.toEqual(first[1]);
    expect(again).toEqual(first);
    ones.dispose();
  });

  // Why the review model's dropouts carry no seed: tfjs rebuilds a seeded layer's generator at every call.
  it('GIVEN a seed on the dropout layer itself THEN every step drops the same units', () => {
    const ones = tf.ones([1, 64]);
    const [a, b] = trainingOutputs(tf.layers.dropout({ rate: 0.5, seed: 5 }), ones, 2);
    expect(a).toEqual(b);
    ones.dispose();
  });

  it('makes the review model drop different units at each training step', () => {
    seedTensorflowRandomness(1);
    const model = buildReviewModel({ indexCount: 30, poolSize: 2, lstmUnits: 4, dropout: 0.5, seed: 1 });
    const tokens = tf.tensor2d([[3, 4, 5, 6, 7, 8]], [1, 6], 'int32');
    const [a, b] = tf.tidy(() => [0, 1].map(() => (model.apply(tokens, { training: true }) as tf.Tensor).dataSync()[0]!));
    expect(a).not.toBe(b);
    tokens.dispose();
    model.dispose();
  });

  it('repeats a head ensemble exactly for the same seed and differs for another', async () => {
    const { table, targets } = ratingTable(40, 6);
    const hp = { ...DEFAULT_HEAD, hidden: 4, batchSize: 8, learningRate: 1e-2, ensemble: 2 };
    const fit = (seed: number) => trainFeatureHead('rating', table, targets, [...Array(30).keys()], [...Array(10).keys()].map((i) => i + 30), hp,
      { epochs: 2, batchSize: 8, patience: 5, seed, progress: false });
    const [first, again, other] = [await fit(1), await fit(1), await fit(2)];
    expect(again.predictions).toEqual(first.predictions);
    expect(other.predictions).not.toEqual(first.predictions);
    [first, again, other].forEach((head) => head.model.dispose());
  });
});
