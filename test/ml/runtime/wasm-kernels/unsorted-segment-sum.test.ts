import { beforeAll, describe, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { expectWasmMatchesCpu, intTensor, randomTensor } from './compare-with-cpu.js';

describe('wasm UnsortedSegmentSum (gradient of an embedding lookup)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('sums rows of a 3-d tensor into segments, repeated ids included', async () => {
    await expectWasmMatchesCpu(
      'UnsortedSegmentSum',
      { x: randomTensor([6, 4, 3], 7), segmentIds: intTensor([2, 0, 2, 9, 0, 5]) },
      { numSegments: 10 },
    );
  });

  it('sums a 1-d float tensor, leaving unused segments at zero', async () => {
    await expectWasmMatchesCpu(
      'UnsortedSegmentSum',
      { x: randomTensor([5], 8), segmentIds: intTensor([1, 1, 3, 1, 0]) },
      { numSegments: 6 },
    );
  });

  it('sums int32 values', async () => {
    await expectWasmMatchesCpu(
      'UnsortedSegmentSum',
      { x: intTensor([1, 2, 3, 4, 5, 6], [3, 2]), segmentIds: intTensor([0, 1, 0]) },
      { numSegments: 2 },
    );
  });
});
