import { beforeAll, describe, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { expectWasmMatchesCpu, randomTensor } from './compare-with-cpu.js';

/** m, k, n of op(A)·op(B); both the direct and the swapped (B^T·A^T)^T routes are hit. */
const SIZES: Array<[number, number, number]> = [[32, 300, 16], [5, 7, 300], [300, 9, 4], [1, 64, 1], [17, 17, 17]];
const FLAGS: Array<[boolean, boolean]> = [[true, false], [false, true], [true, true], [false, false]];

const CASES = SIZES.flatMap(([m, k, n]) => FLAGS.map(([transposeA, transposeB]) => ({ m, k, n, transposeA, transposeB })));

describe('wasm BatchMatMul with transposes (explicit transpose, then XNNPACK)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each(CASES)('matches cpu for m $m k $k n $n, transposeA $transposeA, transposeB $transposeB',
    async ({ m, k, n, transposeA, transposeB }) => {
      await expectWasmMatchesCpu(
        'BatchMatMul',
        { a: randomTensor(transposeA ? [k, m] : [m, k], 41), b: randomTensor(transposeB ? [n, k] : [k, n], 42) },
        { transposeA, transposeB },
      );
    });

  it('matches cpu for a rank-3 batch of one, and leaves real batches to wasm', async () => {
    await expectWasmMatchesCpu('BatchMatMul', { a: randomTensor([1, 6, 4], 43), b: randomTensor([1, 5, 4], 44) },
      { transposeA: false, transposeB: true });
    await expectWasmMatchesCpu('BatchMatMul', { a: randomTensor([3, 4, 6], 45), b: randomTensor([3, 4, 5], 46) },
      { transposeA: true, transposeB: false });
  });
});
