import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { createMovieBot } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { decodePoster } from '../src/core/image.js';
import type { HealthReport } from '../src/http/ops-routes.js';
import { startHttpServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { loadPredictors } from '../src/ml/serving/load-predictors.js';
import { loadPosterPredictor } from '../src/ml/serving/poster/predictor.js';
import { inTheWild } from '../src/ml/training/poster/in-the-wild.js';
import { registerBench } from './registry.js';
import { median } from './timing.js';

const REQUESTS = 20;
const LOOKUP_RUNS = 40;

/** A 600 x 900 JPEG poster stand-in; `i` changes its bytes so no answer comes from the result cache. */
function syntheticPoster(i: number): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 900, channels: 3, background: { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 } } })
    .composite([{ input: Buffer.from(`<svg width="600" height="900"><circle cx="${150 + i * 10}" cy="300" r="120" fill="white"/></svg>`) }])
    .jpeg()
    .toBuffer();
}

/** The stand-in laid into a web page, as a screenshot of a film site: the poster finder cuts it out first. */
async function syntheticScreenshot(i: number): Promise<Uint8Array> {
  return (await inTheWild(await syntheticPoster(i), 'screenshot', i)).bytes;
}

/**
 * The median time of one request at a time. Without `force=1` the stand-ins may be turned away by the gate: a refusal
 * (400 with the gate's score) has been through the same work, the models' pass and the search for several posters.
 */
async function timeRequests(url: string, query: string, offset: number, picture: (i: number) => Promise<Uint8Array> = syntheticPoster): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const body = new Uint8Array(await picture(offset + i));
    const started = performance.now();
    const response = await fetch(`${url}/api/poster${query}`, { method: 'POST', body });
    const answer = (await response.json()) as { poster?: number };
    times.push(performance.now() - started);
    const refused = response.status === 400 && answer.poster !== undefined && !query.includes('force=1');
    if (response.status !== 200 && !refused) throw new Error(`POST /api/poster${query} answered ${response.status}`);
  }
  return Math.round(median(times));
}

/** One `?explain=1` request at a time through the local HTTP API, with the real models in their worker threads. */
registerBench({
  name: 'poster-explain',
  async run({ log }) {
    const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', PORT: '0', RATE_LIMIT_PER_MINUTE: '10000' });
    const logger = createLogger(config.logLevel);
    const predictors = await loadPredictors(config, logger);
    const bot = createMovieBot({ config, logger, ...predictors, modelVersion: 'bench' });
    const server = await startHttpServer({ config, bot, logger, localMode: true, health: () => ({ checks: { models: true } }) as HealthReport });
    log(`poster-explain: ${REQUESTS} plain (forced, then as sent), ${REQUESTS} ?explain=1 requests, one at a time, 600 x 900 JPEGs; then ${REQUESTS} screenshots of them`);
    try {
      await timeRequests(server.url, '?force=1&explain=1', 1000);
      return {
        // force=1 reads the stand-ins whatever the gate thinks of them: the models' answer, the work the PyTorch peer
        // does (it also skips the search for several posters side by side).
        poster_request_p50_ms: await timeRequests(server.url, '?force=1', 0),
        // As users send them: the gate and the search for several posters included.
        poster_request_as_sent_p50_ms: await timeRequests(server.url, '', 300),
        poster_explain_request_p50_ms: await timeRequests(server.url, '?force=1&explain=1', 100),
        poster_screenshot_request_p50_ms: await timeRequests(server.url, '?force=1', 200, syntheticScreenshot),
      };
    } finally {
      await server.close();
      await bot.close();
      await predictors.close();
    }
  },
});

/** The same models with and without `similar/`, one poster at a time, interleaved so load affects both alike. */
registerBench({
  name: 'similar-lookup',
  async run({ log }) {
    const modelsDir = resolve(loadConfig(process.env).modelsDir);
    const withoutIndex = await mkdtemp(join(tmpdir(), 'models-without-similar-'));
    for (const task of ['genre', 'rating', 'gate']) await symlink(join(modelsDir, task), join(withoutIndex, task));
    const [indexed, plain] = await Promise.all([loadPosterPredictor(modelsDir), loadPosterPredictor(withoutIndex)]);
    log(`similar-lookup: ${LOOKUP_RUNS} single-poster predictions with and without ${modelsDir}/similar, interleaved`);
    try {
      const image = await decodePoster(await syntheticPoster(0), indexed.inputSize);
      const times = { indexed: [] as number[], plain: [] as number[] };
      for (let i = 0; i < LOOKUP_RUNS + 2; i++) {
        for (const [name, predictor] of [['indexed', indexed], ['plain', plain]] as const) {
          const started = performance.now();
          await predictor.predict([image]);
          if (i >= 2) times[name].push(performance.now() - started);
        }
      }
      const [withMs, withoutMs] = [median(times.indexed), median(times.plain)];
      return { similar_predict_p50_ms: Math.round(withMs * 10) / 10, plain_predict_p50_ms: Math.round(withoutMs * 10) / 10, similar_lookup_extra_ms: Math.round((withMs - withoutMs) * 10) / 10 };
    } finally {
      await Promise.all([indexed.dispose(), plain.dispose()]);
      await rm(withoutIndex, { recursive: true, force: true });
    }
  },
});
