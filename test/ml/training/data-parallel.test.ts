import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { shardSizes } from '../../../src/ml/training/data-parallel/average.js';
import type { GradientThread } from '../../../src/ml/training/data-parallel/gradient-thread.js';
import { DataParallelTrainer } from '../../../src/ml/training/data-parallel/trainer.js';

/** Float rounding only: the data-parallel sum of shard gradients adds in another order than the whole-batch one. */
const TOLERANCE = 1e-5;
const BATCH = 5;
const INPUT = [4, 4, 2];

function tinyModel(batchNorm: boolean, optimizer: 'sgd' | 'adam', seed = 1): tf.LayersModel {
  const model = tf.sequential();
  if (batchNorm) model.add(tf.layers.batchNormalization({ inputShape: INPUT, momentum: 0.5 }));
  model.add(tf.layers.conv2d({ ...(batchNorm ? {} : { inputShape: INPUT }), filters: 3, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 2, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  // SGD moves weights in proportion to the gradients, so a gradient difference shows; Adam's first steps are about lr·sign(g).
  model.compile({ optimizer: optimizer === 'sgd' ? tf.train.sgd(0.1) : tf.train.adam(0.01), loss: 'binaryCrossentropy' });
  return model;
}

const batch = () => ({
  x: tf.randomUniform([BATCH, ...INPUT], 0, 3, 'float32', 7),
  y: tf.randomUniform([BATCH, 2], 0, 1, 'float32', 8).round(),
});

const maxDifference = (a: tf.Tensor[], b: tf.Tensor[]) => Math.max(...a.map((t, i) => tf.max(tf.abs(tf.sub(t, b[i]!))).dataSync()[0]!));

let trainer: DataParallelTrainer | undefined;
const threadsOf = (of: DataParallelTrainer) => (of as unknown as { threads: GradientThread[] }).threads;
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
    { workers: 2, computeOnMain: false, optimizer: 'sgd' as const },
    { workers: 1, computeOnMain: true, optimizer: 'adam' as const },
  ])('without batch norm, two $optimizer steps over $workers workers (main computes: $computeOnMain) equal trainOnBatch to 1e-5', async ({ optimizer, ...options }) => {
    const [single, parallel] = [tinyModel(false, optimizer), tinyModel(false, optimizer)];
    const { x, y } = batch();
    trainer = await DataParallelTrainer.start(parallel, options);
    for (let step = 0; step < 2; step++) {
      const expected = (await single.trainOnBatch(x, y)) as number;
      expect(await trainer.step(x, y)).toBeCloseTo(expected, 5);
    }
    expect(maxDifference(parallel.getWeights(), single.getWeights())).toBeLessThan(TOLERANCE);
  });
});

/** Shard k of the batch as the trainer cuts it (3 then 2 examples over two workers). */
const shards = (t: tf.Tensor) => [tf.slice(t, 0, 3), tf.slice(t, 3, 2)];
const SHARES = [3 / 5, 2 / 5];

/** The step DDP without SyncBatchNorm takes: each shard's gradients with its own batch statistics, weighted by size. */
function shardwiseStep(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): void {
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const [xs, ys] = [shards(x), shards(y)];
  const perShard = xs.map((xk, k) => tf.variableGrads(() => tf.mean(tf.metrics.binaryCrossentropy(ys[k]!, model.apply(xk, { training: true }) as tf.Tensor)) as tf.Scalar, variables).grads);
  model.optimizer.applyGradients(Object.fromEntries(variables.map((v) => [v.name, tf.addN(perShard.map((grads, k) => tf.mul(grads[v.name]!, SHARES[k]!)))])));
}

describe('data-parallel training with batch norm (per-shard statistics, as PyTorch DDP without SyncBatchNorm)', () => {
  it('takes the shard-wise step; moving mean as the whole batch, moving variance the mean of shard variances', async () => {
    const [single, parallel, shardwise] = [tinyModel(true, 'sgd'), tinyModel(true, 'sgd'), tinyModel(true, 'sgd')];
    const { x, y } = batch();
    trainer = await DataParallelTrainer.start(parallel, { workers: 2 });
    await single.trainOnBatch(x, y);
    await trainer.step(x, y);
    shardwiseStep(shardwise, x, y);

    const trainable = (m: tf.LayersModel) => m.trainableWeights.map((w) => w.read());
    expect(maxDifference(trainable(parallel), trainable(shardwise))).toBeLessThan(TOLERANCE);
    // Per-shard normalisation changes the gradients visibly: the test would notice a whole-batch step.
    expect(maxDifference(trainable(parallel), trainable(single))).toBeGreaterThan(1e-3);

    const [movingMean, movingVariance] = parallel.layers[0]!.getWeights().slice(2);
    const [singleMean, singleVariance] = single.layers[0]!.getWeights().slice(2);
    expect(maxDifference([movingMean!], [singleMean!])).toBeLessThan(TOLERANCE);
    // momentum 0.5 from variance 1: 0.5 + 0.5 · Σ share_k · var_k, each shard's biased variance per channel.
    const shardVariances = shards(x).map((xk, k) => tf.mul(tf.moments(xk, [0, 1, 2]).variance, SHARES[k]!));
    const expectedVariance = tf.add(0.5, tf.mul(0.5, tf.addN(shardVariances)));
    expect(maxDifference([movingVariance!], [expectedVariance])).toBeLessThan(TOLERANCE);
    expect(tf.all(tf.less(movingVariance!, singleVariance!)).dataSync()[0]).toBe(1);
  });
});

describe('a data-parallel worker that fails', () => {
  it('fails the start with the reason when a worker cannot start', async () => {
    await expect(DataParallelTrainer.start(tinyModel(false, 'sgd'), { workers: 1, backend: 'gpu' }))
      .rejects.toThrow(/data-parallel worker 1 could not start: .*"gpu"/);
  });

  it('fails the step, and every later one, when a worker fails on its shard', async () => {
    trainer = await DataParallelTrainer.start(tinyModel(false, 'sgd'), { workers: 2 });
    const { y } = batch();
    const wrongShape = tf.zeros([BATCH, 3, 3, 2]);
    await expect(trainer.step(wrongShape, y)).rejects.toThrow(/data-parallel worker \d failed on its shard: /);
    await expect(trainer.step(wrongShape, y)).rejects.toThrow(/an earlier data-parallel step failed/);
  });

  it('fails the step instead of hanging when a worker stops in the middle of it', async () => {
    trainer = await DataParallelTrainer.start(tinyModel(false, 'sgd'), { workers: 2 });
    const { x, y } = batch();
    const failed = expect(trainer.step(x, y)).rejects.toThrow(/data-parallel worker \d stopped \(exit code/);
    await threadsOf(trainer)[0]!.terminate(0);
    await failed;
  });

  it('lets a shard in flight finish before close() stops its worker', async () => {
    trainer = await DataParallelTrainer.start(tinyModel(false, 'sgd'), { workers: 1 });
    const { x, y } = batch();
    const thread = threadsOf(trainer)[0]!;
    // close() right after the shard is posted: its answer cannot have arrived before the event loop turns.
    const posted = new Promise<void>((resolve) => {
      const compute = thread.compute.bind(thread);
      thread.compute = (request) => {
        const result = compute(request);
        resolve();
        return result;
      };
    });
    const step = trainer.step(x, y);
    await posted;
    await trainer.close();
    expect(await step).toBeGreaterThan(0);
  });
});
