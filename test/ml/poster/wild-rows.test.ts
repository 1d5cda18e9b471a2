import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENRES } from '../../../src/core/genres.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { crossValidate } from '../../../src/ml/training/poster/cross-validation.js';
import type { FeatureTable } from '../../../src/ml/training/poster/feature-cache.js';
import type { TaskRows } from '../../../src/ml/training/poster/poster-rows.js';
import { posterOfWildId, trainingWildPlans, wildId } from '../../../src/ml/training/poster/wild-features.js';
import { addWildRows, blendWildTargets, stopSliceWildStability, wildTraining } from '../../../src/ml/training/poster/wild-rows.js';

const VIEWS = ['original', 'flipped'] as const;

/** A table of `ids` with 2 views x 2 columns; row r's values are r*10 + view*2 + column. */
function table(ids: string[]): FeatureTable {
  const data = Float32Array.from(ids.flatMap((_, r) => [0, 1, 2, 3].map((k) => r * 10 + k)));
  return { ids, data, dim: 2, views: VIEWS, unreadable: [] };
}

/** Posters a and b train, c validates; d has no target (no rating). */
const clean = table(['tt_a', 'tt_b', 'tt_c', 'tt_d']);
const rows: TaskRows = { targets: [[1, 0], [0, 1], [1, 1], []], train: [0, 1], validation: [2] };
const wildIds = [
  wildId('tt_b', { kind: 'screenshot', seed: 100001 }),
  wildId('tt_c', { kind: 'phone-photo', seed: 100002 }),
  wildId('tt_a', { kind: 'phone-photo', seed: 100000 }),
  wildId('tt_d', { kind: 'phone-photo', seed: 100003 }),
  wildId('tt_z', { kind: 'webp', seed: 100004 }),
  wildId('tt_a', { kind: 'screenshot', seed: 200000 }),
];

describe('wild training rows', () => {
  it('appends only training posters\' wild pictures, labelled with their poster\'s labels', () => {
    expect(posterOfWildId(wildIds[0]!)).toBe('tt_b');
    const wild = addWildRows(clean, rows, table(wildIds));
    expect(wild.table.ids).toEqual([...clean.ids, wildIds[0], wildIds[2], wildIds[5]]);
    expect(wild.targets.slice(4)).toEqual([[0, 1], [1, 0], [1, 0]]);
    expect(Array.from(wild.table.data.subarray(4 * 4, 5 * 4))).toEqual([0, 1, 2, 3]);
    expect(Array.from(wild.table.data.subarray(5 * 4, 6 * 4))).toEqual([20, 21, 22, 23]);
    expect(wild.added).toEqual({ screenshot: 2, 'phone-photo': 1 });
    expect(wild.withWild([0, 1])).toEqual([0, 5, 6, 1, 4]);
    expect(wild.withWild([2, 3])).toEqual([2, 3]);
  });

  it('keeps a poster\'s wild rows in its own cross-validation fold, out of the held fold', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `tt${i}`);
    const many = table(ids);
    const manyRows: TaskRows = { targets: ids.map(() => [1]), train: ids.map((_, i) => i), validation: [] };
    const wild = addWildRows(many, manyRows, table(ids.map((id, i) => wildId(id, { kind: 'scan', seed: 200000 + i }))));
    await crossValidate(ids, 3, async (foldTrain, foldHeld) => {
      const posterOf = (id: string) => (id.includes(':') ? posterOfWildId(id) : id);
      const trained = new Set(wild.withWild(foldTrain).map((row) => posterOf(wild.table.ids[row]!)));
      expect(foldHeld.some((row) => trained.has(ids[row]!))).toBe(false);
      expect(wild.withWild(foldTrain)).toHaveLength(2 * foldTrain.length);
      return { metrics: {}, bestEpoch: 0 };
    });
  });

  it('moves wild rows\' targets towards their poster\'s answer, leaving clean rows and unanswered posters alone', () => {
    const wild = addWildRows(clean, rows, table(wildIds));
    expect(wild.posterRows).toEqual([1, 0, 0]);
    const answers = new Map([[0, [0.6, 0.4]]]);
    const blended = blendWildTargets(wild.targets, wild, answers, 0.5);
    expect(blended.slice(0, 4)).toEqual(wild.targets.slice(0, 4));
    expect(blended.slice(4)).toEqual([[0, 1], [0.8, 0.2], [0.8, 0.2]]);
    expect(blendWildTargets(wild.targets, wild, answers, 1)[5]).toEqual([0.6, 0.4]);
    expect(wild.targets[5]).toEqual([1, 0]);
  });

  it('refuses wild features of another backbone', () => {
    expect(() => addWildRows(clean, rows, { ...table(wildIds), dim: 1 })).toThrow(/not the same backbone/);
  });
});

describe('training wild plans', () => {
  it('gives each poster the kinds in turn over the rounds, one seed per picture, round 0 unchanged by more rounds', () => {
    const plans = trainingWildPlans(3, 2);
    expect(plans.map((plan) => plan.kind)).toEqual(['phone-photo', 'screenshot', 'phone-photo', 'screenshot', 'phone-photo', 'screenshot']);
    expect(plans.map((plan) => plan.seed)).toEqual([100000, 100001, 100002, 100003, 100004, 100005]);
    expect(plans.slice(0, 3)).toEqual(trainingWildPlans(3));
  });
});

describe('wild training', () => {
  it('adds the wild pictures\' rows when there are any, and trains on clean rows alone without', () => {
    const oneView = { ids: ['tt_a', 'tt_b'], data: new Float32Array(6), dim: 3, views: ['original' as const], unreadable: [] };
    const oneViewRows: TaskRows = { targets: [[1], [0]], train: [0, 1], validation: [] };
    const pictures = { ...oneView, ids: [wildId('tt_a', { kind: 'crop', seed: 200000 })], data: Float32Array.of(1, 2, 3) };
    const wild = wildTraining(oneView, oneViewRows, pictures, () => {});
    expect(wild.table.ids).toEqual(['tt_a', 'tt_b', 'tt_a:crop:200000']);
    expect(Array.from(wild.table.data.subarray(6))).toEqual([1, 2, 3]);
    expect(wild.posterRows).toEqual([0]);
    const none = wildTraining(oneView, oneViewRows, undefined, () => {});
    expect(none.table).toBe(oneView);
    expect(none.withWild([1, 0])).toEqual([1, 0]);
  });
});

describe('stability in the wild on the early-stop slice', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('compares each slice poster\'s top 3 with its wild pictures\', and only theirs', async () => {
    // One column: genre g scores x * (g - 12), so a positive row ranks the last genres first and a negative row the first.
    const model = tf.sequential({ layers: [tf.layers.dense({ units: GENRES.length, inputShape: [1], useBias: false })] });
    model.layers[0]!.setWeights([tf.tensor2d([GENRES.map((_, g) => g - 12)])]);
    const stats = { mean: Float32Array.of(0), std: Float32Array.of(1) };
    const ids = ['tt_a', 'tt_b', 'tt_c', 'tt_a:phone-photo:1', 'tt_b:screenshot:2', 'tt_c:scan:3'];
    const oneColumn: FeatureTable = { ids, data: Float32Array.of(1, 1, 1, 2, -1, 1), dim: 1, views: ['original'], unreadable: [] };
    const withWild = (rows: readonly number[]) => rows.flatMap((row) => [row, row + 3]);
    const both = await stopSliceWildStability({ model, stats }, oneColumn, withWild, [0, 1], (m) => m);
    expect(both).toEqual({ pictures: 2, top3Agreement: 1.5 });
    expect(await stopSliceWildStability({ model, stats }, oneColumn, (rows) => [...rows], [0], (m) => m)).toBeUndefined();
    model.dispose();
  });
});
