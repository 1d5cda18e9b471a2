import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';

describe('wasm Identity without a copy', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('returns the same values, and each tensor can be disposed independently', async () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const y = tf.engine().runKernel('Identity', { x }) as tf.Tensor;
    x.dispose();
    expect(await y.array()).toEqual([[1, 2], [3, 4]]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
