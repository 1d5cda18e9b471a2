import { beforeAll, describe, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { convOutShape, expectWasmMatchesCpu, randomTensor } from './compare-with-cpu.js';

/** Odd sizes with stride 2 leave unused rows (the filter gradient slices them off); H=1 cases are Conv1D. */
const CASES: Array<{ x: number[]; filter: number[]; strides: number; pad: 'same' | 'valid' }> = [
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'valid' },
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'same' },
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'valid' },
  { x: [2, 10, 10, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'valid' },
  { x: [2, 10, 7, 4], filter: [3, 3, 4, 6], strides: 2, pad: 'same' },
  { x: [1, 12, 11, 2], filter: [5, 2, 2, 3], strides: 2, pad: 'same' },
  { x: [1, 12, 11, 2], filter: [4, 4, 2, 3], strides: 1, pad: 'same' },
  { x: [3, 1, 20, 8], filter: [1, 3, 8, 4], strides: 1, pad: 'same' },
  { x: [3, 1, 20, 8], filter: [1, 5, 8, 4], strides: 2, pad: 'valid' },
  { x: [2, 16, 16, 16], filter: [1, 1, 16, 8], strides: 1, pad: 'valid' },
];

describe('wasm Conv2D gradients', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each(CASES)('Conv2DBackpropFilter matches cpu for x $x, filter $filter, stride $strides, $pad',
    async ({ x, filter, strides, pad }) => {
      await expectWasmMatchesCpu(
        'Conv2DBackpropFilter',
        { x: randomTensor(x, 1), dy: randomTensor(convOutShape(x, filter, strides, pad), 2) },
        { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: filter },
      );
    });

  it.each(CASES)('Conv2DBackpropInput matches cpu for x $x, filter $filter, stride $strides, $pad',
    async ({ x, filter, strides, pad }) => {
      await expectWasmMatchesCpu(
        'Conv2DBackpropInput',
        { dy: randomTensor(convOutShape(x, filter, strides, pad), 31), filter: randomTensor(filter, 32) },
        { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, inputShape: x },
      );
    });
});
