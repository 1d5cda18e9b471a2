/**
 * npm run train:genre -- --data DIR [options]     (also train:rating; both are `--task genre|rating`)
 * Trains a poster model and writes model.json, weights.bin, metadata.json, metrics.json and training-curve.png
 * (plus feature-norm.bin for --arch mobilenet) into --out. `--help` lists every flag with its default.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { loadPosterDataset } from '../src/data/posters.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { BACKBONE_SOURCES, type BackboneSource, DEFAULT_BACKBONE } from '../src/ml/serving/poster/backbone.js';
import { DEFAULT_VIEWS } from '../src/ml/serving/poster/features.js';
import { type HeadCandidate, searchCandidates } from '../src/ml/training/poster/candidates.js';
import { feedbackTrainingPosters } from '../src/ml/training/poster/feedback-posters.js';
import { DEFAULT_HEAD, type HeadHyperparams } from '../src/ml/training/poster/head.js';
import type { PosterArchitecture } from '../src/ml/serving/poster/metadata.js';
import { DEFAULT_SCRATCH } from '../src/ml/training/poster/scratch-model.js';
import { POSTER_TASKS, type PosterTask } from '../src/ml/training/poster/task.js';
import { trainMobilenetPoster } from '../src/ml/training/poster/train-mobilenet.js';
import { trainScratchPoster } from '../src/ml/training/poster/train-scratch.js';
import { choiceFlag, isPositiveInteger, numberFlag } from '../src/ml/training/cli-flags.js';
import { errorMessage } from '../src/util/error-message.js';

const DEFAULT_SERVED_VIEWS = DEFAULT_BACKBONE.views.length === 1 ? 'original' : 'both';

const HELP = `Usage: npm run train:genre|train:rating -- --data DIR [options]
  --data DIR             poster folder with train.csv and Images/ (required)
  --out DIR              output folder (models/<task>)
  --arch A               mobilenet (frozen nsfwjs MobileNetV2 + trained head) | scratch (mobilenet)
  --backbone B           mobilenet only: ${BACKBONE_SOURCES.join(' | ')} (${DEFAULT_BACKBONE.source})
  --served-views V       mobilenet only: both (the poster and its mirror, averaged) | original; the mirror still
                         augments training with --train-views each (${DEFAULT_SERVED_VIEWS})
  --epochs N             maximum epochs (mobilenet 40, scratch 12)
  --batch-size N         (mobilenet ${DEFAULT_HEAD.batchSize}, scratch ${DEFAULT_SCRATCH.batchSize})
  --learning-rate X      Adam learning rate (mobilenet ${DEFAULT_HEAD.learningRate}, scratch ${DEFAULT_SCRATCH.learningRate})
  --seed N               shuffling seed (1)
  --patience N           early-stopping patience in epochs (mobilenet 5, scratch 3)
  --folds K              cross-validation folds inside the training part (mobilenet only) (3)
  --search               cross-validate the built-in candidate heads and keep the best (mobilenet only)
  --hidden N             head hidden units, 0 = linear probe (${DEFAULT_HEAD.hidden})
  --dropout X            head dropout (${DEFAULT_HEAD.dropout})
  --input-dropout X      dropout on the features (${DEFAULT_HEAD.inputDropout})
  --l2 X                 L2 weight penalty (${DEFAULT_HEAD.l2})
  --class-weighting W    none | sqrt (genre) (${DEFAULT_HEAD.classWeighting})
  --train-views V        each (flip augmentation) | mean (${DEFAULT_HEAD.trainViews})
  --ensemble N           heads trained with different seeds, outputs averaged (${DEFAULT_HEAD.ensemble})
  --aux-genre-weight X   rating only: the head also learns the poster's genre labels while training, their cross-
                         entropy weighted X beside the rating's MAE; the saved head answers the rating alone (0)
  --features F           all (avg + max pools of every tap) | avg (average pools only) (all)
  --input-size N         scratch input side in pixels (${DEFAULT_SCRATCH.inputSize})
  --workers N            scratch only: data-parallel steps over N worker threads, one per core is the fastest
                         (batch norm then uses per-shard statistics); 0 = one thread, model.fitDataset (0)
  --cache DIR            feature cache (.cache/poster-features)
  --wild DIR             mobilenet only: a wild feature cache root, made where missing: a phone photo or a screenshot
                         of each titled training poster (as build:similar's projection uses) trains beside the clean
                         rows, labelled with its poster's labels (never validation, the early-stop slice or a held CV fold)
  --wild-answer-weight X mobilenet with --wild only: share of a wild row's target in the final fit taken from the
                         cross-validated head's answer for its clean poster instead of the labels, so a wild picture
                         learns to be answered as its poster is (0)
  --wild-pictures N      mobilenet with --wild only: wild pictures per titled training poster, the kinds in turn from
                         a different one per poster, so 2 gives each a phone photo and a screenshot (1)
  --fit-validation       mobilenet only: after the usual run (cross-validation, a final fit on the training part
                         scored on the validation split), refit the same recipe on the training part and the
                         validation split together and ship that refit; metadata keeps the held-out fit's figures
  --limit N              use only the first N posters of train.csv, for quick trials (0 = all)
  --feedback FILE        genre only: add the posters people corrected, from \`npm run feedback -- export --images DIR\`,
                         to the training part (never validation), labelled with their corrected genres`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      task: { type: 'string' }, backbone: { type: 'string' }, 'served-views': { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, arch: { type: 'string' },
      epochs: { type: 'string' }, 'batch-size': { type: 'string' }, 'learning-rate': { type: 'string' }, seed: { type: 'string' },
      patience: { type: 'string' }, folds: { type: 'string' }, search: { type: 'boolean' }, hidden: { type: 'string' },
      dropout: { type: 'string' }, 'input-dropout': { type: 'string' }, l2: { type: 'string' }, 'class-weighting': { type: 'string' },
      'train-views': { type: 'string' }, features: { type: 'string' }, ensemble: { type: 'string' }, 'input-size': { type: 'string' }, workers: { type: 'string' }, cache: { type: 'string' }, limit: { type: 'string' }, wild: { type: 'string' }, 'wild-answer-weight': { type: 'string' }, 'wild-pictures': { type: 'string' }, 'aux-genre-weight': { type: 'string' }, 'fit-validation': { type: 'boolean' }, feedback: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  const task = choiceFlag<PosterTask>(values, 'task', 'genre', POSTER_TASKS);
  const arch = choiceFlag<PosterArchitecture>(values, 'arch', 'mobilenet', ['mobilenet', 'scratch']);
  if (values.feedback !== undefined && task !== 'genre') throw new Error('--feedback is for train:genre: feedback corrects genres, never ratings');
  const dataDir = values.data;
  if (dataDir === undefined) throw new Error('Where are the posters? Pass --data DIR (the folder with train.csv and Images/).');
  const scratch = arch === 'scratch';
  const common = {
    epochs: numberFlag(values, 'epochs', scratch ? 12 : 40, isPositiveInteger, 'a positive integer'),
    patience: numberFlag(values, 'patience', scratch ? 3 : 5, isPositiveInteger, 'a positive integer'),
    seed: numberFlag(values, 'seed', 1, Number.isInteger, 'an integer'),
    folds: numberFlag(values, 'folds', 3, (n) => Number.isInteger(n) && n >= 2, 'an integer of at least 2'),
    workers: numberFlag(values, 'workers', 0, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer'),
  };
  if (values.wild !== undefined && scratch) throw new Error('--wild is for --arch mobilenet: its rows are cached backbone features');
  const wildAnswerWeight = numberFlag(values, 'wild-answer-weight', 0, (n) => n >= 0 && n <= 1, 'between 0 and 1');
  if (wildAnswerWeight > 0 && values.wild === undefined) throw new Error('--wild-answer-weight blends the targets of wild rows: pass --wild DIR too');
  const wildPictures = numberFlag(values, 'wild-pictures', 1, isPositiveInteger, 'a positive integer');
  if (values['wild-pictures'] !== undefined && values.wild === undefined) throw new Error('--wild-pictures sets how many wild rows each training poster gets: pass --wild DIR too');
  if (values['fit-validation'] && scratch) throw new Error('--fit-validation is for --arch mobilenet: the scratch CNN has no separate held-out fit to report');
  if (values['aux-genre-weight'] !== undefined && (task !== 'rating' || scratch || values.search || wildAnswerWeight > 0)) {
    throw new Error('--aux-genre-weight is for train:rating with --arch mobilenet, without --search or --wild-answer-weight: every head of the run must learn the same targets');
  }
  if (common.workers > 0 && !scratch) throw new Error('--workers is for --arch scratch: the mobilenet head trains on cached features and is too small to split');
  const batchSize = numberFlag(values, 'batch-size', scratch ? DEFAULT_SCRATCH.batchSize : DEFAULT_HEAD.batchSize, isPositiveInteger, 'a positive integer');
  const learningRate = numberFlag(values, 'learning-rate', scratch ? DEFAULT_SCRATCH.learningRate : DEFAULT_HEAD.learningRate, (n) => n > 0 && n < 1, 'between 0 and 1');

  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const log = (message: string): void => logger.info(message);
  const backend = await initBackend(config.backend, log);
  const data = await loadPosterDataset(dataDir);
  const limit = numberFlag(values, 'limit', 0, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer');
  const feedback = values.feedback === undefined ? [] : await feedbackTrainingPosters(values.feedback, data.posters, log);
  const posters = [...(limit > 0 ? data.posters.slice(0, limit) : data.posters), ...feedback];
  if (data.badRows.length > 0) log(`${data.badRows.length} bad label rows skipped, e.g. ${data.badRows.slice(0, 3).join('; ')}`);
  const ctx = {
    task,
    outDir: values.out ?? `models/${task}`,
    dataDir,
    cacheDir: values.cache ?? '.cache/poster-features',
    backbone: choiceFlag<BackboneSource>(values, 'backbone', DEFAULT_BACKBONE.source, BACKBONE_SOURCES),
    servedViews: choiceFlag(values, 'served-views', DEFAULT_SERVED_VIEWS, ['both', 'original']) === 'both' ? DEFAULT_VIEWS : ['original' as const],
    ...(values.wild === undefined ? {} : { wildDir: values.wild }),
    wildAnswerWeight,
    wildPictures,
    fitValidation: values['fit-validation'] === true,
    ...common,
    command: ['npm run', `train:${task}`, '--', ...process.argv.slice(2).filter((arg) => arg !== '--task' && arg !== task)].join(' '),
    backend,
    dataSummary: { dir: dataDir, posters: posters.length, feedbackPosters: feedback.length, badLabelRows: data.badRows.length, withRating: posters.filter((p) => p.rating !== undefined).length, ratingSources: data.ratingSources },
    log,
    progress: imageProgress(),
  };
  if (scratch) {
    await trainScratchPoster(ctx, posters, {
      ...DEFAULT_SCRATCH,
      inputSize: numberFlag(values, 'input-size', DEFAULT_SCRATCH.inputSize, (n) => Number.isInteger(n) && n >= 16, 'an integer of at least 16'),
      batchSize,
      learningRate,
    });
    return;
  }
  const blocks = choiceFlag(values, 'features', 'all', ['all', 'avg']);
  const candidates: HeadCandidate[] = values.search ? searchCandidates(task) : [{ name: 'from flags', blocks, head: headFromFlags(values, batchSize, learningRate) }];
  await trainMobilenetPoster(ctx, posters, candidates);
}

/** `images 1200/6136 (19%)` on one stderr line, rewritten when the percentage changes. */
function imageProgress(): (done: number, total: number) => void {
  let lastPercent = -1;
  return (done, total) => {
    const percent = Math.floor((done / total) * 100);
    if (percent !== lastPercent) process.stderr.write(`\rimages ${done}/${total} (${percent}%)${done === total ? '\n' : ''}`);
    lastPercent = percent;
  };
}

function headFromFlags(values: Parameters<typeof numberFlag>[0], batchSize: number, learningRate: number): HeadHyperparams {
  const fraction = (n: number) => n >= 0 && n < 1;
  return {
    ...DEFAULT_HEAD,
    batchSize,
    learningRate,
    hidden: numberFlag(values, 'hidden', DEFAULT_HEAD.hidden, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer'),
    dropout: numberFlag(values, 'dropout', DEFAULT_HEAD.dropout, fraction, 'in [0, 1)'),
    inputDropout: numberFlag(values, 'input-dropout', DEFAULT_HEAD.inputDropout, fraction, 'in [0, 1)'),
    l2: numberFlag(values, 'l2', DEFAULT_HEAD.l2, (n) => n >= 0, 'non-negative'),
    classWeighting: choiceFlag(values, 'class-weighting', DEFAULT_HEAD.classWeighting, ['none', 'sqrt']),
    trainViews: choiceFlag(values, 'train-views', DEFAULT_HEAD.trainViews, ['each', 'mean']),
    ensemble: numberFlag(values, 'ensemble', DEFAULT_HEAD.ensemble, isPositiveInteger, 'a positive integer'),
    auxGenreWeight: numberFlag(values, 'aux-genre-weight', DEFAULT_HEAD.auxGenreWeight, (n) => n >= 0, 'non-negative'),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`train-poster failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
