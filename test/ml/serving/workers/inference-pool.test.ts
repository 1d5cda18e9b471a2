import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePoster } from '../../../../src/core/image.js';
import { createLogger } from '../../../../src/logger.js';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { loadPosterPredictor } from '../../../../src/ml/serving/poster/predictor.js';
import { loadReviewPredictor } from '../../../../src/ml/serving/review/predictor.js';
import { InferencePool } from '../../../../src/ml/serving/workers/inference-pool.js';
import { LogCapture } from '../../../helpers/test-bot.js';

const logs = new LogCapture();
const logger = createLogger('info', logs);
let pool: InferencePool;
const setup = { modelsDir: 'models', backend: 'wasm', wasmThreads: 1, onnxThreads: 1, posterRuntime: 'auto' } as const;

beforeAll(async () => {
  pool = await InferencePool.start(2, setup, logger);
}, 120_000);
afterAll(async () => {
  await pool?.close();
});

const posters = (size: number) =>
  Promise.all(
    ['#aa2222', '#22aa22', '#2222aa'].map(async (background) =>
      decodePoster(await sharp({ create: { width: 80, height: 120, channels: 3, background } }).png().toBuffer(), size),
    ),
  );

describe('InferencePool (the shipped models in worker threads)', () => {
  it('answers exactly as the models do in this thread', async () => {
    await initBackend('wasm');
    const runtime = { choice: setup.posterRuntime, threads: setup.onnxThreads };
    const [poster, review] = await Promise.all([loadPosterPredictor('models', { runtime }), loadReviewPredictor('models')]);
    const images = await posters(pool.posterPredictor.inputSize);
    const texts = ['A wonderful film with superb acting.', 'Dull, long and pointless.'];

    const [fromPool, fromThread] = await Promise.all([pool.posterPredictor.predict(images), poster.predict(images)]);
    fromPool.forEach((result, i) => {
      expect(result.rating).toBeCloseTo(fromThread[i]!.rating, 5);
      expect(result.top3.map(([genre]) => genre)).toEqual(fromThread[i]!.top3.map(([genre]) => genre));
    });
    const ratings = await pool.reviewPredictor.predict(texts);
    (await review.predict(texts)).forEach((rating, i) => expect(ratings[i]).toBeCloseTo(rating, 5));
    const [explainedInPool, explainedHere] = await Promise.all([pool.reviewPredictor.explain(texts[0]!), review.explain(texts[0]!)]);
    expect(explainedInPool.rating).toBeCloseTo(explainedHere.rating, 5);
    expect(explainedInPool.words.map(({ word }) => word)).toEqual(explainedHere.words.map(({ word }) => word));
    for (const text of [...texts, 'Ein schrecklicher Film, totale Zeitverschwendung.']) expect(pool.reviewPredictor.canRead(text)).toBe(review.canRead(text));
    await poster.dispose();
    review.dispose();
  });

  it('fails the requests of a worker that dies, replaces it, and keeps answering', async () => {
    const images = await posters(pool.posterPredictor.inputSize);
    const threads = (pool as unknown as { threads: Array<{ terminate(): Promise<number> }> }).threads;
    // Thirty one-review requests queue up in the worker, so some are still waiting when it stops. Each review is
    // short enough for XNNPACK: stopping a worker inside an ONNX Runtime call aborts the whole process
    // (onnxruntime-node), which the pool itself never does (see the close() test).
    const review = 'A wonderful film with superb acting, a clever story and a score I still hum. '.repeat(4);
    const inFlight = Promise.all(Array.from({ length: 30 }, () => pool.reviewPredictor.predict([review])));
    await threads[0]!.terminate();
    await expect(inFlight).rejects.toThrow(/inference worker stopped/);
    expect(logs.text).toMatch(/inference worker died/);
    const results = await Promise.all([1, 2, 3, 4].map(() => pool.posterPredictor.predict(images.slice(0, 1))));
    expect(results.every(([result]) => result!.top3.length === 3)).toBe(true);
    expect(pool.usableWorkers).toBe(2);
  }, 120_000);

  it('lets the requests in flight finish on close(), then refuses new ones', async () => {
    const closing = await InferencePool.start(1, setup, logger);
    const images = await posters(closing.posterPredictor.inputSize);
    const inFlight = Promise.all([1, 2, 3].map(() => closing.posterPredictor.predict(images.slice(0, 1))));
    await closing.close();
    expect((await inFlight).every(([result]) => result!.top3.length === 3)).toBe(true);
    await expect(closing.reviewPredictor.predict(['Fine.'])).rejects.toThrow(/shutting down/);
  }, 120_000);

  it('says why when the models cannot be loaded', async () => {
    await expect(InferencePool.start(1, { ...setup, modelsDir: '/nonexistent-models' }, logger)).rejects.toThrow(
      /inference worker could not start: .*nonexistent-models/,
    );
  });
});
