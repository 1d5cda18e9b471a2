import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENRES } from '../../../src/core/genres.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { saveModel } from '../../../src/ml/runtime/model-io.js';
import { DEFAULT_BACKBONE } from '../../../src/ml/serving/poster/backbone.js';
import { attributionGrid } from '../../../src/ml/serving/poster/explain.js';
import { writeFeatureNorm, writePosterMetadata } from '../../../src/ml/serving/poster/metadata.js';
import { loadPosterPredictor } from '../../../src/ml/serving/poster/predictor.js';
import { deletionDrop } from '../../../src/ml/training/poster/explain-deletion.js';
import { buildHead, DEFAULT_HEAD } from '../../../src/ml/training/poster/head.js';

/** 28 px images read as a 7 x 7 grid of 4 px cells. */
const SIZE = 28;
const CELL = 4;

/**
 * A fixture "model" that only looks at red: one activation per 4 px cell (how much redder than grey it is), and a
 * genre probability rising with the mean redness. Whatever makes it say its genre is where the red is.
 */
function redness(images: tf.Tensor4D): tf.Tensor4D {
  const kernel = tf.tensor4d([1, -0.5, -0.5], [1, 1, 3, 1]).tile([CELL, CELL, 1, 1]).div(CELL * CELL * 255) as tf.Tensor4D;
  return tf.conv2d(images, kernel, CELL, 'valid').relu();
}
const probabilityOf = (activations: tf.Tensor4D[]): tf.Tensor1D =>
  tf.addN(activations.map((a) => a.mean([1, 2, 3]))).div(activations.length).mul(20).sub(1).sigmoid() as tf.Tensor1D;

/** Grey, with a red patch over the cells of rows 1-2 and columns 4-5. */
function patchedImage(): Uint8Array {
  const pixels = new Uint8Array(SIZE * SIZE * 3).fill(128);
  for (let y = CELL; y < 3 * CELL; y++) {
    for (let x = 4 * CELL; x < 6 * CELL; x++) pixels.set([230, 20, 20], (y * SIZE + x) * 3);
  }
  return pixels;
}

const asBatch = (images: Uint8Array[]) => tf.tensor4d(Uint8Array.from(images.flatMap((image) => [...image])), [images.length, SIZE, SIZE, 3], 'int32').toFloat() as tf.Tensor4D;

function fixtureGrid(image: Uint8Array): number[][] {
  return tf.tidy(() => {
    const input = asBatch([image]);
    const views = [{ activations: redness(input), flipped: false }, { activations: redness(tf.reverse(input, 2)), flipped: true }];
    return attributionGrid(views, 7, (activations) => probabilityOf(activations).reshape([]) as tf.Scalar);
  });
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('the heat map (gradient x activation per cell)', () => {
  it('is a 7 x 7 grid of non-negative numbers with max 1, hottest where the model looks, row 0 at the top', () => {
    const before = tf.memory().numTensors;
    const grid = fixtureGrid(patchedImage());
    expect(tf.memory().numTensors).toBe(before);
    expect(grid).toHaveLength(7);
    for (const row of grid) expect(row).toHaveLength(7);
    expect(Math.min(...grid.flat())).toBeGreaterThanOrEqual(0);
    expect(Math.max(...grid.flat())).toBeCloseTo(1, 6);
    for (const [row, col] of [[1, 4], [1, 5], [2, 4], [2, 5]] as const) expect(grid[row]![col]).toBeCloseTo(1, 3);
    expect(grid[5]![1]).toBe(0);
  });

  it('passes the deletion test: greying its hottest 20% costs at least twice what 20% at random does', async () => {
    const image = patchedImage();
    const probability = async (images: Uint8Array[]) => Array.from(tf.tidy(() => probabilityOf([redness(asBatch(images))]).dataSync()));
    const drop = await deletionDrop(image, SIZE, fixtureGrid(image), probability, 1, 20);
    expect(drop.heat).toBeGreaterThan(0.2);
    expect(drop.heat).toBeGreaterThanOrEqual(2 * drop.random);
  });
});

describe('predictor.explain on a frozen-MobileNetV2 head', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'explain-models-'));
    // A 14 x 14 tap and the 7 x 7 last block, average- and max-pooled, as the shipped heads read them.
    const backbone = { ...DEFAULT_BACKBONE, taps: [{ layer: 'block_13_expand_relu', pools: ['avg' as const] }, { layer: 'out_relu', pools: ['avg' as const, 'max' as const] }] };
    const width = 576 + 2 * 1280;
    for (const task of ['genre', 'rating'] as const) {
      const head = buildHead(task, width, { ...DEFAULT_HEAD, hidden: 0 }, 6);
      await saveModel(head, join(dir, task));
      await writeFeatureNorm(join(dir, task), { mean: new Float32Array(width), std: new Float32Array(width).fill(1) });
      await writePosterMetadata(join(dir, task), {
        task, labels: task === 'genre' ? GENRES : ['rating'], architecture: 'mobilenet', inputSize: 224, normalisation: 'x/255',
        backbone: { ...backbone, package: 'nsfwjs' }, hyperparams: {}, trainedWith: 'test', data: {}, validation: {}, baselines: {},
        backend: 'wasm', date: '2026-01-01', trainingSeconds: 0,
      });
      head.dispose();
    }
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the top genre and gives a 7 x 7 non-negative grid, leaving no tensor behind', async () => {
    const predictor = await loadPosterPredictor(dir);
    const image = Uint8Array.from({ length: 224 * 224 * 3 }, (_, i) => (i * 37) % 251);
    const [result] = await predictor.predict([image]);
    await predictor.explain!(image);
    const before = tf.memory().numTensors;
    const { genre, grid } = await predictor.explain!(image);
    expect(tf.memory().numTensors).toBe(before);
    expect(genre).toBe(result!.top3[0]![0]);
    expect(grid.map((row) => row.length)).toEqual([7, 7, 7, 7, 7, 7, 7]);
    expect(Math.min(...grid.flat())).toBeGreaterThanOrEqual(0);
    expect(Math.max(...grid.flat())).toBeLessThanOrEqual(1);
    await predictor.dispose();
  }, 60_000);
});
