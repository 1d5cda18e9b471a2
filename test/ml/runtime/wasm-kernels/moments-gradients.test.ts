import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { randomTensor, RELATIVE_TOLERANCE, type HostTensor } from './compare-with-cpu.js';

type Loss = (x: tf.Tensor, weights: tf.Tensor) => tf.Scalar;

async function gradientOn(backend: 'cpu' | 'wasm', loss: Loss, x: HostTensor, weights: HostTensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const [xs, ws] = [x, weights].map((t) => tf.tensor(t.values, t.shape));
  const grad = tf.grad((v: tf.Tensor) => loss(v, ws as tf.Tensor))(xs as tf.Tensor);
  const values = (await grad.data()) as Float32Array;
  tf.dispose([grad, xs!, ws!]);
  return values;
}

async function expectGradientsMatch(loss: Loss, shape: number[], weightShape: number[]): Promise<void> {
  const x = randomTensor(shape, 61);
  const weights = randomTensor(weightShape, 62);
  const cpu = await gradientOn('cpu', loss, x, weights);
  const wasm = await gradientOn('wasm', loss, x, weights);
  let scale = 1;
  let worst = 0;
  cpu.forEach((v, i) => {
    scale = Math.max(scale, Math.abs(v));
    worst = Math.max(worst, Math.abs((wasm[i] as number) - v));
  });
  expect(worst).toBeLessThanOrEqual(RELATIVE_TOLERANCE * scale);
}

/** What layers' BatchNormalization trains through: moments over every axis but the channels, then batchNorm. */
const batchNormInTraining = (axes: number[]): Loss => (x, weights) => {
  const { mean, variance } = tf.moments(x, axes);
  const channels = x.shape[x.rank - 1] as number;
  return tf.batchNorm(x, mean, variance, tf.zeros([channels]), tf.ones([channels]), 1e-3).mul(weights).sum();
};

describe('Mean and Square gradients on wasm (the backward pass of tf.moments)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each([
    { shape: [4, 6, 5, 8], axes: [0, 1, 2] },
    { shape: [3, 7, 7, 16], axes: [0, 1, 2] },
    { shape: [5, 6], axes: [0] },
  ])('batch norm in training matches cpu for $shape over $axes', async ({ shape, axes }) => {
    await expectGradientsMatch(batchNormInTraining(axes), shape, shape);
  });

  it('matches cpu for moments over inner axes', async () => {
    const moments: Loss = (x, w) => {
      const { mean, variance } = tf.moments(x, [1, 2], true);
      return mean.mul(w).sum().add(variance.mul(w).sum());
    };
    await expectGradientsMatch(moments, [2, 4, 9, 3], [2, 1, 1, 3]);
  });

  it('matches cpu for a Mean over non-contiguous axes and a Mean over everything', async () => {
    await expectGradientsMatch((x, w) => tf.mean(x, [0, 2], true).mul(w).sum(), [4, 3, 5, 2], [1, 3, 1, 2]);
    await expectGradientsMatch((x, w) => tf.mean(x).mul(w).sum(), [7, 9], [1]);
  });

  it('matches cpu for Square', async () => {
    await expectGradientsMatch((x, w) => tf.square(x).mul(w).sum(), [6, 5, 4], [6, 5, 4]);
  });

  it('casts to the same dtype without a copy that outlives its source', async () => {
    const x = tf.tensor1d([1.5, -2]);
    const y = tf.cast(x, 'float32');
    x.dispose();
    expect(await y.array()).toEqual([1.5, -2]);
    y.dispose();
  });
});
