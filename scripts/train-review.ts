/**
 * npm run train:review -- --data /path/aclImdb_train.tar.gz --sst /path/sst [--out models/review] [--epochs 8] ...
 * Trains the CNN-LSTM review rater on aclImdb reviews and SST sentences together and writes model.json, weights.bin, tokenizer.json, metadata.json,
 * metrics.json and training-curve.png into --out. `--help` lists every flag with its default.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { choiceFlag as choice, isPositiveInteger as positiveInt, numberFlag as number } from '../src/ml/training/cli-flags.js';
import { DEFAULT_REVIEW_TRAINING as D, trainReviewModel } from '../src/ml/training/review/train.js';
import type { ReviewLoss } from '../src/ml/training/review/loss.js';
import type { Side } from '../src/ml/serving/review/tokenizer.js';

const HELP = `Usage: npm run train:review -- --data FILE_OR_DIR [options]
  --data PATH              aclImdb .tar.gz or a folder with pos/ and neg/ (required)
  --sst DIR                folder with stsa.fine.train and stsa.fine.dev: trains on the first, validates on the
                           second (without it: aclImdb only)
  --out DIR                output folder (${D.outDir})
  --epochs N               maximum epochs (${D.epochs})
  --batch-size N           (${D.batchSize})
  --learning-rate X        Adam learning rate (${D.learningRate})
  --lr-decay X             learning-rate factor after each epoch (${D.learningRateDecay})
  --seed N                 initialisation and shuffling seed (${D.seed})
  --max-len N              longest review read, in tokens (${D.maxLen})
  --vocab-size N           vocabulary cap incl. padding and OOV (${D.vocabSize})
  --truncating pre|post    which end of a long review is cut (${D.truncating})
  --negation-scope         the words after a negation, to the end of the clause, become their own tokens
                           ("not funny" -> not not_funny) (${D.negationScope})
  --pool-size N            max-pool window after the first convolution (${D.poolSize})
  --lstm-units N           units per direction of the bidirectional LSTM (${D.lstmUnits})
  --dropout X              (${D.dropout})
  --glove / --no-glove     GloVe 100-d initial embedding (${D.glove ? 'on' : 'off'})
  --freeze-embedding       keep the embedding fixed (${D.freezeEmbedding})
  --loss mae|huber         (${D.loss})
  --side-weight X          adds X times a logistic loss on the output's side of 5.5 against the rating's
                           (neutral SST sentences weigh nothing in it), aiming at positive/negative accuracy
                           (${D.sideWeight})
  --patience N             epochs without a better validation loss before stopping (${D.patience})
  --validation-fraction X  (${D.validationFraction})
  --split-seed TEXT        salt of the id-hash split, for a second fold (${D.splitSeed})
  --train-limit N          train on N reviews and N SST sentences only, for quick comparisons (0 = all)
  --sst-repeat N           each SST sentence appears N times per epoch (${D.sstRepeat})
  --sst-holdout X          share of SST training sentences held out by sentence hash, scored as a second
                           check beside SST dev and never trained on (${D.sstHoldoutFraction})
  --average-from N         from epoch N on, also score the running mean of the epochs' weights and save it
                           when it is the best (0 = off; ${D.averageFrom})
  --distill-from DIRS      comma-separated saved review models: their mean rating labels sentences cut from the
                           training reviews, trained on beside the rest (distillation; off by default)
  --distill-sentences N    how many such sentences (${D.distillSentences})
  --distill-ngram-weight X blends a word and word-pair logistic regression, trained on this run's texts, into
                           the teachers' rating with this weight (${D.distillNgramWeight})
  --init-from DIR          continue training the model saved in DIR, with its tokenizer and its split
                           (split seed, validation fraction); vocabulary, length and architecture flags are then unused
Every epoch that beats the previous best is saved into --out at once, so a stopped run leaves its best model.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' }, sst: { type: 'string' }, 'lstm-units': { type: 'string' }, out: { type: 'string' }, epochs: { type: 'string' }, 'batch-size': { type: 'string' },
      'learning-rate': { type: 'string' }, 'lr-decay': { type: 'string' }, seed: { type: 'string' }, 'max-len': { type: 'string' },
      'vocab-size': { type: 'string' }, truncating: { type: 'string' }, 'negation-scope': { type: 'boolean' }, 'pool-size': { type: 'string' },
      dropout: { type: 'string' }, glove: { type: 'boolean' }, 'no-glove': { type: 'boolean' }, 'freeze-embedding': { type: 'boolean' },
      loss: { type: 'string' }, 'side-weight': { type: 'string' }, patience: { type: 'string' }, 'validation-fraction': { type: 'string' }, 'split-seed': { type: 'string' },
      'train-limit': { type: 'string' }, 'sst-repeat': { type: 'string' }, 'sst-holdout': { type: 'string' }, 'average-from': { type: 'string' }, 'init-from': { type: 'string' }, 'distill-from': { type: 'string' }, 'distill-sentences': { type: 'string' }, 'distill-ngram-weight': { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(HELP);
  if (values.data === undefined) throw new Error(`--data is required\n${HELP}`);
  const distillOnly = (['distill-sentences', 'distill-ngram-weight'] as const).filter((flag) => values[flag] !== undefined);
  if (distillOnly.length > 0 && values['distill-from'] === undefined) {
    throw new Error(`--${distillOnly.join(' and --')} shape distillation, which needs teachers: add --distill-from DIRS`);
  }

  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const backend = await initBackend(config.backend, (msg) => logger.info(msg));
  const sides = ['pre', 'post'] as const satisfies readonly Side[];
  const result = await trainReviewModel({
    dataPath: values.data,
    ...(values.sst === undefined ? {} : { sstDir: values.sst }),
    outDir: values.out ?? D.outDir,
    epochs: number(values, 'epochs', D.epochs, positiveInt, 'a positive integer'),
    batchSize: number(values, 'batch-size', D.batchSize, positiveInt, 'a positive integer'),
    learningRate: number(values, 'learning-rate', D.learningRate, (n) => n > 0 && n < 1, 'between 0 and 1'),
    learningRateDecay: number(values, 'lr-decay', D.learningRateDecay, (n) => n > 0 && n <= 1, 'in (0, 1]'),
    seed: number(values, 'seed', D.seed, Number.isInteger, 'an integer'),
    maxLen: number(values, 'max-len', D.maxLen, positiveInt, 'a positive integer'),
    vocabSize: number(values, 'vocab-size', D.vocabSize, (n) => positiveInt(n) && n >= 3, 'an integer of at least 3'),
    truncating: choice(values, 'truncating', D.truncating, sides),
    negationScope: values['negation-scope'] ?? D.negationScope,
    poolSize: number(values, 'pool-size', D.poolSize, positiveInt, 'a positive integer'),
    lstmUnits: number(values, 'lstm-units', D.lstmUnits, positiveInt, 'a positive integer'),
    dropout: number(values, 'dropout', D.dropout, (n) => n >= 0 && n < 1, 'in [0, 1)'),
    glove: values['no-glove'] ? false : (values.glove ?? D.glove),
    freezeEmbedding: values['freeze-embedding'] ?? D.freezeEmbedding,
    loss: choice<ReviewLoss>(values, 'loss', D.loss, ['mae', 'huber']),
    sideWeight: number(values, 'side-weight', D.sideWeight, (n) => n >= 0, 'non-negative'),
    patience: number(values, 'patience', D.patience, positiveInt, 'a positive integer'),
    validationFraction: number(values, 'validation-fraction', D.validationFraction, (n) => n > 0 && n < 1, 'in (0, 1)'),
    splitSeed: values['split-seed'] ?? D.splitSeed,
    trainLimit: number(values, 'train-limit', D.trainLimit, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer'),
    sstRepeat: number(values, 'sst-repeat', D.sstRepeat, positiveInt, 'a positive integer'),
    sstHoldoutFraction: number(values, 'sst-holdout', D.sstHoldoutFraction, (n) => n >= 0 && n < 1, 'in [0, 1)'),
    averageFrom: number(values, 'average-from', D.averageFrom, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer'),
    distillFrom: values['distill-from']?.split(',').filter((dir) => dir !== '') ?? D.distillFrom,
    distillSentences: number(values, 'distill-sentences', D.distillSentences, positiveInt, 'a positive integer'),
    distillNgramWeight: number(values, 'distill-ngram-weight', D.distillNgramWeight, (n) => n >= 0 && n <= 1, 'in [0, 1]'),
    ...(values['init-from'] === undefined ? {} : { initFrom: values['init-from'] }),
    command: `npm run train:review -- ${process.argv.slice(2).join(' ')}`,
    backend,
  }, (msg) => logger.info(msg));
  logger.info({ validation: result.validation, seconds: result.seconds }, 'review model trained');
  console.log(JSON.stringify(result.validation));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
