import { beforeAll, describe, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { expectWasmMatchesCpu, randomTensor, type HostTensor } from './compare-with-cpu.js';

function positive(t: HostTensor): HostTensor {
  return { ...t, values: t.values.map((v) => Math.abs(v) + 0.1) };
}

const X = [4, 5, 6, 8];

describe('wasm FusedBatchNorm', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each([[8], [1, 1, 1, 8], [1]])('matches cpu with parameters of shape %j', async (...paramShape) => {
    await expectWasmMatchesCpu('FusedBatchNorm', {
      x: randomTensor(X, 71), mean: randomTensor(paramShape, 72), variance: positive(randomTensor(paramShape, 73)),
      offset: randomTensor(paramShape, 74), scale: randomTensor(paramShape, 75),
    }, { varianceEpsilon: 1e-3 });
  });

  it('matches cpu without offset and scale', async () => {
    await expectWasmMatchesCpu('FusedBatchNorm', {
      x: randomTensor(X, 76), mean: randomTensor([8], 77), variance: positive(randomTensor([8], 78)),
    }, { varianceEpsilon: 1e-5 });
  });

  it('matches cpu for full-shape parameters, which fall back to wasm', async () => {
    await expectWasmMatchesCpu('FusedBatchNorm', {
      x: randomTensor([2, 3], 79), mean: randomTensor([2, 3], 80), variance: positive(randomTensor([2, 3], 81)),
    }, { varianceEpsilon: 1e-3 });
  });
});
