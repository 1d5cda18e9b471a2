/**
 * npm run --silent rate-review -- --json [--explain] < reviews.txt
 * Reads reviews from stdin, one per line, and prints one line per review in order: `{"rating": 7.9}` with --json,
 * `7.9/10  <start of the review>` without; --explain adds the words that drove each rating
 * (`"words": [{"word": "wonderful", "weight": 2.1}, ...]`, or `wonderful +2.1 · slow −0.8` on a second line). A
 * review that states its score ("2/10") gets that score, as from the bot (`"stated": "2/10"`). An empty line gets
 * the model's "no evidence" rating (the training mean). The model loads once; lines are rated in batches as they
 * arrive. Logs go to stderr.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import type { ReviewResult } from '../src/core/predictions.js';
import { formatWordWeights, readAsQuote, statedCaption } from '../src/core/reply.js';
import { withChatReading } from '../src/core/review-text.js';
import { statedReviewResult } from '../src/core/stated-score.js';
import { loadReviewModel, loadReviewPredictor, type ReviewRater } from '../src/ml/serving/review/predictor.js';

const BATCH = 64;
const HELP = `Usage: npm run --silent rate-review -- [--json] [--explain] [--model DIR] < reviews.txt
  --json       print {"rating": <1-10>} per input line
  --explain    also name the (at most 8) words that moved each rating, + up, − down, and the plain words a chat
               message was read as when its slang or emoji were spelt out ("readAs")
  --model DIR  review model folder (default: $MODELS_DIR/review, i.e. models/review)`;

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

function formatLine({ rating, words, stated, readAs }: ReviewResult, text: string, json: boolean): string {
  if (json) {
    const weights = words ? { words: words.map(({ word, weight }) => ({ word, weight: round3(weight) })) } : {};
    return JSON.stringify({ rating: round3(rating), ...(stated === undefined ? {} : { stated }), ...(readAs === undefined ? {} : { readAs }), ...weights });
  }
  const preview = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  const weights = words?.length ? `${readAs === undefined ? '' : `read as ${readAsQuote(readAs)}: `}${formatWordWeights(words)}` : '';
  const why = stated === undefined ? weights : statedCaption(stated);
  return `${round3(rating).toFixed(1)}/10  ${preview}${why ? `\n        ${why}` : ''}`;
}

/**
 * Each text's answer: its stated score when it gives one, else the model's rating (one batched call for all of
 * them) or, with `explain`, its explanation (one batched call each).
 */
async function rateAll(rater: ReviewRater, texts: readonly string[], explain: boolean): Promise<ReviewResult[]> {
  const results = texts.map((text) => statedReviewResult(text, explain));
  const unstated = texts.flatMap((_, i) => (results[i] ? [] : [i]));
  if (explain) {
    for (const i of unstated) results[i] = withChatReading(await rater.explain(texts[i]!), texts[i]!);
  } else {
    const ratings = await rater.predict(unstated.map((i) => texts[i]!));
    unstated.forEach((i, k) => (results[i] = { rating: ratings[k]! }));
  }
  return results as ReviewResult[];
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
    const lines = (await rateAll(rater, texts, values.explain ?? false)).map((result, i) => formatLine(result, texts[i]!, json));
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
