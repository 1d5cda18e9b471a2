import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { WeightAverage } from '../../../src/ml/training/review/weight-average.js';

function tinyModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 2, inputShape: [3] }));
  return model;
}

const setAll = (model: tf.LayersModel, value: number) => model.setWeights(model.getWeights().map((weight) => tf.fill(weight.shape, value)));
const firstValue = (model: tf.LayersModel) => model.getWeights()[0]!.dataSync()[0];

describe('weight average', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('lends the model the mean of the weights it was given, then gives its own back', async () => {
    const model = tinyModel();
    const average = new WeightAverage();
    for (const value of [1, 2, 6]) {
      setAll(model, value);
      average.add(model);
    }
    expect(average.count).toBe(3);
    expect(await average.scoreWith(model, async (lent) => firstValue(lent))).toBeCloseTo(3);
    expect(firstValue(model)).toBe(6);
    average.dispose();
    model.dispose();
  });

  it('keeps no tensor beyond the mean itself', async () => {
    const model = tinyModel();
    const average = new WeightAverage();
    average.add(model);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      average.add(model);
      await average.scoreWith(model, async () => undefined);
    }
    expect(tf.memory().numTensors).toBe(before);
    average.dispose();
    model.dispose();
  });
});
