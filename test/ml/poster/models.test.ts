import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPosterDataset } from '../../../src/data/posters.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { loadLayersModel, saveModel } from '../../../src/ml/runtime/model-io.js';
import { loadOrExtractFeatures } from '../../../src/ml/training/poster/feature-cache.js';
import { fitModel, predictAll } from '../../../src/ml/training/poster/fit.js';
import { DEFAULT_HEAD } from '../../../src/ml/training/poster/head.js';
import { decodeAllPosters, pixelExamples } from '../../../src/ml/training/poster/pixel-examples.js';
import { buildScratchModel } from '../../../src/ml/training/poster/scratch-model.js';
import { trainFeatureHead } from '../../../src/ml/training/poster/train-head.js';
import { createPosterFixture, type PosterFixture } from './poster-fixture.js';

const TINY_SCRATCH = { inputSize: 16, filters: [4, 8], dense: 8, dropout: 0.1, learningRate: 1e-2, batchSize: 4 };
const FIT = { epochs: 2, batchSize: 4, patience: 5, seed: 1, progress: false };

describe('poster models', () => {
  let fixture: PosterFixture;
  let tmp: string;
  beforeAll(async () => {
    await initBackend('wasm');
    fixture = await createPosterFixture();
    tmp = await mkdtemp(join(tmpdir(), 'poster-models-'));
  });
  afterAll(async () => {
    await rm(fixture.dir, { recursive: true, force: true });
    await rm(tmp, { recursive: true, force: true });
  });

  it('decodes posters with the serving preprocessing, skipping and counting the unreadable one', async () => {
    const { posters } = await loadPosterDataset(fixture.dir);
    const table = await decodeAllPosters(posters, 16);
    expect(table.ids).toEqual(fixture.readableIds);
    expect(table.unreadable.map((u) => u.id)).toEqual([fixture.unreadableId]);
    expect(table.pixels.length).toBe(fixture.readableIds.length * 16 * 16 * 3);
  });

  it('fits the scratch CNN for two epochs, predicts 25 probabilities and survives a save/load round trip', async () => {
    const { posters } = await loadPosterDataset(fixture.dir);
    const table = await decodeAllPosters(posters, 16);
    const targets = table.ids.map((id) => [...posters.find((p) => p.id === id)!.genres]);
    const rows = table.ids.map((_, i) => i);
    const model = buildScratchModel('genre', TINY_SCRATCH);
    const train = pixelExamples(table, rows.slice(0, 8), targets);
    const held = pixelExamples(table, rows.slice(8), targets);
    const result = await fitModel(model, 'genre', train, held, FIT, held);
    expect(result.history.map((r) => r.epoch)).toEqual([1, 2]);
    expect(result.history[0]).toHaveProperty('val_mAP');
    const before = await predictAll(model, held);
    expect(before).toHaveLength(4);
    expect(before[0]).toHaveLength(25);
    expect(before.flat().every((p) => p >= 0 && p <= 1)).toBe(true);
    await saveModel(model, join(tmp, 'scratch'));
    const loaded = await loadLayersModel(join(tmp, 'scratch'));
    const after = await predictAll(loaded, held);
    after.flat().forEach((p, i) => expect(p).toBeCloseTo(before.flat()[i]!, 5));
    model.dispose();
    loaded.dispose();
  });

  it('fits the scratch CNN with data-parallel steps over two workers, early stopping and history as with fitDataset', async () => {
    const { posters } = await loadPosterDataset(fixture.dir);
    const table = await decodeAllPosters(posters, 16);
    const targets = table.ids.map((id) => [...posters.find((p) => p.id === id)!.genres]);
    const rows = table.ids.map((_, i) => i);
    const model = buildScratchModel('genre', TINY_SCRATCH);
    const before = model.getWeights().map((w) => w.clone());
    const held = pixelExamples(table, rows.slice(8), targets);
    const result = await fitModel(model, 'genre', pixelExamples(table, rows.slice(0, 8), targets), held, { ...FIT, workers: 2 }, held);
    expect(result.history.map((r) => r.epoch)).toEqual([1, 2]);
    expect(result.history[0]!.loss).toBeGreaterThan(0);
    expect(result.history[0]).toHaveProperty('val_mAP');
    expect(tf.max(tf.abs(tf.sub(model.getWeights()[0]!, before[0]!))).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose(before);
    model.dispose();
  });

  it('trains a rating head on features from the mean (the bias starts at the training mean)', async () => {
    const rows = 40;
    const dim = 6;
    const data = Float32Array.from({ length: rows * 2 * dim }, (_, i) => Math.sin(i * 12.9898) * 3);
    const table = { ids: Array.from({ length: rows }, (_, i) => `tt${i}`), data, dim, views: ['original', 'flipped'] as const, unreadable: [] };
    const targets = Array.from({ length: rows }, (_, i) => [5 + (data[i * 2 * dim]! > 0 ? 1 : -1)]);
    const head = await trainFeatureHead('rating', { ...table, views: [...table.views] }, targets, [...Array(30).keys()], [...Array(10).keys()].map((i) => i + 30),
      { ...DEFAULT_HEAD, hidden: 4, batchSize: 8, learningRate: 1e-2 }, FIT);
    expect(head.predictions).toHaveLength(10);
    expect(head.metrics.mae).toBeGreaterThan(0);
    expect(head.stats.mean).toHaveLength(dim);
    expect(head.history).toHaveLength(2);
    head.model.dispose();
  });

  it('caches backbone features on disk and records unreadable images instead of failing', async () => {
    const { posters } = await loadPosterDataset(fixture.dir);
    const extractor = tf.sequential({ layers: [tf.layers.globalAveragePooling2d({ inputShape: [8, 8, 3] })] });
    const spec = { key: { test: 1 }, inputSize: 8, scale: 1 / 255, views: ['original', 'flipped'] as const, dim: 3 };
    const first = await loadOrExtractFeatures(posters, extractor, { ...spec, views: [...spec.views] }, join(tmp, 'cache'));
    expect(first.ids).toEqual(fixture.readableIds);
    expect(first.unreadable.map((u) => u.id)).toEqual([fixture.unreadableId]);
    expect(first.data).toHaveLength(fixture.readableIds.length * 2 * 3);
    // Red posters: the red channel's mean dominates, identical in both views.
    expect(first.data[0]).toBeGreaterThan(first.data[2]!);
    expect(first.data[0]).toBeCloseTo(first.data[3]!, 5);
    const throwing = { predict: () => { throw new Error('cache missed'); } } as unknown as tf.LayersModel;
    const second = await loadOrExtractFeatures(posters, throwing, { ...spec, views: [...spec.views] }, join(tmp, 'cache'));
    expect(Array.from(second.data)).toEqual(Array.from(first.data));
    extractor.dispose();
  });
});

describe('head ensembles and class-weight correction', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('merges heads into one model whose output is their mean, and saves/loads it', async () => {
    const { buildHead } = await import('../../../src/ml/training/poster/head.js');
    const { mergeHeads } = await import('../../../src/ml/training/poster/ensemble.js');
    const heads = [0, 1].map(() => buildHead('genre', 5, { ...DEFAULT_HEAD, hidden: 3 }));
    const merged = mergeHeads(heads);
    const x = tf.randomNormal([4, 5]);
    const expected = tf.tidy(() => tf.addN(heads.map((h) => h.predict(x) as tf.Tensor)).div(2));
    const actual = merged.predict(x) as tf.Tensor;
    Array.from(actual.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected.dataSync()[i]!, 6));
    const dir = await mkdtemp(join(tmpdir(), 'ensemble-'));
    await saveModel(merged, dir);
    const loaded = await loadLayersModel(dir);
    const reloaded = loaded.predict(x) as tf.Tensor;
    Array.from(reloaded.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected.dataSync()[i]!, 5));
    tf.dispose([x, expected, actual, reloaded]);
    await rm(dir, { recursive: true, force: true });
  });

  it('removes the class-weight shift from the output logits: weight w lowers the odds by w, ranking unchanged', async () => {
    const { buildHead, undoClassWeightShift } = await import('../../../src/ml/training/poster/head.js');
    const head = buildHead('genre', 4, { ...DEFAULT_HEAD, hidden: 0 });
    const x = tf.randomNormal([3, 4]);
    const before = (head.predict(x) as tf.Tensor).arraySync() as number[][];
    undoClassWeightShift(head, Array.from({ length: 25 }, (_, i) => (i === 0 ? 4 : 1)));
    const after = (head.predict(x) as tf.Tensor).arraySync() as number[][];
    const odds = (p: number) => p / (1 - p);
    before.forEach((row, r) => {
      expect(odds(after[r]![0]!)).toBeCloseTo(odds(row[0]!) / 4, 4);
      expect(after[r]![1]).toBeCloseTo(row[1]!, 6);
    });
    x.dispose();
  });
});
