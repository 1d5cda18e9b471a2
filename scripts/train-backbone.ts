/**
 * npm run train:backbone -- --data DIR [options]
 * Fine-tunes the top of the nsfwjs MobileNetV2 (blocks 15-16 + Conv_1; blocks <= 14 stay frozen and their
 * activations are cached) together with a genre and a rating head; cross-validates frozen vs fine-tuned inside
 * the training part and scores the validation split. Writes report.json into --out.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { loadPosterDataset } from '../src/data/posters.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { isPositiveInteger, numberFlag } from '../src/ml/training/cli-flags.js';
import { DEFAULT_FINE_TUNE } from '../src/ml/training/poster/fine-tune-model.js';
import { trainFineTunedTop } from '../src/ml/training/poster/train-fine-tune.js';
import { errorMessage } from '../src/util/error-message.js';

const HELP = `Usage: npm run train:backbone -- --data DIR [options]
  --data DIR             poster folder with train.csv and Images/ (required)
  --out DIR              output folder for report.json (/tmp/backbone-ft)
  --cache DIR            cut-activation cache, ~0.5 GB for 6,000 posters (.cache/cut-activations)
  --folds K              cross-validation folds inside the training part (3)
  --skip-cv              only fit on the training part and score validation
  --head-epochs N        heads alone on the frozen top (${DEFAULT_FINE_TUNE.headEpochs})
  --top-epochs N         heads and top together (${DEFAULT_FINE_TUNE.topEpochs})
  --top-learning-rate X  Adam rate of the top blocks; 0 = heads only, the control (${DEFAULT_FINE_TUNE.topLearningRate})
  --head-learning-rate X Adam rate of the heads while the top trains (${DEFAULT_FINE_TUNE.headLearningRate})
  --rating-weight X      weight of the rating MAE in the shared loss (${DEFAULT_FINE_TUNE.ratingWeight})
  --seed N               shuffling seed (1)
  --limit N              use only the first N posters of train.csv (0 = all)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' }, out: { type: 'string' }, cache: { type: 'string' }, folds: { type: 'string' }, 'skip-cv': { type: 'boolean' },
      'head-epochs': { type: 'string' }, 'top-epochs': { type: 'string' }, 'top-learning-rate': { type: 'string' },
      'head-learning-rate': { type: 'string' }, 'rating-weight': { type: 'string' }, seed: { type: 'string' }, limit: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  if (values.data === undefined) throw new Error('Where are the posters? Pass --data DIR (the folder with train.csv and Images/).');
  const rate = (n: number) => n > 0 && n < 1;
  const hp = {
    ...DEFAULT_FINE_TUNE,
    headEpochs: numberFlag(values, 'head-epochs', DEFAULT_FINE_TUNE.headEpochs, isPositiveInteger, 'a positive integer'),
    topEpochs: numberFlag(values, 'top-epochs', DEFAULT_FINE_TUNE.topEpochs, isPositiveInteger, 'a positive integer'),
    topLearningRate: numberFlag(values, 'top-learning-rate', DEFAULT_FINE_TUNE.topLearningRate, (n) => n >= 0 && n < 1, 'in [0, 1)'),
    headLearningRate: numberFlag(values, 'head-learning-rate', DEFAULT_FINE_TUNE.headLearningRate, rate, 'between 0 and 1'),
    ratingWeight: numberFlag(values, 'rating-weight', DEFAULT_FINE_TUNE.ratingWeight, (n) => n >= 0, 'non-negative'),
  };
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const log = (message: string): void => logger.info(message);
  await initBackend(config.backend, log);
  const data = await loadPosterDataset(values.data);
  const limit = numberFlag(values, 'limit', 0, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer');
  const posters = limit > 0 ? data.posters.slice(0, limit) : data.posters;
  await trainFineTunedTop({
    outDir: values.out ?? '/tmp/backbone-ft',
    cacheDir: values.cache ?? '.cache/cut-activations',
    folds: numberFlag(values, 'folds', 3, (n) => Number.isInteger(n) && n >= 2, 'an integer of at least 2'),
    seed: numberFlag(values, 'seed', 1, Number.isInteger, 'an integer'),
    skipCrossValidation: values['skip-cv'] === true,
    log,
    progress: (done, total) => { if (done === total) log(`cut activations: ${total} posters extracted`); },
  }, posters, hp);
}

main().catch((error: unknown) => {
  process.stderr.write(`train-backbone failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
