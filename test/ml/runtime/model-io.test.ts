import { mkdtemp, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { loadLayersModel, saveModel } from '../../../src/ml/runtime/model-io.js';

function tinyModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 2, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}

describe('model-io', () => {
  let dir: string;
  beforeAll(async () => {
    await initBackend('wasm');
    dir = await mkdtemp(join(tmpdir(), 'model-io-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves float16 weights on request: half the bytes, the same answers within half precision', async () => {
    const model = tinyModel();
    const input = tf.randomUniform([4, 8, 8, 3], 0, 1, 'float32', 3);
    await saveModel(model, join(dir, 'full'));
    await saveModel(model, join(dir, 'half'), { float16: true });
    const [full, half] = [(await stat(join(dir, 'full', 'weights.bin'))).size, (await stat(join(dir, 'half', 'weights.bin'))).size];
    expect(half).toBe(full / 2);
    const loaded = await loadLayersModel(join(dir, 'half'));
    const [expected, actual] = [model.predict(input) as tf.Tensor, loaded.predict(input) as tf.Tensor];
    expect(tf.max(tf.abs(expected.sub(actual))).dataSync()[0]).toBeLessThan(2e-3);
    expect(tf.max(tf.abs(expected.sub(actual))).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([input, expected, actual]);
    model.dispose();
    loaded.dispose();
  });

  it('loads back a trained model that predicts exactly what it predicted before saving', async () => {
    const model = tinyModel();
    const x = tf.randomUniform([6, 8, 8, 3], 0, 1, 'float32', 1);
    const y = tf.randomUniform([6, 2], 0, 1, 'float32', 2).round();
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    const modelDir = join(dir, 'trained');
    await saveModel(model, modelDir);

    const loaded = await loadLayersModel(modelDir);
    const before = (model.predict(x) as tf.Tensor).arraySync();
    const after = (loaded.predict(x) as tf.Tensor).arraySync();
    expect(after).toEqual(before);
    expect(loaded.layers.map((layer) => layer.name)).toEqual(model.layers.map((layer) => layer.name));
  });

  it('loads a model saved on the cpu backend into wasm with the same weights', async () => {
    const modelDir = join(dir, 'cross-backend');
    await tf.setBackend('cpu');
    const model = tinyModel();
    const weights = model.getWeights().map((w) => w.arraySync());
    await saveModel(model, modelDir);
    await initBackend('wasm');
    const loaded = await loadLayersModel(modelDir);
    expect(loaded.getWeights().map((w) => w.arraySync())).toEqual(weights);
  });

  it('names the missing file when the directory holds no model', async () => {
    await expect(loadLayersModel(join(dir, 'absent'))).rejects.toThrow(/Cannot read model file .*absent.*model\.json/);
  });

  it('rejects a model.json that is not a TensorFlow.js model', async () => {
    const bad = join(dir, 'bad');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'model.json'), '{"hello": 1}');
    await expect(loadLayersModel(bad)).rejects.toThrow(/no modelTopology/);
  });
});
