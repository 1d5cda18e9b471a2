import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { loadConfig } from '../src/config.js';
import { BatchQueue } from '../src/core/batch-queue.js';
import { decodePoster } from '../src/core/image.js';
import type { PosterPredictor, PosterResult } from '../src/core/predictions.js';
import { createLogger } from '../src/logger.js';
import { loadPredictors } from '../src/ml/serving/load-predictors.js';
import { registerBench } from './registry.js';

const POSTERS = 64;
const BATCH_WINDOW_MS = 5;
const MAX_BATCH = 16;

interface Run {
  readonly postersPerSecond: number;
  readonly p99Ms: number;
  readonly results: PosterResult[];
}

/** All posters arrive at once, as in a burst; each one's latency runs from its arrival to its answer. */
async function burst(predictor: PosterPredictor, images: Uint8Array[], windowMs: number, maxBatch: number, maxConcurrent: number): Promise<Run> {
  const queue = new BatchQueue((batch: Uint8Array[]) => predictor.predict(batch), {
    windowMs,
    maxBatch,
    maxConcurrent,
    maxQueue: images.length,
  });
  const started = performance.now();
  const latencies: number[] = [];
  const results = await Promise.all(
    images.map(async (image) => {
      const result = await queue.run(image);
      latencies.push(performance.now() - started);
      return result;
    }),
  );
  const totalMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    postersPerSecond: Math.round((images.length / totalMs) * 1000 * 10) / 10,
    p99Ms: Math.round(latencies[Math.ceil(latencies.length * 0.99) - 1]!),
    results,
  };
}

const maxDifference = (a: PosterResult[], b: PosterResult[]): number =>
  Math.max(
    ...a.map((result, i) =>
      Math.max(
        Math.abs(result.rating - b[i]!.rating),
        ...Object.entries(result.genres).map(([genre, p]) => Math.abs(p - b[i]!.genres[genre]!)),
      ),
    ),
  );

registerBench({
  name: 'poster-throughput',
  async run({ log }) {
    const config = loadConfig(process.env);
    const predictors = await loadPredictors(config, createLogger('warn'));
    const predictor = predictors.posterPredictor;
    const concurrency = config.limits.maxConcurrentInferences;
    const images = await Promise.all(
      Array.from({ length: POSTERS }, async (_, i) => {
        const poster = await sharp({
          create: { width: 200, height: 300, channels: 3, background: { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 } },
        })
          .composite([{ input: Buffer.from(`<svg width="200" height="300"><circle cx="${50 + i}" cy="150" r="40" fill="white"/></svg>`) }])
          .jpeg()
          .toBuffer();
        return decodePoster(poster, predictor.inputSize);
      }),
    );
    await Promise.all(Array.from({ length: concurrency * 2 }, () => predictor.predict(images.slice(0, 2))));
    log(
      `poster-throughput: ${POSTERS} posters at once, ${config.limits.inferenceWorkers} inference workers, ` +
        `${concurrency} batches at a time: one poster per batch, then batched (window ${BATCH_WINDOW_MS} ms, max ${MAX_BATCH})`,
    );
    const single = await burst(predictor, images, 0, 1, concurrency);
    const batched = await burst(predictor, images, BATCH_WINDOW_MS, MAX_BATCH, concurrency);
    await predictors.close();
    return {
      poster_throughput_inference_workers: config.limits.inferenceWorkers,
      poster_throughput_batch1_per_s: single.postersPerSecond,
      poster_throughput_batched_per_s: batched.postersPerSecond,
      poster_p99_batch1_ms: single.p99Ms,
      poster_p99_batched_ms: batched.p99Ms,
      poster_batched_max_abs_difference: maxDifference(single.results, batched.results),
    };
  },
});
