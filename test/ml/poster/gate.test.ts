import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENRES } from '../../../src/core/genres.js';
import { decodePoster } from '../../../src/core/image.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { saveModel } from '../../../src/ml/runtime/model-io.js';
import { DEFAULT_BACKBONE } from '../../../src/ml/serving/poster/backbone.js';
import { GATE_AND_INDEX_VIEWS } from '../../../src/ml/serving/poster/features.js';
import { networkKey } from '../../../src/ml/serving/poster/serving-model.js';
import { GATE_DIR, readGateMetadata, writeGateMetadata } from '../../../src/ml/serving/poster/gate-model.js';
import { DEFAULT_HEAD, buildHead } from '../../../src/ml/training/poster/head.js';
import { inTheWild, WILD_KINDS } from '../../../src/ml/training/poster/in-the-wild.js';
import { readPosterMetadata, writeFeatureNorm, writePosterMetadata } from '../../../src/ml/serving/poster/metadata.js';
import { type InputOutcome, predictInputs } from '../../../src/ml/serving/poster/predict-inputs.js';
import { loadPosterPredictor } from '../../../src/ml/serving/poster/predictor.js';
import { buildGateHead, DEFAULT_GATE } from '../../../src/ml/training/poster/train-gate.js';

const BACKBONE = { ...DEFAULT_BACKBONE, taps: [{ layer: 'out_relu', pools: ['avg' as const] }], package: 'nsfwjs' };
const FEATURES = 1280;
const COMMON = { inputSize: 224, normalisation: 'test', trainedWith: 'test', data: {}, validation: {}, backend: 'wasm', date: '2026-01-01', trainingSeconds: 0 };
const DOWNLOAD = { maxImageBytes: 1_000_000, timeoutMs: 1000, allowHosts: [] };

async function writeHead(dir: string, model: tf.LayersModel): Promise<void> {
  await saveModel(model, dir);
  await writeFeatureNorm(dir, { mean: new Float32Array(FEATURES), std: new Float32Array(FEATURES).fill(1) });
  model.dispose();
}

/** Genre, rating and gate heads on one tiny backbone config: what models/ ships, in miniature. */
async function writeModels(dir: string): Promise<void> {
  for (const task of ['genre', 'rating'] as const) {
    await writeHead(join(dir, task), buildHead(task, FEATURES, { ...DEFAULT_HEAD, hidden: 0 }, 6));
    await writePosterMetadata(join(dir, task), {
      ...COMMON, task, labels: task === 'genre' ? GENRES : ['rating'], architecture: 'mobilenet', backbone: BACKBONE,
      hyperparams: DEFAULT_HEAD, baselines: {},
    });
  }
  await writeHead(join(dir, GATE_DIR), buildGateHead(FEATURES, DEFAULT_GATE));
  await writeGateMetadata(join(dir, GATE_DIR), {
    ...COMMON, task: 'gate', labels: ['poster'], architecture: 'mobilenet', backbone: BACKBONE, threshold: 0.5, hyperparams: DEFAULT_GATE,
  });
}

const posterJpeg = (r: number) => sharp({ create: { width: 40, height: 60, channels: 3, background: { r, g: 90, b: 30 } } }).jpeg().toBuffer();

describe('the poster gate', () => {
  let models: string;
  beforeAll(async () => {
    await initBackend('wasm');
    models = await mkdtemp(join(tmpdir(), 'poster-gate-'));
    await writeModels(models);
  });
  afterAll(async () => rm(models, { recursive: true, force: true }));

  it('loads beside genre and rating and puts P(poster) in every predict --json line', async () => {
    const predictor = await loadPosterPredictor(models);
    const file = join(models, 'poster.jpg');
    await sharp(await posterJpeg(200)).toFile(file);
    const outcomes: InputOutcome[] = [];
    await predictInputs(predictor, [file, file], DOWNLOAD, (o) => outcomes.push(o));
    expect(Object.keys(outcomes[0]!)).toEqual(['file', 'poster', 'genres', 'top3', 'rating']);
    const poster = 'poster' in outcomes[0]! ? outcomes[0].poster : undefined;
    expect(poster).toBeGreaterThanOrEqual(0);
    expect(poster).toBeLessThanOrEqual(1);
    const pixels = await decodePoster(await posterJpeg(90), predictor.inputSize);
    await predictor.predict([pixels]);
    const before = tf.memory().numTensors;
    await predictor.predict([pixels, pixels]);
    expect(tf.memory().numTensors).toBe(before);
    await predictor.dispose();
  });

  it('ships in models/gate on the genre model\'s network, reading the poster alone, with its threshold and validation figures', async () => {
    const gate = await readGateMetadata(join('models', GATE_DIR));
    const genre = await readPosterMetadata(join('models', 'genre'));
    expect(networkKey(gate.backbone)).toBe(networkKey(genre.backbone!));
    expect(gate.backbone.views).toEqual(GATE_AND_INDEX_VIEWS);
    expect(gate.threshold).toBe(0.5);
    expect(gate.validation.nonPostersBelowThreshold).toBeTypeOf('number');
    expect(JSON.parse(await readFile(join('models', GATE_DIR, 'model.json'), 'utf8'))).toHaveProperty('weightsManifest');
  });
});

describe('posters in the wild', () => {
  it('makes every kind as a readable image, the same bytes for the same seed', async () => {
    const poster = await posterJpeg(150);
    for (const kind of WILD_KINDS) {
      const first = await inTheWild(poster, kind, 3);
      expect(Buffer.from((await inTheWild(poster, kind, 3)).bytes).equals(Buffer.from(first.bytes))).toBe(true);
      expect((await decodePoster(first.bytes, 32)).length).toBe(32 * 32 * 3);
    }
    const scan = await sharp((await inTheWild(poster, 'scan', 1)).bytes).metadata();
    expect(scan.height).toBeGreaterThanOrEqual(2000);
  });
});
