/**
 * npm run evaluate -- --data DIR [--task posters|review] [--models DIR] [--split validation|all] [--sst DIR]
 * Prints one JSON object of metrics, with the mean-guess baselines beside them, on stdout.
 *   posters (default): genre mAP, macro ROC-AUC, top-3 precision and rating MAE of models/genre + models/rating
 *   review: MAE and positive/negative accuracy of models/review on an aclImdb archive or folder, and with --sst
 *   its SST dev figures (binary accuracy without the neutral sentences, Spearman with the five levels)
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/backend.js';
import { type EvaluationSplit, evaluatePosterModels } from '../src/ml/poster/evaluate.js';
import { evaluateReviewModel } from '../src/ml/review/evaluate.js';
import { choiceFlag } from '../src/ml/training/cli-flags.js';

const USAGE = `Usage: npm run evaluate -- --data PATH [--task posters|review] [--models DIR] [--split validation|all] [--sst DIR]
  --data PATH    poster folder (train.csv + Images/) or aclImdb .tar.gz/folder (required)
  --task T       posters (genre + rating models) | review (posters)
  --models DIR   models folder holding genre/, rating/, review/ (MODELS_DIR or models)
  --split S      validation (this project's held-out split of --data) | all (every item: a new held-out set) (validation
                 for posters, all for reviews)
  --sst DIR      review only: also score the SST dev sentences in DIR/stsa.fine.dev`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, task: { type: 'string' }, models: { type: 'string' }, split: { type: 'string' }, sst: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (values.data === undefined) throw new Error(`--data is required\n${USAGE}`);
  const task = choiceFlag(values, 'task', 'posters', ['posters', 'review']);
  const split = choiceFlag<EvaluationSplit>(values, 'split', task === 'review' ? 'all' : 'validation', ['validation', 'all']);
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  await initBackend(config.backend, (msg) => logger.info(msg));
  const modelsDir = values.models ?? config.modelsDir;
  const metrics = task === 'review'
    ? await evaluateReviewModel(join(modelsDir, 'review'), values.data, split, values.sst)
    : await evaluatePosterModels(modelsDir, values.data, split, (msg) => logger.debug(msg));
  process.stdout.write(`${JSON.stringify(metrics)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`evaluate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
