import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENRES } from '../../../src/core/genres.js';
import { decodePoster } from '../../../src/core/image.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { saveModel } from '../../../src/ml/runtime/model-io.js';
import { type BackboneConfig, DEFAULT_BACKBONE } from '../../../src/ml/serving/poster/backbone.js';
import { NSFWJS_WIDE_MOBILENET } from '../../../src/ml/serving/poster/mobilenet-source.js';
import { SECOND_BACKBONE_DIR } from '../../../src/ml/serving/poster/serving-model.js';
import { DEFAULT_HEAD, buildHead } from '../../../src/ml/training/poster/head.js';
import { type PosterModelMetadata, writeFeatureNorm, writePosterMetadata } from '../../../src/ml/serving/poster/metadata.js';
import { type InputOutcome, predictInputs } from '../../../src/ml/serving/poster/predict-inputs.js';
import { loadPosterPredictor } from '../../../src/ml/serving/poster/predictor.js';
import { buildScratchModel } from '../../../src/ml/training/poster/scratch-model.js';
import { evaluatePosterModels } from '../../../src/ml/training/poster/evaluate.js';
import { createPosterFixture } from './poster-fixture.js';
import type { PosterTask } from '../../../src/ml/training/poster/task.js';

const TINY_SCRATCH = { inputSize: 16, filters: [4], dense: 4, dropout: 0, learningRate: 1e-3, batchSize: 4 };
const DOWNLOAD = { maxImageBytes: 1_000_000, timeoutMs: 1000, allowHosts: [] };

function metadata(task: PosterTask, extra: Partial<PosterModelMetadata>): PosterModelMetadata {
  return {
    task, labels: task === 'genre' ? GENRES : ['rating'], architecture: 'scratch', inputSize: 16, normalisation: 'x/255',
    hyperparams: TINY_SCRATCH, trainedWith: 'test', data: {}, validation: {}, baselines: {}, backend: 'wasm',
    date: '2026-01-01', trainingSeconds: 0, ...extra,
  };
}

async function writeScratch(dir: string, task: PosterTask, extra: Partial<PosterModelMetadata> = {}): Promise<void> {
  const model = buildScratchModel(task, TINY_SCRATCH, 6);
  await saveModel(model, dir);
  await writePosterMetadata(dir, metadata(task, extra));
  model.dispose();
}

/**
 * A linear head on one backbone tap (`width` features) with identity standardisation; `seed` gives it random
 * weights (a rating head otherwise starts at zero weights, every poster the same rating).
 */
async function writeFrozenHead(dir: string, task: PosterTask, backbone: BackboneConfig, width: number, seed?: number): Promise<void> {
  const head = buildHead(task, width, { ...DEFAULT_HEAD, hidden: 0 }, 6);
  if (seed !== undefined) head.setWeights(head.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.05, 'float32', seed + i)));
  await saveModel(head, dir);
  await writeFeatureNorm(dir, { mean: new Float32Array(width), std: new Float32Array(width).fill(1) });
  await writePosterMetadata(dir, metadata(task, { architecture: 'mobilenet', inputSize: 224, backbone: { ...backbone, package: 'nsfwjs' } }));
  head.dispose();
}

async function posterPixels(size: number, red: number): Promise<Uint8Array> {
  const jpeg = await sharp({ create: { width: 40, height: 60, channels: 3, background: { r: red, g: 90, b: 30 } } }).jpeg().toBuffer();
  return decodePoster(jpeg, size);
}

describe('loadPosterPredictor', () => {
  let models: string;
  beforeAll(async () => {
    await initBackend('wasm');
    models = await mkdtemp(join(tmpdir(), 'poster-predictor-'));
    await writeScratch(join(models, 'scratch', 'genre'), 'genre');
    await writeScratch(join(models, 'scratch', 'rating'), 'rating', { validation: { mae: 0.81 } });
  });
  afterAll(async () => rm(models, { recursive: true, force: true }));

  it('returns all 25 genres by column name, the top three in order and a rating in 1-10', async () => {
    const predictor = await loadPosterPredictor(join(models, 'scratch'));
    const [result] = await predictor.predict([await posterPixels(predictor.inputSize, 200)]);
    expect(Object.keys(result!.genres)).toEqual([...GENRES]);
    expect(Object.values(result!.genres).every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(result!.top3).toHaveLength(3);
    expect(result!.top3[0]![1]).toBeGreaterThanOrEqual(result!.top3[1]![1]);
    expect(result!.top3[1]![1]).toBeGreaterThanOrEqual(result!.top3[2]![1]);
    expect(result!.rating).toBeGreaterThanOrEqual(1);
    expect(result!.rating).toBeLessThanOrEqual(10);
    expect(result!.ratingTypicalError).toBe(0.81);
    await predictor.dispose();
  });

  it('leaves no tensor behind after a thousand predictions', async () => {
    const predictor = await loadPosterPredictor(join(models, 'scratch'));
    const pixels = await posterPixels(predictor.inputSize, 120);
    await predictor.predict([pixels]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) await predictor.predict([pixels]);
    expect(tf.memory().numTensors).toBe(before);
    await predictor.dispose();
  });

  it('rejects pixels of the wrong size with a clear message', async () => {
    const predictor = await loadPosterPredictor(join(models, 'scratch'));
    await expect(predictor.predict([new Uint8Array(10)])).rejects.toThrow(/expected 16x16x3/);
    await predictor.dispose();
  });

  it('fails clearly when a model folder is missing', async () => {
    await expect(loadPosterPredictor(join(models, 'nowhere'))).rejects.toThrow(/Cannot read poster model metadata/);
  });

  it('serves a frozen-MobileNetV2 head: one backbone pass shared by genre and rating', async () => {
    const backbone = { ...DEFAULT_BACKBONE, taps: [{ layer: 'out_relu', pools: ['avg' as const] }] };
    const dir = join(models, 'mobilenet');
    for (const task of ['genre', 'rating'] as const) await writeFrozenHead(join(dir, task), task, backbone, 1280);
    const predictor = await loadPosterPredictor(dir);
    expect(predictor.inputSize).toBe(224);
    const images = [await posterPixels(224, 250), await posterPixels(224, 10)];
    await predictor.predict(images);
    const before = tf.memory().numTensors;
    const results = await predictor.predict(images);
    expect(tf.memory().numTensors).toBe(before);
    expect(results).toHaveLength(2);
    expect(Object.keys(results[0]!.genres)).toHaveLength(25);
    expect(results[0]!.genres.Action).not.toBeCloseTo(results[1]!.genres.Action!, 6);
    await predictor.dispose();
  });

  it('serves heads that average different views of one backbone, each as it would be served alone', async () => {
    const original = { ...DEFAULT_BACKBONE, taps: [{ layer: 'out_relu', pools: ['avg' as const] }], views: ['original' as const] };
    const mirrored = { ...original, views: ['original' as const, 'flipped' as const] };
    const layouts = { mixed: [original, mirrored], mirrored: [mirrored, mirrored], original: [original, original] } as const;
    for (const [name, [genreViews, ratingViews]] of Object.entries(layouts)) {
      await writeFrozenHead(join(models, name, 'genre'), 'genre', genreViews, 1280, 1);
      await writeFrozenHead(join(models, name, 'rating'), 'rating', ratingViews, 1280, 100);
    }
    // Not mirror-symmetric, so that the mirror's features differ from the poster's.
    const lopsided = (red: number) => sharp({ create: { width: 40, height: 60, channels: 3, background: { r: red, g: 90, b: 30 } } })
      .composite([{ input: { create: { width: 12, height: 60, channels: 3, background: '#ffffff' } }, left: 0, top: 0 }]).jpeg().toBuffer();
    const images = await Promise.all([250, 10].map(async (red) => decodePoster(await lopsided(red), 224)));
    const answers = async (dir: string) => {
      const predictor = await loadPosterPredictor(join(models, dir));
      const results = await predictor.predict(images);
      await predictor.dispose();
      return results;
    };
    const [mixed, mirroredResults, originalResults] = [await answers('mixed'), await answers('mirrored'), await answers('original')];
    images.forEach((_, i) => {
      expect(mixed[i]!.genres).toEqual(originalResults[i]!.genres);
      expect(mixed[i]!.genres.Action).not.toBeCloseTo(mirroredResults[i]!.genres.Action!, 5);
      expect(mixed[i]!.rating).toBe(mirroredResults[i]!.rating);
    });
  });

  it('averages a second head on another backbone (<task>/second-backbone) with the head, genres, rating and heat map', async () => {
    const narrow = { ...DEFAULT_BACKBONE, taps: [{ layer: 'out_relu', pools: ['avg' as const] }], views: ['original' as const] };
    const wide = { ...narrow, source: NSFWJS_WIDE_MOBILENET.name };
    for (const task of ['genre', 'rating'] as const) {
      await writeFrozenHead(join(models, 'first', task), task, narrow, 1280, 1);
      await writeFrozenHead(join(models, 'second', task), task, wide, 1792, 100);
      await writeFrozenHead(join(models, 'both', task), task, narrow, 1280, 1);
      await writeFrozenHead(join(models, 'both', task, SECOND_BACKBONE_DIR), task, wide, 1792, 100);
    }
    const images = [await posterPixels(224, 250), await posterPixels(224, 10)];
    const answers = async (dir: string) => {
      const predictor = await loadPosterPredictor(join(models, dir));
      const results = await predictor.predict(images);
      await predictor.explain!(images[0]!);
      const before = tf.memory().numTensors;
      const heatmap = await predictor.explain!(images[0]!);
      expect(tf.memory().numTensors).toBe(before);
      await predictor.dispose();
      return { results, heatmap };
    };
    const [first, second, both] = [await answers('first'), await answers('second'), await answers('both')];
    images.forEach((_, i) => {
      for (const genre of GENRES) {
        expect(both.results[i]!.genres[genre]).toBeCloseTo((first.results[i]!.genres[genre]! + second.results[i]!.genres[genre]!) / 2, 5);
      }
      expect(both.results[i]!.rating).toBeCloseTo((first.results[i]!.rating + second.results[i]!.rating) / 2, 4);
    });
    expect(both.heatmap.genre).toBe(both.results[0]!.top3[0]![0]);
  });

  it('refuses a second head for another task', async () => {
    const dir = join(models, 'both');
    await rm(join(dir, 'rating', SECOND_BACKBONE_DIR), { recursive: true });
    await cp(join(dir, 'genre', SECOND_BACKBONE_DIR), join(dir, 'rating', SECOND_BACKBONE_DIR), { recursive: true });
    await expect(loadPosterPredictor(dir)).rejects.toThrow(/second-backbone must hold a rating head on a frozen backbone/);
  });

  it('predicts inputs in order and turns unreadable ones into error lines', async () => {
    const predictor = await loadPosterPredictor(join(models, 'scratch'));
    const good = join(models, 'good.jpg');
    await sharp({ create: { width: 20, height: 30, channels: 3, background: '#804020' } }).jpeg().toFile(good);
    const bad = join(models, 'bad.jpg');
    await writeFile(bad, 'not an image');
    const outcomes: InputOutcome[] = [];
    const emptyFolder = join(models, 'no-posters-here');
    await mkdir(emptyFolder, { recursive: true });
    await predictInputs(predictor, [bad, good, join(models, 'missing.jpg'), good, emptyFolder], DOWNLOAD, (o) => outcomes.push(o));
    expect(outcomes.map((o) => o.file)).toEqual([bad, good, join(models, 'missing.jpg'), good, emptyFolder]);
    expect(outcomes[0]).toMatchObject({ error: expect.stringMatching(/not a readable image/) });
    expect(outcomes[2]).toMatchObject({ error: expect.stringMatching(/no such file/) });
    expect(outcomes[4]).toMatchObject({ error: `${emptyFolder} is a folder with no files in it` });
    expect(Object.keys(outcomes[1]!)).toEqual(['file', 'genres', 'top3', 'rating', 'ratingTypicalError']);
    await predictor.dispose();
  });

  it('evaluates the models on a poster folder with metrics and mean-guess baselines', async () => {
    const fixture = await createPosterFixture();
    const metrics = await evaluatePosterModels(join(models, 'scratch'), fixture.dir, 'all');
    expect(metrics).toMatchObject({ posters: 12, unreadable: 1, rated: 4, baseline_macroAuc: 0.5 });
    for (const name of ['mAP', 'macroAuc', 'top3Precision', 'mae', 'baseline_mAP', 'baseline_mae']) expect(metrics[name]).toBeTypeOf('number');
    await rm(fixture.dir, { recursive: true, force: true });
  });
});
