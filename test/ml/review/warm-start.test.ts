import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { loadLayersModel } from '../../../src/ml/runtime/model-io.js';
import { DEFAULT_REVIEW_TRAINING, trainReviewModel, type ReviewTrainingResult } from '../../../src/ml/training/review/train.js';
import { trainTinyReviewModel } from './fixtures.js';

async function weightShapes(dir: string): Promise<number[][]> {
  const model = await loadLayersModel(dir);
  const shapes = model.getWeights().map((weight) => weight.shape);
  model.dispose();
  return shapes;
}

const readJson = async (path: string): Promise<Record<string, any>> => JSON.parse(await readFile(path, 'utf8'));

describe('warm start (--init-from) of the review rater', () => {
  let data: { folder: string; archive: string; modelDir: string; sstDir: string };
  let warmDir: string;
  let result: ReviewTrainingResult;

  beforeAll(async () => {
    await initBackend('wasm');
    data = await trainTinyReviewModel();
    warmDir = join(data.folder, 'warm');
    // Fresh-start flags that disagree with the saved model: a warm start must ignore them.
    result = await trainReviewModel({
      ...DEFAULT_REVIEW_TRAINING,
      dataPath: data.archive,
      sstDir: data.sstDir,
      outDir: warmDir,
      epochs: 1,
      batchSize: 4,
      learningRate: 1.7e-4,
      maxLen: 30,
      vocabSize: 12,
      glove: false,
      splitSeed: 'another-fold',
      validationFraction: 0.5,
      initFrom: data.modelDir,
      command: 'warm test',
      backend: 'wasm',
    });
  });
  afterAll(async () => {
    await Promise.all([rm(data.folder, { recursive: true, force: true }), rm(data.archive, { force: true })]);
  });

  it('reuses the saved tokenizer byte for byte and keeps the weight shapes', async () => {
    expect(await readFile(join(warmDir, 'tokenizer.json'), 'utf8')).toBe(await readFile(join(data.modelDir, 'tokenizer.json'), 'utf8'));
    expect(await weightShapes(warmDir)).toEqual(await weightShapes(data.modelDir));
  });

  it('trains one epoch on the saved split and records where it started', async () => {
    expect(result.history).toHaveLength(1);
    const [before, after] = await Promise.all([readJson(join(data.modelDir, 'metadata.json')), readJson(join(warmDir, 'metadata.json'))]);
    expect(after.data).toMatchObject({ splitSeed: before.data.splitSeed, validationFraction: before.data.validationFraction, train: before.data.train, validation: before.data.validation, sstHoldoutFraction: before.data.sstHoldoutFraction, sstHoldout: before.data.sstHoldout });
    expect(after.tokenizer).toEqual(before.tokenizer);
    expect(after.architecture).toEqual(before.architecture);
    expect(after.training).toMatchObject({ command: 'warm test', initFrom: data.modelDir, learningRate: 1.7e-4, epochs: 1 });
    expect(after.training.previous).toMatchObject({ command: 'test', validation: before.validation });
    expect(Number.isFinite(after.training.startValidation.aclImdb.mae)).toBe(true);
    expect(Number.isFinite(after.training.startValidation.sst.spearman)).toBe(true);
  });

  it('names the folder when the model to start from is missing', async () => {
    await expect(trainReviewModel({ ...DEFAULT_REVIEW_TRAINING, dataPath: data.archive, outDir: warmDir, initFrom: join(data.folder, 'nowhere'), command: 'x', backend: 'wasm' }))
      .rejects.toThrow(/nowhere/);
  });
});
