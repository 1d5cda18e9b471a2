/**
 * npm run evaluate -- --data DIR [--task posters|review] [--models DIR] [--split validation|unfitted|all] [--sst DIR] [--out DIR]
 * Prints one JSON object of metrics, with the mean-guess baselines beside them, on stdout.
 *   posters (default): genre mAP, macro ROC-AUC, top-3 precision and rating MAE of models/genre + models/rating;
 *         with --out, the full report instead: per-genre figures at the served thresholds, rating and gate figures,
 *         each beside the constant guess, in DIR/metrics.json with PR, ROC, calibration and rating-scatter PNGs,
 *         and a text summary on stdout (--non-posters DIR adds the gate on held-out non-posters)
 *   review: MAE and positive/negative accuracy of models/review on an aclImdb archive or folder, the same for the
 *   bot's answers (served_*: a score the review states wins over the model's), and with --sst its SST dev figures
 *   (binary accuracy without the neutral sentences, Spearman with the five levels)
 *   wild: validation (or --split) posters made into phone photos, screenshots, scans...: genre top-3 agreement with the clean
 *         poster and the share the poster gate lets through (--limit posters, 200); with --non-posters and
 *         --wild, also the share of the gate's held-out non-posters it turns away
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { type EvaluationSplit, evaluatePosterModels, modelsFittedOnValidation } from '../src/ml/training/poster/evaluate.js';
import { evaluateReviewModel, type ReviewEvaluationSplit } from '../src/ml/training/review/evaluate.js';
import { REVIEW_MODEL_DIR } from '../src/ml/serving/review/metadata.js';
import { evaluateInTheWild } from '../src/ml/training/poster/evaluate-in-the-wild.js';
import { posterEvaluationReport, writeEvaluationReport } from '../src/ml/training/poster/evaluation-report.js';
import { reportSummary } from '../src/ml/training/poster/report-summary.js';
import { evaluateGateOnNonPosters } from '../src/ml/training/poster/evaluate-gate-non-posters.js';
import { choiceFlag, isPositiveInteger, numberFlag } from '../src/ml/training/cli-flags.js';
import { errorMessage } from '../src/util/error-message.js';

const USAGE = `Usage: npm run evaluate -- --data PATH [--task posters|review|wild] [--models DIR] [--split validation|unfitted|all] [--sst DIR] [--out DIR [--non-posters DIR]]
  --data PATH    poster folder (train.csv + Images/) or aclImdb .tar.gz/folder (required)
  --task T       posters (genre + rating models) | review | wild (posters as people post them) (posters)
  --limit N      wild only: posters of --split, each made into every in-the-wild kind (200)
  --non-posters DIR, --wild DIR
                 wild only: also score the gate's held-out non-posters (train:gate's folders) through the same path
  --models DIR   models folder holding genre/, rating/, review/ (MODELS_DIR or models)
  --split S      validation (this project's held-out split of --data) | unfitted (posters only: the part of the
                 validation split that early-stops a --fit-validation refit, which no shipped head learnt) | all (every
                 item: a new held-out set) (validation for posters, all for reviews)
  --sst DIR      review only: also score the SST dev sentences in DIR/stsa.fine.dev, and the slice of
                 DIR/stsa.fine.train the model held out (sst_holdout_*) when its metadata records one
  --out DIR      posters only: write the full report (metrics.json, genre-pr/roc/reliability.png, rating-scatter.png,
                 gate-pr/roc/reliability.png) into DIR and print a summary instead of one JSON line
  --non-posters DIR  posters with --out: score the gate on the validation groups of this non-poster folder
                 (scripts/non-posters/build.sh); without it the report says the gate was not measured on non-posters`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, task: { type: 'string' }, models: { type: 'string' }, split: { type: 'string' }, sst: { type: 'string' }, limit: { type: 'string' }, out: { type: 'string' }, 'non-posters': { type: 'string' }, wild: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (values.data === undefined) throw new Error(`--data is required\n${USAGE}`);
  const task = choiceFlag(values, 'task', 'posters', ['posters', 'review', 'wild']);
  const split = task === 'review'
    ? choiceFlag<ReviewEvaluationSplit>(values, 'split', 'all', ['validation', 'all'])
    : choiceFlag<EvaluationSplit>(values, 'split', 'validation', ['validation', 'unfitted', 'all']);
  if (values.out !== undefined && task !== 'posters') throw new Error('--out is for --task posters');
  if (values['non-posters'] !== undefined && task === 'review') throw new Error('--non-posters is for --task posters (with --out) or wild');
  if (values['non-posters'] !== undefined && task === 'posters' && values.out === undefined) throw new Error('--non-posters needs --out');
  if (values.wild !== undefined && (task !== 'wild' || values['non-posters'] === undefined)) throw new Error('--wild is for --task wild with --non-posters');
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  await initBackend(config.backend, (msg) => logger.info(msg), config.limits.scriptWasmThreads);
  const modelsDir = values.models ?? config.modelsDir;
  const limit = numberFlag(values, 'limit', 200, isPositiveInteger, 'a positive integer');
  const learnt = task === 'review' || split !== 'validation' ? [] : await modelsFittedOnValidation(modelsDir);
  if (learnt.length > 0) {
    process.stderr.write(`Note: the ${learnt.join(' and ')} model${learnt.length > 1 ? 's' : ''} in ${modelsDir} learnt the validation split (--fit-validation), so these are training figures. The same recipe's held-out figures are under "validation" in ${learnt.map((t) => join(modelsDir, t, 'metadata.json')).join(' and ')}; --split unfitted scores the posters no head learnt.\n`);
  }
  if (values.out !== undefined) {
    const report = await posterEvaluationReport({ modelsDir, dataDir: values.data, split, nonPosterDir: values['non-posters'], log: (msg) => logger.debug(msg) });
    return void process.stdout.write(`${reportSummary(report.metrics, await writeEvaluationReport(values.out, report))}\n`);
  }
  const metrics = task === 'review'
    // The review task's --split was read as validation|all above.
    ? await evaluateReviewModel(join(modelsDir, REVIEW_MODEL_DIR), values.data, split as ReviewEvaluationSplit, values.sst)
    : task === 'wild'
      ? {
        ...await evaluateInTheWild(modelsDir, values.data, limit, split, (msg) => logger.debug(msg)),
        ...(values['non-posters'] === undefined ? {} : await evaluateGateOnNonPosters(modelsDir, values['non-posters'], values.wild ?? join(values['non-posters'], '..', 'wild'))),
      }
      : await evaluatePosterModels(modelsDir, values.data, split, (msg) => logger.debug(msg));
  process.stdout.write(`${JSON.stringify(metrics)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`evaluate failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
