import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENRES } from '../../../src/core/genres.js';
import type { Poster } from '../../../src/data/posters.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { loadLayersModel, saveModel } from '../../../src/ml/runtime/model-io.js';
import type { FeatureTable } from '../../../src/ml/training/poster/feature-cache.js';
import { buildHead, compileHead, DEFAULT_HEAD, withoutAuxiliaryOutputs } from '../../../src/ml/training/poster/head.js';
import { taskRows } from '../../../src/ml/training/poster/poster-rows.js';
import { trainFeatureHead } from '../../../src/ml/training/poster/train-head.js';

const HEAD = { ...DEFAULT_HEAD, hidden: 8, dropout: 0, inputDropout: 0, learningRate: 1e-2, batchSize: 8, auxGenreWeight: 1 };
const DIM = 6;

/** Posters whose first feature says Drama (rated 8) or not (rated 5): genre and rating ride on one direction. */
function dramaTable(count: number): { table: FeatureTable; targets: number[][] } {
  const drama = GENRES.indexOf('Drama');
  const data = new Float32Array(count * DIM);
  const targets = Array.from({ length: count }, (_, i) => {
    const isDrama = i % 2;
    for (let c = 0; c < DIM; c++) data[i * DIM + c] = c === 0 ? isDrama * 2 - 1 : Math.sin(i * (c + 1));
    return [isDrama ? 8 : 5, ...GENRES.map((_, g) => (g === drama ? isDrama : 0))];
  });
  return { table: { ids: targets.map((_, i) => `tt${i}`), data, dim: DIM, views: ['original'], unreadable: [] }, targets };
}

describe('a rating head that learns the genres beside the rating', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('follows each rating target with the genre labels only when asked', () => {
    const poster = { id: 'tt1', genres: GENRES.map((_, g) => (g === 0 ? 1 : 0)), rating: 7.1 } as unknown as Poster;
    const posters = new Map([[poster.id, poster]]);
    expect(taskRows('rating', ['tt1'], posters).targets).toEqual([[7.1]]);
    expect(taskRows('rating', ['tt1'], posters, true).targets).toEqual([[7.1, 1, ...new Array<number>(24).fill(0)]]);
    expect(taskRows('genre', ['tt1'], posters, true).targets).toEqual([poster.genres]);
  });

  it('starts at the mean rating with even genre odds, and its served copy answers the rating output alone', async () => {
    const head = buildHead('rating', DIM, HEAD, 6.5);
    const x = tf.randomNormal([3, DIM]);
    const full = (head.predict(x) as tf.Tensor).arraySync() as number[][];
    expect(full[0]).toHaveLength(1 + GENRES.length);
    full.forEach((row) => expect(row).toEqual([6.5, ...new Array<number>(GENRES.length).fill(0)]));
    const served = withoutAuxiliaryOutputs(head, 'rating', HEAD);
    expect((served.predict(x) as tf.Tensor).shape).toEqual([3, 1]);
    x.dispose();
  });

  it('trains on wasm, and saves a one-output head that answers as the trained rating output', async () => {
    const { table, targets } = dramaTable(32);
    const rows = targets.map((_, i) => i);
    const fit = { epochs: 30, batchSize: 8, patience: 30, seed: 3, progress: false };
    const trained = await trainFeatureHead('rating', table, targets, rows, rows, HEAD, fit);
    expect(trained.predictions[0]).toHaveLength(1);
    expect(trained.metrics.mae).toBeLessThan(0.5);
    const dir = await mkdtemp(join(tmpdir(), 'rating-with-genres-'));
    await saveModel(trained.model, dir);
    const loaded = await loadLayersModel(dir);
    const x = tf.tensor2d(table.data.slice(0, 4 * DIM), [4, DIM]);
    const [saved, inMemory] = [loaded, trained.model].map((model) => Array.from((model.predict(x) as tf.Tensor).dataSync()));
    saved!.forEach((value, i) => expect(value).toBeCloseTo(inMemory![i]!, 5));
    tf.dispose(x);
    await rm(dir, { recursive: true, force: true });
  });

  it('learns the genre outputs too while training', async () => {
    const { table, targets } = dramaTable(32);
    const head = buildHead('rating', DIM, HEAD, 6.5);
    compileHead(head, 'rating', HEAD, targets);
    const x = tf.tensor2d(table.data, [32, DIM]);
    const y = tf.tensor2d(targets);
    await head.fit(x, y, { epochs: 40, batchSize: 8, verbose: 0 });
    const logits = (head.predict(x) as tf.Tensor).arraySync() as number[][];
    const drama = 1 + GENRES.indexOf('Drama');
    expect(logits[1]![drama]).toBeGreaterThan(logits[0]![drama]!);
    tf.dispose([x, y]);
  });
});
