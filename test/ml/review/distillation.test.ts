import { readFile, rm } from 'node:fs/promises';
import type { Review } from '../../../src/data/reviews.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { loadReviewModel } from '../../../src/ml/serving/review/predictor.js';
import { reviewSentences, teacherRatings, transferSentences } from '../../../src/ml/training/review/distillation.js';
import { DEFAULT_REVIEW_TRAINING, trainReviewModel } from '../../../src/ml/training/review/train.js';
import { trainTinyReviewModel } from './fixtures.js';

const review = (id: string, text: string): Review => ({ id, text, rating: 8, polarity: 'pos' });

describe('distillation sentences', () => {
  it('cuts a review at line breaks and sentence ends, keeping sentences of 4 to 40 words', () => {
    const long = Array.from({ length: 41 }, () => 'word').join(' ');
    const text = `I loved this film a lot. Great!<br /><br />The cast is superb, really superb? ${long}. It drags a little at the end!\nOk then.`;
    expect(reviewSentences(text)).toEqual(['I loved this film a lot.', 'The cast is superb, really superb?', 'It drags a little at the end!']);
  });

  it('takes distinct sentences of the given reviews only, in a seeded order, up to the limit', () => {
    const reviews = [review('pos/1', 'A fine film indeed. A fine film indeed.'), review('pos/2', 'The music was lovely too. Nothing else to say here.')];
    const all = transferSentences(reviews, 10, 3);
    expect([...all].sort()).toEqual(['A fine film indeed.', 'Nothing else to say here.', 'The music was lovely too.']);
    expect(transferSentences(reviews, 10, 3)).toEqual(all);
    expect(transferSentences(reviews, 2, 3)).toEqual(all.slice(0, 2));
  });
});

describe('distillation from saved review models', () => {
  let data: Awaited<ReturnType<typeof trainTinyReviewModel>>;

  beforeAll(async () => {
    await initBackend('wasm');
    data = await trainTinyReviewModel();
  });
  afterAll(async () => {
    await Promise.all([rm(data.folder, { recursive: true, force: true }), rm(data.archive, { force: true })]);
  });

  it("rates texts with the teachers' mean: one teacher twice is that teacher", async () => {
    const texts = ['A wonderful, moving film.', 'Terrible script, awful acting.'];
    const rater = await loadReviewModel(data.modelDir);
    const own = await rater.predict(texts);
    const mean = await teacherRatings([data.modelDir, data.modelDir], texts);
    expect(Array.from(mean)).toEqual(own.map((rating) => expect.closeTo(rating, 5)));
  });

  it('trains a student on the rated sentences, an n-gram model blended in, and records its teachers', async () => {
    const outDir = join(data.folder, 'student');
    await trainReviewModel({
      ...DEFAULT_REVIEW_TRAINING, dataPath: data.archive, sstDir: data.sstDir, outDir, epochs: 1, batchSize: 4, maxLen: 24, vocabSize: 40,
      poolSize: 2, lstmUnits: 4, glove: false, validationFraction: 0.3, sstHoldoutFraction: 0, distillFrom: [data.modelDir], distillSentences: 5, distillNgramWeight: 0.5, command: 'student', backend: 'wasm',
    });
    const metadata = JSON.parse(await readFile(join(outDir, 'metadata.json'), 'utf8'));
    expect(metadata.training.distillation).toEqual({ teachers: [data.modelDir], sentences: 5, target: "0.5 x the teachers' mean rating + 0.5 x the n-gram model's (ngram-teacher.ts)", ngramWeight: 0.5 });
  });
});
