/**
 * npm run train:gate -- --data DIR --non-posters DIR [options]
 * Trains the poster gate (P(image is a movie poster)) on the genre model's frozen backbone features and writes
 * model.json, weights.bin, feature-norm.bin and metadata.json (data, counts, validation figures, threshold) to --out.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { loadPosterDataset } from '../src/data/posters.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { DEFAULT_GATE, trainPosterGate } from '../src/ml/training/poster/train-gate.js';
import { isPositiveInteger, numberFlag } from '../src/ml/training/cli-flags.js';

const HELP = `Usage: npm run train:gate -- --data DIR --non-posters DIR [options]
  --data DIR             poster folder with train.csv and Images/ (required)
  --non-posters DIR      the set built by scripts/non-posters/build.sh (sources.tsv, images/)
  --wild DIR             where in-the-wild posters are written and reused (.cache/gate-wild)
  --out DIR              output folder (models/gate)
  --genre DIR            genre model whose backbone the gate shares (models/genre)
  --cache DIR            feature cache (.cache/gate-features)
  --train-posters N      clean training-split posters (1000)
  --train-wild N         in-the-wild pictures of training-split posters (720)
  --validation-posters N clean validation-split posters (600)
  --validation-wild N    in-the-wild pictures of validation-split posters (360)
  --train-wild-non N     in-the-wild pictures of training non-posters (480)
  --validation-wild-non N in-the-wild pictures of validation non-posters (180)
  --hidden N             hidden units, 0 = logistic regression (${DEFAULT_GATE.hidden})
  --l2 X                 L2 weight penalty (${DEFAULT_GATE.l2})
  --epochs N             (${DEFAULT_GATE.epochs})
  --seed N               (1)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' }, 'non-posters': { type: 'string' }, wild: { type: 'string' }, out: { type: 'string' }, genre: { type: 'string' },
      cache: { type: 'string' }, 'train-posters': { type: 'string' }, 'train-wild': { type: 'string' }, 'validation-posters': { type: 'string' }, 'validation-wild': { type: 'string' },
      'train-wild-non': { type: 'string' }, 'validation-wild-non': { type: 'string' },
      hidden: { type: 'string' }, l2: { type: 'string' }, epochs: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  const dataDir = values.data;
  if (dataDir === undefined) throw new Error('Where are the posters? Pass --data DIR (the folder with train.csv and Images/).');
  if (values['non-posters'] === undefined) throw new Error('Pass --non-posters DIR, the folder scripts/non-posters/build.sh wrote.');
  const count = (name: string, fallback: number) => numberFlag(values, name, fallback, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer');
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const log = (message: string): void => logger.info(message);
  const backend = await initBackend(config.backend, log);
  let lastPercent = -1;
  await trainPosterGate({
    posters: (await loadPosterDataset(dataDir)).posters,
    nonPosterDir: values['non-posters'],
    wildDir: values.wild ?? '.cache/gate-wild',
    genreDir: values.genre ?? 'models/genre',
    outDir: values.out ?? 'models/gate',
    cacheDir: values.cache ?? '.cache/gate-features',
    plan: {
      trainPosters: count('train-posters', 1000),
      trainWild: count('train-wild', 720),
      validationPosters: count('validation-posters', 600),
      validationWild: count('validation-wild', 360),
      trainWildNonPosters: count('train-wild-non', 480),
      validationWildNonPosters: count('validation-wild-non', 180),
    },
    hp: {
      ...DEFAULT_GATE,
      hidden: count('hidden', DEFAULT_GATE.hidden),
      l2: numberFlag(values, 'l2', DEFAULT_GATE.l2, (n) => n >= 0, 'non-negative'),
      epochs: numberFlag(values, 'epochs', DEFAULT_GATE.epochs, isPositiveInteger, 'a positive integer'),
    },
    seed: numberFlag(values, 'seed', 1, Number.isInteger, 'an integer'),
    command: ['npm run train:gate --', ...process.argv.slice(2)].join(' '),
    backend,
    log,
    progress: (done, total) => {
      const percent = Math.floor((done / total) * 100);
      if (percent !== lastPercent) process.stderr.write(`\rimages ${done}/${total} (${percent}%)${done === total ? '\n' : ''}`);
      lastPercent = percent;
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`train-gate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
