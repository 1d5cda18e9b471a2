import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMovieTitle } from '../../../src/data/movie-titles.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { DEFAULT_BACKBONE } from '../../../src/ml/serving/poster/backbone.js';
import { loadSimilarIndex, nearestPosters, SIMILAR_DIR } from '../../../src/ml/serving/poster/similar-index.js';
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
  const codes = quantiseEmbeddings({ rows: ROWS, cols: COLS, data: features }, BLOCK, norm);
  const metadata = {
    task: 'similar' as const, backbone: { ...DEFAULT_BACKBONE, package: 'nsfwjs' }, block: BLOCK, count: ROWS,
    codes: 'int8', builtFrom: {}, builtWith: 'test', date: '2026-01-01',
  };
  await writeSimilarIndex(join(modelsDir, SIMILAR_DIR), { metadata, items, codes, norm });
});

afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

describe('the similar-poster index', () => {
  it('round-trips: each indexed row is its own nearest neighbour, with its title and year', async () => {
    const index = (await loadSimilarIndex(modelsDir))!;
    const before = tf.memory().numTensors;
    const { values, indices } = tf.tidy(() => tf.topk(index.similarities(tf.tensor2d(features, [ROWS, COLS])), 3));
    const nearest = nearestPosters(index, (await values.array()) as number[][], (await indices.array()) as number[][]);
    tf.dispose([values, indices]);
    expect(tf.memory().numTensors).toBe(before);
    nearest.forEach((neighbours, i) => {
      expect(neighbours[0]).toMatchObject(items[i]!);
      expect(neighbours[0]!.similarity).toBeGreaterThan(0.99);
      expect(neighbours).toHaveLength(3);
    });
    index.dispose();
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
