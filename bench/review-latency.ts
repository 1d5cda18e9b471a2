import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { MovieBot } from '../src/core/bot.js';
import { startHttpServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { loadPredictors } from '../src/ml/serving/load-predictors.js';
import { registerBench } from './registry.js';

const REQUESTS = 60;
const SENTENCES = [
  'A slow start, then wonderful.',
  'Terrible, boring film. Avoid.',
  "It was ok, nothing special, but the cast didn't help.",
  'Absolutely loved it, a masterpiece!',
  'The worst movie I have ever seen.',
];

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]! * 10) / 10;
}

/** Wall time of `REQUESTS` one-sentence reviews sent one after another; `round` makes every text new, so no cache answers. */
async function timeRequests(url: string, explain: boolean, round: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const text = `${SENTENCES[i % SENTENCES.length]} Seen ${round} in ${1900 + i}.`;
    const start = performance.now();
    const response = await fetch(`${url}/api/review`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, explain }) });
    if (!response.ok) throw new Error(`POST /api/review answered ${response.status}: ${await response.text()}`);
    await response.json();
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * `/rate-review` as the local HTTP API serves it: the shipped review model in its worker threads behind the real
 * bot and server, one one-sentence review at a time, with and without the words that drove the rating.
 */
registerBench({
  name: 'review-latency',
  async run({ log }) {
    const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: String(10 * REQUESTS) });
    const logger = createLogger(config.logLevel);
    const predictors = await loadPredictors(config, logger);
    const bot = new MovieBot({ config, logger, ...predictors, modelVersion: 'bench', download: async () => ({ bytes: new Uint8Array() }) });
    const server = await startHttpServer({ config, bot, logger, localMode: true, health: () => ({ ok: true, checks: {} }) });
    try {
      await timeRequests(server.url, true, 'first');
      log(`review-latency: ${REQUESTS} one-sentence reviews through POST /api/review, without then with explain`);
      const plain = await timeRequests(server.url, false, 'then');
      const explained = await timeRequests(server.url, true, 'again');
      return {
        review_latency_p50_ms: percentile(plain, 0.5),
        review_latency_p95_ms: percentile(plain, 0.95),
        review_latency_explain_p50_ms: percentile(explained, 0.5),
        review_latency_explain_p95_ms: percentile(explained, 0.95),
      };
    } finally {
      await server.close();
      await bot.close();
      await predictors.close();
    }
  },
});
