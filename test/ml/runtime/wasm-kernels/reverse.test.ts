import { beforeAll, describe, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { expectWasmMatchesCpu, intTensor, randomTensor } from './compare-with-cpu.js';

describe('wasm Reverse by rows', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each([
    { shape: [2, 7, 9, 3], dims: [2] },
    { shape: [1, 5, 6, 40], dims: [2] },
    { shape: [3, 4, 5], dims: [0] },
    { shape: [3, 4, 5], dims: -1 },
    { shape: [2, 1, 5], dims: [1, 2] },
    { shape: [2, 3, 5], dims: [1, 2] },
    { shape: [6], dims: [0] },
  ])('matches cpu for shape $shape, dims $dims', async ({ shape, dims }) => {
    await expectWasmMatchesCpu('Reverse', { x: randomTensor(shape, 71) }, { dims });
  });

  it('reverses int32 tensors too', async () => {
    await expectWasmMatchesCpu('Reverse', { x: intTensor([1, 2, 3, 4, 5, 6], [2, 3]) }, { dims: [1] });
  });
});
