import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENRES } from '../../../src/core/genres.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { cutInputs, type PosterTargets, targetBatch } from '../../../src/ml/training/poster/fine-tune-batches.js';
import { fineTuneAndScore } from '../../../src/ml/training/poster/fine-tune-cv.js';
import { viewFeatures } from '../../../src/ml/training/poster/fine-tune-loop.js';
import { disposeNet, DEFAULT_FINE_TUNE } from '../../../src/ml/training/poster/fine-tune-model.js';
import type { FeatureTable } from '../../../src/ml/training/poster/feature-cache.js';
import { buildCutExtractor, CUT_SIZE } from '../../../src/ml/training/poster/top-activations.js';
import { buildTrainableTop } from '../../../src/ml/training/poster/trainable-top.js';
import { fakeMobileNet } from '../../helpers/fake-mobilenet.js';

const POSTERS = 24;
const GENRE_COUNT = GENRES.length;

/** A cut-activation table of random images, laid out as the cache lays it out (two views per poster). */
function cutTable(backbone: tf.LayersModel): FeatureTable {
  const extractor = buildCutExtractor(backbone);
  const images = tf.randomUniform([POSTERS, 7, 7, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
  const views = [images, tf.reverse(images, 2)].map((batch) => (extractor.predict(batch) as tf.Tensor2D).arraySync());
  const dim = views[0]![0]!.length;
  const data = Float32Array.from(Array.from({ length: POSTERS }, (_, row) => [...views[0]![row]!, ...views[1]![row]!]).flat());
  tf.dispose(images);
  return { ids: Array.from({ length: POSTERS }, (_, i) => `tt${i}`), data, dim, views: ['original', 'flipped'], unreadable: [] };
}

const targets: PosterTargets = {
  genre: Array.from({ length: POSTERS }, (_, i) => Array.from({ length: GENRE_COUNT }, (_, g) => ((i + g) % 3 === 0 ? 1 : 0))),
  rating: Array.from({ length: POSTERS }, (_, i) => (i % 4 === 0 ? undefined : 5 + (i % 5))),
};

describe('top fine-tuning', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('re-applies the backbone top to the cut activation and gives the same pooled taps as the whole network', () => {
    const backbone = fakeMobileNet();
    const images = tf.randomUniform([2, 7, 7, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const cut = tf.model({ inputs: backbone.inputs, outputs: backbone.getLayer('block_14_add').output as tf.SymbolicTensor });
    const whole = tf.model({ inputs: backbone.inputs, outputs: ['block_16_expand_relu', 'out_relu'].map((name) => backbone.getLayer(name).output as tf.SymbolicTensor) });
    const top = buildTrainableTop(backbone);
    const [tap, out] = whole.predict(images) as tf.Tensor4D[];
    const expected = tf.concat([tap!.mean([1, 2]), out!.mean([1, 2])], 1);
    const actual = top.predict(cut.predict(images) as tf.Tensor4D) as tf.Tensor2D;
    expect(actual.shape).toEqual([2, 8 + 12]);
    expect(actual.sub(expected).abs().max().dataSync()[0]).toBeLessThan(1e-5);
  });

  it('batches cut activations and low taps per view, and masks posters without a rating', () => {
    const table = cutTable(fakeMobileNet());
    expect(table.dim).toBe(CUT_SIZE + 16);
    const { cut, low } = cutInputs(table, [{ row: 1, view: 1 }, { row: 3, view: 0 }]);
    expect(cut.shape).toEqual([2, 7, 7, 160]);
    expect(low.shape).toEqual([2, 16]);
    const start = (1 * 2 + 1) * table.dim;
    expect(Array.from(low.dataSync().slice(0, 16))).toEqual(Array.from(table.data.slice(start + CUT_SIZE, start + table.dim)));
    const y = targetBatch(targets, [0, 1]);
    expect(Array.from(y.ratingMask.dataSync())).toEqual([0, 1]);
    tf.dispose([cut, low, y.genre, y.rating, y.ratingMask]);
  });

  it('trains heads on the frozen top, then fine-tunes the shared top weights, scoring every stage without leaking tensors', async () => {
    const backbone = fakeMobileNet();
    const table = cutTable(backbone);
    const top = buildTrainableTop(backbone);
    const rows = Array.from({ length: POSTERS }, (_, i) => i);
    const frozen = { rows, ...viewFeatures(top, table, rows) };
    const before = backbone.getLayer('out_relu').getWeights()[0]!.dataSync().slice();
    const tensors = tf.memory().numTensors;
    const hp = { ...DEFAULT_FINE_TUNE, headEpochs: 2, topEpochs: 2, batchSize: 8, head: { ...DEFAULT_FINE_TUNE.head, batchSize: 8 } };
    const outcome = await fineTuneAndScore(top, table, frozen, targets, rows.slice(0, 16), rows.slice(16), hp, 1, () => {});
    expect(Object.keys(outcome.frozen)).toEqual(['mAP', 'macroAuc', 'top3Precision', 'mae']);
    expect(outcome.tuned).toHaveLength(2);
    expect(outcome.tuned.every((score) => Object.values(score).every(Number.isFinite))).toBe(true);
    const after = backbone.getLayer('out_relu').getWeights()[0]!.dataSync();
    expect(after.some((value, i) => value !== before[i])).toBe(true);
    disposeNet(outcome.net);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('with a top learning rate of 0 trains only the heads, on cached features (the control)', async () => {
    const backbone = fakeMobileNet();
    const table = cutTable(backbone);
    const top = buildTrainableTop(backbone);
    const rows = Array.from({ length: POSTERS }, (_, i) => i);
    const frozen = { rows, ...viewFeatures(top, table, rows) };
    const before = top.getWeights().map((weight) => weight.dataSync().slice());
    const hp = { ...DEFAULT_FINE_TUNE, headEpochs: 1, topEpochs: 1, topLearningRate: 0, batchSize: 8, head: { ...DEFAULT_FINE_TUNE.head, batchSize: 8 } };
    const outcome = await fineTuneAndScore(top, table, frozen, targets, rows.slice(0, 16), rows.slice(16), hp, 1, () => {});
    expect(outcome.tuned).toHaveLength(1);
    expect(top.getWeights().map((weight) => Array.from(weight.dataSync()))).toEqual(before.map((values) => Array.from(values)));
    disposeNet(outcome.net);
  });
});
