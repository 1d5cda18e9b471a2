import { beforeAll, describe, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { expectWasmMatchesCpu, intTensor, randomTensor } from './compare-with-cpu.js';

const CASES: Array<{ shape: number[]; reps: number[] }> = [
  { shape: [1, 1, 1, 16], reps: [4, 9, 7, 1] },
  { shape: [2, 3], reps: [3, 5] },
  { shape: [5], reps: [7] },
  { shape: [2, 1, 3], reps: [1, 4, 2] },
  { shape: [3, 2, 2, 2], reps: [2, 1, 3, 1] },
  { shape: [2, 3], reps: [1, 1] },
  { shape: [2, 3], reps: [0, 2] },
];

describe('wasm Tile by block copies', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each(CASES)('matches cpu for shape $shape, reps $reps', async ({ shape, reps }) => {
    await expectWasmMatchesCpu('Tile', { x: randomTensor(shape, 61) }, { reps });
  });

  it('tiles int32 values', async () => {
    await expectWasmMatchesCpu('Tile', { x: intTensor([1, 2, 3, 4], [2, 2]) }, { reps: [2, 3] });
  });
});
