import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import {
  convOutShape, expectWasmMatchesCpu, randomTensor, RELATIVE_TOLERANCE, runKernelOn, type HostTensor,
} from './compare-with-cpu.js';

const CASES: Array<{ x: number[]; filter: number[]; strides: number; pad: 'same' | 'valid'; dilations: number }> = [
  { x: [2, 9, 9, 4], filter: [3, 3, 4, 1], strides: 1, pad: 'same', dilations: 1 },
  { x: [2, 9, 9, 4], filter: [3, 3, 4, 1], strides: 1, pad: 'valid', dilations: 1 },
  { x: [2, 9, 9, 4], filter: [3, 3, 4, 2], strides: 2, pad: 'same', dilations: 1 },
  { x: [2, 10, 8, 3], filter: [3, 3, 3, 2], strides: 2, pad: 'valid', dilations: 1 },
];

/**
 * tfjs's gradients reject dilation > 1 and the cpu kernels ignore it, so dilated cases are checked against the
 * undilated wasm kernel run with the filter spread out by zeros, which is the same convolution.
 */
const DILATED: Array<{ x: number[]; filter: number[]; pad: 'same' | 'valid' }> = [
  { x: [1, 11, 11, 3], filter: [3, 3, 3, 1], pad: 'same' },
  { x: [2, 11, 10, 3], filter: [3, 2, 3, 2], pad: 'valid' },
];

function spreadFilter(filter: HostTensor, dilation: number): HostTensor {
  const [fh, fw, c, m] = filter.shape as [number, number, number, number];
  const [sh, sw] = [(fh - 1) * dilation + 1, (fw - 1) * dilation + 1];
  const values = new Float32Array(sh * sw * c * m);
  for (let h = 0; h < fh; h++) {
    for (let w = 0; w < fw; w++) {
      const from = (h * fw + w) * c * m;
      values.set(filter.values.subarray(from, from + c * m), (h * dilation * sw + w * dilation) * c * m);
    }
  }
  return { values, shape: [sh, sw, c, m], dtype: 'float32' };
}

function takeDilatedTaps(spread: Float32Array, filterShape: number[], dilation: number): Float32Array {
  const [fh, fw, c, m] = filterShape as [number, number, number, number];
  const sw = (fw - 1) * dilation + 1;
  const taps = new Float32Array(fh * fw * c * m);
  for (let h = 0; h < fh; h++) {
    for (let w = 0; w < fw; w++) {
      const from = (h * dilation * sw + w * dilation) * c * m;
      taps.set(spread.subarray(from, from + c * m), (h * fw + w) * c * m);
    }
  }
  return taps;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i] as number));
    worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
  }
  expect(worst).toBeLessThanOrEqual(RELATIVE_TOLERANCE * scale);
}

describe('wasm depthwise convolution gradients', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each(CASES)('input gradient matches cpu for x $x, filter $filter, stride $strides, $pad, dilation $dilations',
    async ({ x, filter, strides, pad, dilations }) => {
      await expectWasmMatchesCpu(
        'DepthwiseConv2dNativeBackpropInput',
        { dy: randomTensor(convOutShape(x, filter, strides, pad, dilations, true), 3), filter: randomTensor(filter, 4) },
        { strides, pad, dilations, dimRoundingMode: undefined, inputShape: x },
      );
    });

  it.each(CASES)('filter gradient matches cpu for x $x, filter $filter, stride $strides, $pad, dilation $dilations',
    async ({ x, filter, strides, pad, dilations }) => {
      await expectWasmMatchesCpu(
        'DepthwiseConv2dNativeBackpropFilter',
        { x: randomTensor(x, 5), dy: randomTensor(convOutShape(x, filter, strides, pad, dilations, true), 6) },
        { strides, pad, dilations, dimRoundingMode: undefined, filterShape: filter },
      );
    });

  it.each(DILATED)('input gradient with dilation 2 equals the spread-filter one for x $x, filter $filter, $pad',
    async ({ x, filter, pad }) => {
      const w = randomTensor(filter, 9);
      const dy = randomTensor(convOutShape(x, filter, 1, pad, 2, true), 10);
      const attrs = { strides: 1, pad, dimRoundingMode: undefined, inputShape: x };
      const dilated = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter: w }, { ...attrs, dilations: 2 });
      const spread = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter: spreadFilter(w, 2) }, { ...attrs, dilations: 1 });
      expectClose(dilated.values, spread.values);
    });

  it.each(DILATED)('filter gradient with dilation 2 equals the spread-filter taps for x $x, filter $filter, $pad',
    async ({ x, filter, pad }) => {
      const input = randomTensor(x, 11);
      const dy = randomTensor(convOutShape(x, filter, 1, pad, 2, true), 12);
      const attrs = { strides: 1, pad, dimRoundingMode: undefined };
      const dilated = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropFilter', { x: input, dy }, { ...attrs, dilations: 2, filterShape: filter });
      const spreadShape = spreadFilter(randomTensor(filter, 0), 2).shape;
      const spread = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropFilter', { x: input, dy }, { ...attrs, dilations: 1, filterShape: spreadShape });
      expectClose(dilated.values, takeDilatedTaps(spread.values as Float32Array, filter, 2));
    });
});
