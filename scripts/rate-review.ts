/**
 * npm run --silent rate-review -- --json [--explain] < reviews.txt
 * Reads reviews from stdin, one per line, and prints one line per review in order: `{"rating": 7.9}` with --json,
 * `7.9/10  <start of the review>` without; --explain adds the words that drove each rating
 * (`"words": [{"word": "wonderful", "weight": 2.1}, ...]`, or `wonderful +2.1 · slow −0.8` on a second line). An empty line gets the model's "no evidence" rating (the training
 * mean). The model loads once; lines are rated in batches as they arrive. Logs go to stderr.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import type { ReviewExplanation, WordWeight } from '../src/core/predictions.js';
import { formatWordWeights } from '../src/core/reply.js';
import { loadReviewModel, loadReviewPredictor, type ReviewRater } from '../src/ml/serving/review/predictor.js';

const BATCH = 64;
const HELP = `Usage: npm run --silent rate-review -- [--json] [--explain] [--model DIR] < reviews.txt
  --json       print {"rating": <1-10>} per input line
  --explain    also name the (at most 8) words that moved each rating, + up, − down
  --model DIR  review model folder (default: $MODELS_DIR/review, i.e. models/review)`;

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

function formatLine(rating: number, text: string, json: boolean, words?: readonly WordWeight[]): string {
  if (json) return JSON.stringify({ rating: round3(rating), ...(words ? { words: words.map(({ word, weight }) => ({ word, weight: round3(weight) })) } : {}) });
  const preview = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${round3(rating).toFixed(1)}/10  ${preview}${words?.length ? `\n        ${formatWordWeights(words)}` : ''}`;
}

/** One explanation per text: each is its own batched model call. */
async function explainAll(rater: ReviewRater, texts: readonly string[]): Promise<ReviewExplanation[]> {
  const explanations: ReviewExplanation[] = [];
  for (const text of texts) explanations.push(await rater.explain(text));
  return explanations;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, explain: { type: 'boolean' }, model: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return void console.log(HELP);
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  await initBackend(config.backend, (msg) => logger.debug(msg), config.limits.wasmThreads);
  const rater = values.model === undefined ? await loadReviewPredictor(config.modelsDir) : await loadReviewModel(values.model);
  const json = values.json ?? false;

  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const texts = pending;
    pending = [];
    const lines = values.explain
      ? (await explainAll(rater, texts)).map(({ rating, words }, i) => formatLine(rating, texts[i] ?? '', json, words))
      : (await rater.predict(texts)).map((rating, i) => formatLine(rating, texts[i] ?? '', json));
    process.stdout.write(`${lines.join('\n')}\n`);
  };
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    pending.push(line);
    if (pending.length >= BATCH) await flush();
  }
  await flush();
  rater.dispose();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
