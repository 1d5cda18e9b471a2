import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { randomTensor, RELATIVE_TOLERANCE, type HostTensor } from './compare-with-cpu.js';

/** Gradients of sum(batchNorm(...) * weights) with respect to x, mean, variance, offset and scale. */
async function batchNormGrads(backend: 'cpu' | 'wasm', inputs: HostTensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const [x, mean, variance, offset, scale, weights] = inputs.map((t) => tf.tensor(t.values, t.shape)) as tf.Tensor[];
  const positiveVariance = tf.abs(variance as tf.Tensor).add(0.1);
  const loss = (...args: tf.Tensor[]) => {
    const [xs, m, v, o, s] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
    return tf.batchNorm(xs, m, v, o, s, 1e-3).mul(weights as tf.Tensor).sum();
  };
  const grads = tf.grads(loss)([x, mean, positiveVariance, offset, scale] as tf.Tensor[]);
  return Promise.all(grads.map(async (g) => (await g.data()) as Float32Array));
}

describe('FusedBatchNorm gradient on wasm (one fused kernel)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each([[[4, 6, 5, 8]], [[3, 7, 7, 16]], [[2, 1, 9, 3]]] as const)(
    'matches cpu for x %j', async (shape) => {
      const channels = shape[3];
      const inputs = [randomTensor([...shape], 1), randomTensor([channels], 2), randomTensor([channels], 3),
        randomTensor([channels], 4), randomTensor([channels], 5), randomTensor([...shape], 6)];
      const cpu = await batchNormGrads('cpu', inputs);
      const wasm = await batchNormGrads('wasm', inputs);
      cpu.forEach((expected, i) => {
        let scale = 1;
        let worst = 0;
        expected.forEach((v, j) => {
          scale = Math.max(scale, Math.abs(v));
          worst = Math.max(worst, Math.abs(((wasm[i] as Float32Array)[j] as number) - v));
        });
        expect(worst, `gradient ${i}`).toBeLessThanOrEqual(RELATIVE_TOLERANCE * scale);
      });
    });
});
