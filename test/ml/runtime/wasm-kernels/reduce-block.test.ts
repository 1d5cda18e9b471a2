import { beforeAll, describe, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { expectWasmMatchesCpu, intTensor, randomTensor } from './compare-with-cpu.js';

const CASES: Array<{ shape: number[]; axis: number | number[]; keepDims: boolean }> = [
  { shape: [8, 7, 6, 5], axis: [0, 1, 2], keepDims: false },
  { shape: [8, 7, 6, 5], axis: [0, 1, 2], keepDims: true },
  { shape: [8, 7, 6, 5], axis: [1, 2], keepDims: false },
  { shape: [8, 7, 6, 5], axis: 3, keepDims: false },
  { shape: [8, 7, 6, 5], axis: -1, keepDims: true },
  { shape: [8, 7, 6, 5], axis: [0, 2], keepDims: false },
  { shape: [300, 40], axis: 0, keepDims: false },
  { shape: [300, 40], axis: [0, 1], keepDims: false },
  { shape: [1000], axis: 0, keepDims: false },
];

describe('wasm Sum and Mean over contiguous axes', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each(CASES)('Sum matches cpu for shape $shape, axis $axis, keepDims $keepDims', async ({ shape, axis, keepDims }) => {
    await expectWasmMatchesCpu('Sum', { x: randomTensor(shape, 51) }, { axis, keepDims });
  });

  it.each(CASES)('Mean matches cpu for shape $shape, axis $axis, keepDims $keepDims', async ({ shape, axis, keepDims }) => {
    await expectWasmMatchesCpu('Mean', { x: randomTensor(shape, 52) }, { axis, keepDims });
  });

  it('leaves int32 sums to wasm and still matches cpu', async () => {
    await expectWasmMatchesCpu('Sum', { x: intTensor([1, 2, 3, 4, 5, 6], [2, 3]) }, { axis: 0, keepDims: false });
  });
});
