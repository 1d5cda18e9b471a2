import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { expectWasmMatchesCpu, randomTensor, type HostTensor } from './compare-with-cpu.js';

const CASES: Array<{ x: number[]; filterSize: number; strides: number; pad: 'same' | 'valid' }> = [
  { x: [2, 8, 8, 3], filterSize: 2, strides: 2, pad: 'valid' },
  { x: [2, 9, 7, 4], filterSize: 2, strides: 2, pad: 'valid' },
  { x: [2, 9, 7, 4], filterSize: 2, strides: 2, pad: 'same' },
  { x: [1, 10, 10, 5], filterSize: 3, strides: 1, pad: 'same' },
  { x: [1, 10, 10, 5], filterSize: 3, strides: 2, pad: 'same' },
  { x: [3, 11, 9, 2], filterSize: 3, strides: 1, pad: 'valid' },
  { x: [4, 1, 20, 6], filterSize: 1, strides: 1, pad: 'valid' },
];

function poolOutShape(x: number[], filterSize: number, strides: number, pad: 'same' | 'valid'): number[] {
  return tf.backend_util.computePool2DInfo(x as [number, number, number, number], filterSize, strides, 1, pad).outShape;
}

/** Quantised values make many windows hold several equal maxima, as ReLU followed by batch norm does. */
function withTies(shape: number[], seed: number): HostTensor {
  const t = randomTensor(shape, seed);
  t.values = t.values.map((v) => Math.max(0, Math.round(v * 2)));
  return t;
}

describe('wasm MaxPoolGrad', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each(CASES)('matches cpu for x $x, pool $filterSize, stride $strides, $pad', async ({ x, filterSize, strides, pad }) => {
    const dy = randomTensor(poolOutShape(x, filterSize, strides, pad), 14);
    const attrs = { filterSize, strides, pad, dimRoundingMode: undefined };
    await expectWasmMatchesCpu('MaxPoolGrad', { dy, input: randomTensor(x, 13), output: randomTensor(dy.shape, 0) }, attrs);
  });

  it.each(CASES)('sends ties to the first maximum like cpu for x $x, pool $filterSize, stride $strides, $pad',
    async ({ x, filterSize, strides, pad }) => {
      const dy = randomTensor(poolOutShape(x, filterSize, strides, pad), 16);
      const attrs = { filterSize, strides, pad, dimRoundingMode: undefined };
      await expectWasmMatchesCpu('MaxPoolGrad', { dy, input: withTies(x, 15), output: randomTensor(dy.shape, 0) }, attrs);
    });

  it('routes the gradient of windows holding only negative values', async () => {
    const input = { values: Float32Array.from([-1, -2, -3, -4, -5, -6, -7, -8]), shape: [1, 2, 4, 1], dtype: 'float32' as const };
    const dy = { values: Float32Array.from([10, 20]), shape: [1, 1, 2, 1], dtype: 'float32' as const };
    await expectWasmMatchesCpu('MaxPoolGrad', { dy, input, output: dy }, { filterSize: 2, strides: 2, pad: 'valid' });
  });
});
