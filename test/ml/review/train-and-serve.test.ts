import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { evaluateReviewModel } from '../../../src/ml/training/review/evaluate.js';
import { loadReviewModel, type ReviewRater } from '../../../src/ml/serving/review/predictor.js';
import { trainTinyReviewModel } from './fixtures.js';

const HOSTILE_INPUTS = [
  '',
  '   ',
  'great '.repeat(20_000).slice(0, 100_000),
  '😀🎬🍿',
  'הסרט היה נפלא، الفيلم رائع',
  '<script>alert(1)</script><b>Awful</b> &amp; <br/>boring',
  'zzqx unseenword',
];

describe('review rater, trained on a generated archive', () => {
  let data: { folder: string; archive: string; sstDir: string };
  let outDir: string;
  let rater: ReviewRater;

  beforeAll(async () => {
    await initBackend('wasm');
    const trained = await trainTinyReviewModel();
    data = trained;
    outDir = trained.modelDir;
    rater = await loadReviewModel(outDir);
  });
  afterAll(async () => {
    rater?.dispose();
    await Promise.all([rm(data.folder, { recursive: true, force: true }), rm(data.archive, { force: true })]);
  });

  it('writes the model, its tokenizer, metadata with the split and metrics, and the training report', async () => {
    expect((await readdir(outDir)).sort()).toEqual(['metadata.json', 'metrics.json', 'model.json', 'tokenizer.json', 'training-curve.png', 'weights.bin']);
    const metadata = JSON.parse(await readFile(join(outDir, 'metadata.json'), 'utf8'));
    expect(metadata.tokenizer).toMatchObject({ file: 'tokenizer.json', maxLen: 24, vocabSize: 40 });
    // A sentence's two copies land on the same side: held out together, never one trained on and one scored.
    expect(metadata.data).toMatchObject({ reviews: 24, skipped: 2, sstTrain: 6, sstDev: 3, sstHoldout: 4, sstHoldoutFraction: 0.5 });
    expect(metadata.validation.sstHoldout).toMatchObject({ sentences: 4, binary_sentences: 2 });
    expect(metadata.data.train + metadata.data.validation).toBe(24);
    expect(metadata.validation.aclImdb).toHaveProperty('baseline_mae');
    expect(metadata.validation.sst).toMatchObject({ sentences: 3, binary_sentences: 2, baseline_spearman: 0 });
    expect(metadata.validation.sst).toHaveProperty('spearman');
    expect(metadata.training.command).toBe('test');
    const report = JSON.parse(await readFile(join(outDir, 'metrics.json'), 'utf8'));
    expect(report.history).toHaveLength(2);
    expect(report.history[0]).toHaveProperty('val_mae');
    expect(report.history[0]).toHaveProperty('sst_binary_accuracy');
    expect(report.history[1]).toMatchObject({ swa_epochs: 2 });
    expect(report.history[1]).toHaveProperty('swa_val_mae');
    expect(metadata.training.history).toHaveLength(2);
  });

  it('rates hostile input (empty, 100 000 chars, emoji, RTL, HTML, unknown words) with a finite 1-10 rating', async () => {
    const ratings = await rater.predict(HOSTILE_INPUTS);
    expect(ratings).toHaveLength(HOSTILE_INPUTS.length);
    for (const rating of ratings) {
      expect(Number.isFinite(rating)).toBe(true);
      expect(rating).toBeGreaterThanOrEqual(1);
      expect(rating).toBeLessThanOrEqual(10);
    }
    expect(ratings[0]).toBe(rater.metadata.emptyRating);
    expect(ratings[3]).not.toBe(rater.metadata.emptyRating);
  });

  it('explains a rating with at most 8 distinct words, largest |weight| first, from one text of any kind', async () => {
    for (const text of HOSTILE_INPUTS) {
      const { rating, words } = await rater.explain(text);
      expect((await rater.predict([text]))[0]).toBeCloseTo(rating, 5);
      expect(words.length).toBeLessThanOrEqual(8);
      expect(new Set(words.map(({ word }) => word)).size).toBe(words.length);
      const sizes = words.map(({ weight }) => Math.abs(weight));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    }
    expect((await rater.explain('')).words).toEqual([]);
    const { words } = await rater.explain('Brilliant acting and a great story, but terrible music.');
    expect(words.length).toBeGreaterThan(0);
    expect(words.every(({ word }) => ['brilliant', 'acting', 'and', 'a', 'great', 'story', 'but', 'terrible', 'music'].includes(word))).toBe(true);
  });

  it('keeps the order of a batch: each review gets the rating it gets alone, whatever the lengths around it', async () => {
    const texts = ['Brilliant acting and a great story.', 'Terrible script, awful acting.', '', 'Boring.', 'A wonderful, moving film. Loved every minute of it!'];
    const together = await rater.predict(texts);
    const alone = await Promise.all(texts.map(async (text) => (await rater.predict([text]))[0]));
    together.forEach((rating, i) => expect(rating).toBeCloseTo(alone[i]!, 5));
  });

  it('leaks no tensor over a thousand predictions', async () => {
    await rater.predict(['warm-up']);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) await rater.predict(HOSTILE_INPUTS.slice(0, 5).map((text) => `${text} ${i}`));
    // Over 16 distinct words: explain first rates each word alone, then credits only the strongest.
    const manyWords = Array.from({ length: 40 }, (_, k) => `word${k}`).join(' ');
    for (let i = 0; i < 20; i++) await rater.explain(`${manyWords} great acting ${i}`);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('evaluates a model folder on a data path, beside the constant-guess baseline', async () => {
    const metrics = await evaluateReviewModel(outDir, data.archive);
    expect(metrics).toMatchObject({ reviews: 24, skipped: 2 });
    for (const key of ['mae', 'accuracy', 'baseline_mae', 'baseline_accuracy']) expect(Number.isFinite(metrics[key])).toBe(true);
    const metadata = JSON.parse(await readFile(join(outDir, 'metadata.json'), 'utf8'));
    const validation = await evaluateReviewModel(outDir, data.archive, 'validation', data.sstDir);
    expect(validation.reviews).toBe(metadata.data.validation);
    expect(validation.mae).toBeCloseTo(metadata.validation.aclImdb.mae, 4);
    expect(validation.sst_spearman).toBeCloseTo(metadata.validation.sst.spearman, 4);
    expect(validation.sst_binary_accuracy).toBeCloseTo(metadata.validation.sst.binary_accuracy, 4);
    expect(validation.sst_holdout_sentences).toBe(4);
    expect(validation.sst_holdout_mae).toBeCloseTo(metadata.validation.sstHoldout.mae, 4);
  });
});
