import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPosterDataset } from '../../../src/data/posters.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import type { Matrix } from '../../../src/ml/training/poster/feature-matrix.js';
import { trainInvariantProjection } from '../../../src/ml/training/poster/invariant-projection.js';
import { loadOrExtractWildFeatures, trainingWildPlans, wildId } from '../../../src/ml/training/poster/wild-features.js';
import { seededRandom } from '../../../src/util/seeded-random.js';
import { createPosterFixture, type PosterFixture } from './poster-fixture.js';

const POSTERS = 96;
const [IDENTITY, NUISANCE] = [6, 10];
const random = seededRandom(3);
const gaussian = () => random() + random() + random() - 1.5;

/** Each poster a random identity; its wild picture keeps the identity but moves a lot along nuisance columns. */
function syntheticPairs(): { clean: Matrix; wild: Matrix } {
  const cols = IDENTITY + NUISANCE;
  const [clean, wild] = [new Float32Array(POSTERS * cols), new Float32Array(POSTERS * cols)];
  for (let r = 0; r < POSTERS; r++) {
    for (let c = 0; c < cols; c++) {
      const identity = c < IDENTITY ? gaussian() : 0;
      clean[r * cols + c] = identity + 0.1 * gaussian();
      wild[r * cols + c] = identity + (c < IDENTITY ? 0.1 : 3) * gaussian();
    }
  }
  return { clean: { rows: POSTERS, cols, data: clean }, wild: { rows: POSTERS, cols, data: wild } };
}

/** How often a wild row's nearest clean row (cosine, after `weights`) is its own poster. */
function matchedFraction({ clean, wild }: { clean: Matrix; wild: Matrix }, weights: tf.Tensor2D): number {
  return tf.tidy(() => {
    const unit = (m: Matrix) => {
      const projected = tf.matMul(tf.tensor2d(m.data, [m.rows, m.cols]), weights);
      return projected.div(projected.norm('euclidean', 1, true));
    };
    const nearest = tf.matMul(unit(wild), unit(clean), false, true).argMax(1).dataSync();
    return Array.from(nearest).filter((at, r) => at === r).length / POSTERS;
  });
}

describe('the invariant projection', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('learns to ignore what differs between a poster and its wild picture', () => {
    const pairs = syntheticPairs();
    const cols = pairs.clean.cols;
    const before = tf.tidy(() => matchedFraction(pairs, tf.eye(cols) as tf.Tensor2D));
    const weights = trainInvariantProjection(pairs.clean, pairs.wild, {
      dim: 6, epochs: 60, batchSize: 32, learningRate: 0.02, temperature: 0.1, seed: 1, log: () => {},
    });
    expect(weights).toHaveLength(cols * 6);
    const after = tf.tidy(() => matchedFraction(pairs, tf.tensor2d(weights, [cols, 6])));
    expect(before).toBeLessThan(0.5);
    expect(after).toBeGreaterThan(0.95);
  });
});

describe('wild-picture features', () => {
  let fixture: PosterFixture;
  let tmp: string;
  beforeAll(async () => {
    await initBackend('wasm');
    fixture = await createPosterFixture(4);
    tmp = await mkdtemp(join(tmpdir(), 'wild-features-'));
  });
  afterAll(async () => {
    await rm(fixture.dir, { recursive: true, force: true });
    await rm(tmp, { recursive: true, force: true });
  });

  it('makes each planned picture once, caches its features, and records an unreadable source', async () => {
    const { posters } = await loadPosterDataset(fixture.dir);
    const plans = trainingWildPlans(posters.length);
    expect(plans.map((plan) => plan.kind).slice(0, 2)).toEqual(['phone-photo', 'screenshot']);
    const extractor = tf.sequential({ layers: [tf.layers.globalAveragePooling2d({ inputShape: [8, 8, 3] })] });
    const spec = { key: { test: 'wild' }, inputSize: 8, scale: 1 / 255, views: ['original' as const], dim: 3 };
    const first = await loadOrExtractWildFeatures(posters, plans, extractor, spec, tmp, () => {});
    const expected = posters.map((poster, i) => wildId(poster.id, plans[i]!));
    expect(first.ids).toEqual(expected.filter((id) => !id.startsWith(fixture.unreadableId)));
    expect(first.unreadable.map((u) => u.id)).toEqual(expected.filter((id) => id.startsWith(fixture.unreadableId)));
    const throwing = { predict: () => { throw new Error('cache missed'); } } as unknown as tf.LayersModel;
    const second = await loadOrExtractWildFeatures(posters, plans, throwing, spec, tmp, () => {});
    expect(Array.from(second.data)).toEqual(Array.from(first.data));
    extractor.dispose();
  });
});
