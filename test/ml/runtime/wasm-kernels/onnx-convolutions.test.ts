import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { kernelSessions } from '../../../../src/ml/runtime/onnx/kernel-sessions.js';
import { convOutShape, expectWasmMatchesCpu, randomTensor } from './compare-with-cpu.js';

/**
 * Convolutions large enough (8M multiply-adds or more) for the wasm kernels to hand them to ONNX Runtime when it
 * is installed. Stride 2 'same' needs ConvTranspose's output padding; stride 2 'valid' on 48 rows leaves the last
 * one unread, which the filter gradient leaves to XNNPACK; H=1 is a Conv1D.
 */
const CASES: Array<{ x: number[]; filter: number[]; strides: number; pad: 'same' | 'valid' }> = [
  { x: [2, 34, 34, 16], filter: [3, 3, 16, 32], strides: 1, pad: 'valid' },
  { x: [2, 34, 34, 16], filter: [3, 3, 16, 32], strides: 1, pad: 'same' },
  { x: [4, 45, 45, 16], filter: [3, 3, 16, 32], strides: 2, pad: 'same' },
  { x: [4, 48, 48, 16], filter: [3, 3, 16, 32], strides: 2, pad: 'valid' },
  { x: [4, 1, 400, 32], filter: [1, 5, 32, 64], strides: 1, pad: 'same' },
];

const installed = kernelSessions() !== undefined;

describe('large wasm convolutions and their gradients (ONNX Runtime when installed)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each(CASES)('Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter match cpu for x $x, filter $filter, stride $strides, $pad',
    async ({ x, filter, strides, pad }) => {
      const dy = randomTensor(convOutShape(x, filter, strides, pad), 42);
      await expectWasmMatchesCpu('Conv2D', { x: randomTensor(x, 41), filter: randomTensor(filter, 43) },
        { strides, pad, dataFormat: 'NHWC', dilations: 1, dimRoundingMode: undefined });
      await expectWasmMatchesCpu('Conv2DBackpropInput', { dy, filter: randomTensor(filter, 43) },
        { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, inputShape: x });
      await expectWasmMatchesCpu('Conv2DBackpropFilter', { x: randomTensor(x, 41), dy },
        { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: filter });
    });

  it.runIf(installed)('runs them on ONNX Runtime, one session per filter for any batch and size', async () => {
    const sessions = kernelSessions()!;
    const before = sessions.size;
    const filter = randomTensor([3, 3, 24, 40], 52);
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1, dimRoundingMode: undefined };
    for (const x of [[2, 30, 30, 24], [3, 30, 30, 24], [2, 34, 31, 24]]) await expectWasmMatchesCpu('Conv2D', { x: randomTensor(x, 51), filter }, attrs);
    expect(sessions.size).toBe(before + 1);
  });
});
