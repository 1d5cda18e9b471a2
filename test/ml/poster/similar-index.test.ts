import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMovieTitle } from '../../../src/data/movie-titles.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { DEFAULT_BACKBONE } from '../../../src/ml/serving/poster/backbone.js';
import type { SimilarPoster } from '../../../src/core/predictions.js';
import { loadSimilarIndex, nearestPosters, SIMILAR_DIR, type SimilarIndexMetadata } from '../../../src/ml/serving/poster/similar-index.js';
import { quantiseEmbeddings, writeSimilarIndex } from '../../../src/ml/training/poster/similar-index-builder.js';
import { seededRandom } from '../../../src/util/seeded-random.js';

const ROWS = 40;
const COLS = 24;
const BLOCK = { name: 'out_relu/avg', offset: 8, size: 16 };

let modelsDir: string;
const random = seededRandom(7);
const features = Float32Array.from({ length: ROWS * COLS }, () => random() * 3);
const items = Array.from({ length: ROWS }, (_, i) => ({ id: `tt${String(i).padStart(7, '0')}`, title: `Film ${i}`, year: 1950 + i }));

beforeAll(async () => {
  await initBackend('wasm');
  modelsDir = await mkdtemp(join(tmpdir(), 'similar-'));
  const norm = { mean: new Float32Array(BLOCK.size).fill(1.5), std: new Float32Array(BLOCK.size).fill(0.9) };
  const codes = quantiseEmbeddings({ rows: ROWS, cols: COLS, data: features }, { block: BLOCK, norm });
  await writeSimilarIndex(join(modelsDir, SIMILAR_DIR), { metadata: metadataFor(), items, codes, embedding: { block: BLOCK, norm } });
});

function metadataFor(projectionDim?: number): SimilarIndexMetadata {
  return {
    task: 'similar', backbone: { ...DEFAULT_BACKBONE, package: 'nsfwjs' }, block: BLOCK, count: ROWS,
    ...(projectionDim === undefined ? {} : { projection: { dim: projectionDim, trainedOn: {} } }),
    codes: 'int8', builtFrom: {}, builtWith: 'test', date: '2026-01-01',
  };
}

async function nearestOfEveryRow(dir: string): Promise<SimilarPoster[][]> {
  const index = (await loadSimilarIndex(dir))!;
  const before = tf.memory().numTensors;
  const { values, indices } = tf.tidy(() => tf.topk(index.similarities(tf.tensor2d(features, [ROWS, COLS])), 3));
  const nearest = nearestPosters(index, (await values.array()) as number[][], (await indices.array()) as number[][]);
  tf.dispose([values, indices]);
  expect(tf.memory().numTensors).toBe(before);
  index.dispose();
  return nearest;
}

afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

describe('the similar-poster index', () => {
  it('round-trips: each indexed row is its own nearest neighbour, with its title and year', async () => {
    (await nearestOfEveryRow(modelsDir)).forEach((neighbours, i) => {
      expect(neighbours[0]).toMatchObject(items[i]!);
      expect(neighbours[0]!.similarity).toBeGreaterThan(0.99);
      expect(neighbours).toHaveLength(3);
    });
  });

  it('embeds queries through the shipped projection, as the codes were built', async () => {
    const dir = join(modelsDir, 'projected');
    const norm = { mean: new Float32Array(BLOCK.size), std: new Float32Array(BLOCK.size).fill(1) };
    const projection = Float32Array.from({ length: BLOCK.size * 6 }, () => random() - 0.5);
    const embedding = { block: BLOCK, norm, projection };
    const codes = quantiseEmbeddings({ rows: ROWS, cols: COLS, data: features }, embedding);
    expect(codes).toHaveLength(ROWS * 6);
    await writeSimilarIndex(join(dir, SIMILAR_DIR), { metadata: metadataFor(6), items, codes, embedding });
    (await nearestOfEveryRow(dir)).forEach((neighbours, i) => {
      expect(neighbours[0]!.id).toBe(items[i]!.id);
      expect(neighbours[0]!.similarity).toBeGreaterThan(0.99);
    });
  });

  it('refuses a projection whose size does not match its metadata', async () => {
    const dir = join(modelsDir, 'mismatched');
    const norm = { mean: new Float32Array(BLOCK.size), std: new Float32Array(BLOCK.size).fill(1) };
    const embedding = { block: BLOCK, norm, projection: new Float32Array(BLOCK.size * 6) };
    const codes = quantiseEmbeddings({ rows: ROWS, cols: COLS, data: features }, embedding);
    await writeSimilarIndex(join(dir, SIMILAR_DIR), { metadata: metadataFor(5), items, codes, embedding });
    await expect(loadSimilarIndex(dir)).rejects.toThrow(/projection\.f32 holds 96 weights, not 16 x 5/);
  });

  it('is simply absent from a models folder without it', async () => {
    expect(await loadSimilarIndex(join(modelsDir, 'nowhere'))).toBeUndefined();
  });

  it('reads titles and years as MovieGenre.csv writes them', () => {
    expect(parseMovieTitle('Toy Story (1995)')).toEqual({ title: 'Toy Story', year: 1995 });
    expect(parseMovieTitle('Amélie, le film (2001) ')).toEqual({ title: 'Amélie, le film', year: 2001 });
    expect(parseMovieTitle('Untitled')).toEqual({ title: 'Untitled' });
  });
});
