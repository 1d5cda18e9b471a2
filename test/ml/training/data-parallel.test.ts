import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { shardSizes } from '../../../src/ml/training/data-parallel/average.js';
import { DataParallelTrainer } from '../../../src/ml/training/data-parallel/trainer.js';

/** Float rounding only: the data-parallel sum of shard gradients adds in another order than the whole-batch one. */
const TOLERANCE = 1e-5;
const BATCH = 5;
const INPUT = [4, 4, 2];

function tinyModel(batchNorm: boolean, seed: number): tf.LayersModel {
  const model = tf.sequential();
  if (batchNorm) model.add(tf.layers.batchNormalization({ inputShape: INPUT, momentum: 0.5 }));
  model.add(tf.layers.conv2d({ ...(batchNorm ? {} : { inputShape: INPUT }), filters: 3, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 2, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
  return model;
}

const batch = () => ({
  x: tf.randomUniform([BATCH, ...INPUT], 0, 3, 'float32', 7),
  y: tf.randomUniform([BATCH, 2], 0, 1, 'float32', 8).round(),
});

const maxDifference = (a: tf.Tensor[], b: tf.Tensor[]) => Math.max(...a.map((t, i) => tf.max(tf.abs(tf.sub(t, b[i]!))).dataSync()[0]!));

let trainer: DataParallelTrainer | undefined;
afterEach(async () => {
  await trainer?.close();
  trainer = undefined;
});

beforeAll(async () => {
  await initBackend('cpu');
});

describe('data-parallel training', () => {
  it('splits a batch into even shards, never an empty one', () => {
    expect(shardSizes(10, 3)).toEqual([4, 3, 3]);
    expect(shardSizes(1, 2)).toEqual([1]);
  });

  it.each([
    { workers: 2, computeOnMain: false },
    { workers: 1, computeOnMain: true },
  ])('without batch norm, two steps over $workers workers (main computes: $computeOnMain) equal trainOnBatch to 1e-5', async (options) => {
    const [single, parallel] = [tinyModel(false, 1), tinyModel(false, 1)];
    const { x, y } = batch();
    trainer = await DataParallelTrainer.start(parallel, options);
    for (let step = 0; step < 2; step++) {
      const expected = (await single.trainOnBatch(x, y)) as number;
      expect(await trainer.step(x, y)).toBeCloseTo(expected, 5);
    }
    console.log("maxdiff", maxDifference(parallel.getWeights(), single.getWeights()));
    expect(maxDifference(parallel.getWeights(), single.getWeights())).toBeLessThan(TOLERANCE);
  });
});
