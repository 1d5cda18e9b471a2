/**
 * npm run --silent rate-review -- --json < reviews.txt
 * Reads reviews from stdin, one per line, and prints one line per review in order: `{"rating": 7.9}` with --json,
 * `7.9/10  <start of the review>` without. An empty line gets the model's "no evidence" rating (the training
 * mean). The model loads once; lines are rated in batches as they arrive. Logs go to stderr.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { loadReviewModel, loadReviewPredictor } from '../src/ml/serving/review/predictor.js';

const BATCH = 64;
const HELP = `Usage: npm run --silent rate-review -- [--json] [--model DIR] < reviews.txt
  --json       print {"rating": <1-10>} per input line
  --model DIR  review model folder (default: $MODELS_DIR/review, i.e. models/review)`;

function formatLine(rating: number, text: string, json: boolean): string {
  const rounded = Math.round(rating * 1000) / 1000;
  if (json) return JSON.stringify({ rating: rounded });
  const preview = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${rounded.toFixed(1)}/10  ${preview}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, model: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return void console.log(HELP);
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  await initBackend(config.backend, (msg) => logger.debug(msg));
  const rater = values.model === undefined ? await loadReviewPredictor(config.modelsDir) : await loadReviewModel(values.model);
  const json = values.json ?? false;

  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const texts = pending;
    pending = [];
    const ratings = await rater.predict(texts);
    process.stdout.write(ratings.map((rating, i) => formatLine(rating, texts[i] ?? '', json)).join('\n') + '\n');
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
