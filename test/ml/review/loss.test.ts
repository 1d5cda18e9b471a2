import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { reviewLoss, sideLoss } from '../../../src/ml/training/review/loss.js';

const value = (tensor: tf.Tensor): number => {
  const number = tensor.dataSync()[0]!;
  tensor.dispose();
  return number;
};
const column = (values: number[]): tf.Tensor2D => tf.tensor2d(values, [values.length, 1]);

describe('the review loss with a side term', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('charges an output on the wrong side of 5.5 more than one as far off on the right side', () => {
    // Target 7.5 (0.444); outputs 0.444 ± 0.6 in target units: same absolute error, opposite sides for one.
    const [wrong, right] = [value(sideLoss(column([0.444]), column([-0.156]))), value(sideLoss(column([0.444]), column([1.044])))];
    expect(wrong).toBeGreaterThan(0.69);
    expect(right).toBeLessThan(0.01);
  });

  it('gives neutral targets (exactly 0) no weight and averages over the rows that have a side', () => {
    const alone = value(sideLoss(column([-0.444]), column([0.1])));
    expect(value(sideLoss(column([-0.444, 0, 0]), column([0.1, 0.9, -0.9])))).toBeCloseTo(alone, 6);
    expect(value(sideLoss(column([0, 0]), column([0.5, -0.5])))).toBe(0);
  });

  it('is tfjs MAE at weight 0 and adds weight x side loss otherwise', () => {
    expect(reviewLoss('mae', 0)).toBe('meanAbsoluteError');
    const [yTrue, yPred] = [column([-1, 0, 0.444, 1]), column([-0.5, 0.2, 0.1, 0.9])];
    const loss = reviewLoss('mae', 0.5) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
    const mae = (0.5 + 0.2 + 0.344 + 0.1) / 4;
    expect(value(loss(yTrue, yPred))).toBeCloseTo(mae + 0.5 * value(sideLoss(yTrue, yPred)), 5);
    tf.dispose([yTrue, yPred]);
  });

  it('trains a model through trainOnBatch, leaving no tensor behind', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: reviewLoss('mae', 1) });
    const [x, y] = [tf.tensor2d([[1, 0], [0, 1], [1, 1]]), column([0.444, -0.444, 0])];
    const before = tf.memory().numTensors;
    for (let step = 0; step < 20; step++) await model.trainOnBatch(x, y);
    expect(tf.memory().numTensors).toBe(before);
    const output = model.predict(x) as tf.Tensor;
    const [positive, negative] = output.dataSync();
    expect(positive).toBeGreaterThan(0);
    expect(negative).toBeLessThan(0);
    tf.dispose([x, y, output]);
    model.dispose();
  });
});
