import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENRES, listedGenres } from '../../../src/core/genres.js';
import { loadPosterDataset, splitPosters } from '../../../src/data/posters.js';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { DEFAULT_BACKBONE, loadPosterBackbone } from '../../../src/ml/serving/poster/backbone.js';
import { GATE_AND_INDEX_VIEWS } from '../../../src/ml/serving/poster/features.js';
import { writeFeatureNorm, writePosterMetadata } from '../../../src/ml/serving/poster/metadata.js';
import { featureSpec, loadOrExtractFeatures } from '../../../src/ml/training/poster/feature-cache.js';
import { buildSimilarIndex } from '../../../src/ml/training/poster/similar-index-builder.js';
import { createPosterFixture, type PosterFixture } from './poster-fixture.js';

const BACKBONE = { ...DEFAULT_BACKBONE, taps: [{ layer: 'out_relu', pools: ['avg' as const] }], package: 'nsfwjs' };

describe('build:similar', () => {
  let fixture: PosterFixture;
  let tmp: string;
  beforeAll(async () => {
    await initBackend('wasm');
    fixture = await createPosterFixture(12);
    tmp = await mkdtemp(join(tmpdir(), 'similar-build-'));
  });
  afterAll(async () => {
    await rm(fixture.dir, { recursive: true, force: true });
    await rm(tmp, { recursive: true, force: true });
  });

  it('indexes only titled training posters, though its feature cache also holds validation posters', async () => {
    const genreDir = join(tmp, 'genre');
    await mkdir(genreDir);
    await writeFeatureNorm(genreDir, { mean: new Float32Array(1280), std: new Float32Array(1280).fill(1) });
    await writePosterMetadata(genreDir, {
      task: 'genre', labels: GENRES, architecture: 'mobilenet', inputSize: 224, normalisation: 'x/255', backbone: BACKBONE,
      hyperparams: {}, trainedWith: 'test', data: {}, validation: {}, baselines: {}, backend: 'wasm', date: '2026-01-01', trainingSeconds: 0,
    });
    const { posters } = await loadPosterDataset(fixture.dir);
    const { train, validation } = splitPosters(posters);
    expect(validation.length).toBeGreaterThan(0);
    // A training run sharing the cache extracted every poster, validation ones included.
    const backbone = await loadPosterBackbone({ ...BACKBONE, views: GATE_AND_INDEX_VIEWS });
    const cacheRoot = join(tmp, 'cache');
    await loadOrExtractFeatures(posters, backbone.extractor, featureSpec(backbone), cacheRoot);
    backbone.extractor.dispose();

    const metadata = await buildSimilarIndex({ dataDir: fixture.dir, genreDir, out: join(tmp, 'similar'), cacheRoot, builtWith: 'test', log: () => {} });
    const titled = ['tt0000100', 'tt0000101', 'tt0000102'];
    expect(metadata.count).toBe(train.filter((poster) => titled.includes(poster.id)).length);
    // The genre head averages the poster and its mirror; the index reads the poster alone, on the same network.
    expect(metadata.backbone).toEqual({ ...BACKBONE, views: ['original'] });
    // Each item keeps its film's score and genres, which a card shows when it recognises the poster.
    const items = JSON.parse(await readFile(join(tmp, 'similar', 'items.json'), 'utf8')) as Array<{ id: string; rating?: number; genres: string[] }>;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const poster = posters.find(({ id }) => id === item.id)!;
      expect(item.rating).toBe(poster.rating);
      expect(item.genres).toEqual(listedGenres(poster.genres));
      expect(item.genres.length).toBeGreaterThan(0);
    }
  }, 60_000);
});
