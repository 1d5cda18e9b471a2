import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { intTensor, randomTensor, RELATIVE_TOLERANCE, type HostTensor } from './compare-with-cpu.js';

function posterCnn(): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 3] });
  let h = tf.layers.conv2d({ filters: 6, kernelSize: 3, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.batchNormalization().apply(h) as tf.SymbolicTensor;
  h = tf.layers.maxPooling2d({ poolSize: 2 }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', activation: 'relu6' }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.conv2d({ filters: 4, kernelSize: 1 }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 3, activation: 'sigmoid' }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

function reviewCnnLstm(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: 30, outputDim: 6, inputLength: 12 }),
      tf.layers.conv1d({ filters: 5, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling1d({ poolSize: 2 }),
      tf.layers.lstm({ units: 4 }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
}

/** One SGD step from identical weights on `backend`; returns every weight afterwards. */
async function weightsAfterOneStep(
  backend: 'cpu' | 'wasm', build: () => tf.LayersModel, initial: Float32Array[], x: HostTensor, y: HostTensor,
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const model = build();
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(initial[i] as Float32Array, w.shape)));
  model.compile({ optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy' });
  await model.trainOnBatch(tf.tensor(x.values, x.shape, x.dtype), tf.tensor(y.values, y.shape, y.dtype));
  return model.getWeights().map((w) => w.dataSync() as Float32Array);
}

async function expectSameStepOnWasmAndCpu(build: () => tf.LayersModel, x: HostTensor, y: HostTensor): Promise<void> {
  await tf.setBackend('cpu');
  const initial = build().getWeights().map((w) => w.dataSync() as Float32Array);
  const cpu = await weightsAfterOneStep('cpu', build, initial, x, y);
  const wasm = await weightsAfterOneStep('wasm', build, initial, x, y);
  cpu.forEach((expected, i) => {
    const actual = wasm[i] as Float32Array;
    let scale = 1;
    let worst = 0;
    expected.forEach((v, j) => {
      scale = Math.max(scale, Math.abs(v));
      worst = Math.max(worst, Math.abs((actual[j] as number) - v));
    });
    expect(worst, `weight ${i}`).toBeLessThanOrEqual(RELATIVE_TOLERANCE * scale);
  });
}

describe('a training step on wasm (with the registered gradients) matches cpu', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('for a poster CNN with conv, batch norm, max pool, depthwise conv and dense layers', async () => {
    const labels = randomTensor([4, 3], 21);
    labels.values = labels.values.map((v) => (v > 0 ? 1 : 0));
    await expectSameStepOnWasmAndCpu(posterCnn, randomTensor([4, 16, 16, 3], 20), labels);
  });

  it('for a review CNN-LSTM with embedding, conv1d, max pool 1d, LSTM and dense layers', async () => {
    const tokens = intTensor(Array.from({ length: 4 * 12 }, (_, i) => (i * 7) % 30), [4, 12]);
    await expectSameStepOnWasmAndCpu(reviewCnnLstm, tokens, { values: Float32Array.from([1, 0, 1, 0]), shape: [4, 1], dtype: 'float32' });
  });

  it('leaves no tensors or wasm buffers behind over repeated steps', async () => {
    await tf.setBackend('wasm');
    const model = posterCnn();
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    const x = tf.randomUniform([2, 16, 16, 3]);
    const y = tf.randomUniform([2, 3]).round();
    await model.trainOnBatch(x, y);
    const counts = () => [tf.memory().numTensors, tf.backend().numDataIds()];
    const before = counts();
    for (let step = 0; step < 3; step++) await model.trainOnBatch(x, y);
    expect(counts()).toEqual(before);
  });
});
