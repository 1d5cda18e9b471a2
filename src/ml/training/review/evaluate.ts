/**
 * The review rater's metrics, beside what a constant guess scores. aclImdb: mean absolute error on the 1-10 scale
 * and positive/negative accuracy (positive = rating above 5.5). SST: binary accuracy with the neutral sentences
 * left out (a rating above 5.5 counts as positive) and Spearman's rank correlation with the five levels.
 *
 * @example
 * const metrics = await evaluateReviewModel('models/review', '/data/aclImdb_test.tar.gz');
 * // { reviews: 25000, mae: 1.4, accuracy: 0.89, baseline_mae: 3.3, baseline_accuracy: 0.5 }
 */
import { loadReviews, splitReviews, type Review } from '../../../data/reviews.js';
import { loadSstSplit, NEUTRAL_SST_LEVEL, type SstSentence, sstLevelToRating } from '../../../data/sst.js';
import { statedReviewResult } from '../../../core/stated-score.js';
import { binaryAccuracy, meanAbsoluteError, spearmanCorrelation } from '../metrics.js';
import type { ReviewModelMetadata } from '../../serving/review/metadata.js';
import { loadReviewModel } from '../../serving/review/predictor.js';
import { splitSstTrain } from './training-data.js';

export const POSITIVE_ABOVE = 5.5;

/** `baselineRating` is the constant guess to compare with: the training mean, known before seeing the data. */
export function reviewMetrics(predicted: ArrayLike<number>, actual: ArrayLike<number>, baselineRating: number): Record<string, number> {
  const constant = new Float32Array(actual.length).fill(baselineRating);
  return {
    reviews: actual.length,
    mae: meanAbsoluteError(predicted, actual),
    accuracy: binaryAccuracy(predicted, actual, POSITIVE_ABOVE),
    baseline_mae: meanAbsoluteError(constant, actual),
    baseline_accuracy: binaryAccuracy(constant, actual, POSITIVE_ABOVE),
  };
}

/**
 * SST figures for ratings predicted for `sentences`. `mae` is against the levels' places on the rating scale
 * (see `sstLevelToRating`), the number training minimises; the constant guess has no rank, so its Spearman is 0.
 */
export function sstMetrics(predicted: ArrayLike<number>, sentences: readonly SstSentence[], baselineRating: number): Record<string, number> {
  const levels = sentences.map((sentence) => sentence.level);
  const targets = levels.map(sstLevelToRating);
  const polar = sentences.map((_, i) => i).filter((i) => levels[i] !== NEUTRAL_SST_LEVEL);
  const polarPredicted = polar.map((i) => predicted[i]!);
  const polarTargets = polar.map((i) => targets[i]!);
  return {
    sentences: sentences.length,
    binary_sentences: polar.length,
    binary_accuracy: binaryAccuracy(polarPredicted, polarTargets, POSITIVE_ABOVE),
    spearman: spearmanCorrelation(predicted, levels),
    mae: meanAbsoluteError(predicted, targets),
    baseline_binary_accuracy: binaryAccuracy(polar.map(() => baselineRating), polarTargets, POSITIVE_ABOVE),
    baseline_spearman: 0,
    baseline_mae: meanAbsoluteError(targets.map(() => baselineRating), targets),
  };
}

export type ReviewEvaluationSplit = 'all' | 'validation';

/** The SST training sentences the model held out (none when its metadata records no held-out share). */
async function sstHoldout(sstDir: string, metadata: ReviewModelMetadata): Promise<SstSentence[]> {
  const { sstHoldoutFraction, splitSeed } = metadata.data;
  if (!sstHoldoutFraction || splitSeed === undefined) return [];
  return splitSstTrain(await loadSstSplit(sstDir, 'train'), sstHoldoutFraction, splitSeed).holdout;
}

function validationPart(reviews: readonly Review[], metadata: ReviewModelMetadata, modelDir: string): Review[] {
  const { splitSeed, validationFraction } = metadata.data;
  if (splitSeed === undefined || validationFraction === undefined) {
    throw new Error(`${modelDir}/metadata.json does not record its split (data.splitSeed, data.validationFraction)`);
  }
  return splitReviews(reviews, validationFraction, splitSeed).validation;
}

/**
 * What the bot answers for these reviews: the model's rating, or the score a review states (see stated-score.ts),
 * as `served_*` beside the model's own figures, with `stated_reviews` saying how many state one.
 */
function servedMetrics(reviews: readonly Review[], predicted: ArrayLike<number>): Record<string, number> {
  const served = reviews.map((review, i) => statedReviewResult(review.text, false) ?? { rating: predicted[i]! });
  const ratings = served.map((result) => result.rating);
  const actual = reviews.map((review) => review.rating);
  return {
    stated_reviews: served.filter((result) => result.stated !== undefined).length,
    served_mae: meanAbsoluteError(ratings, actual),
    served_accuracy: binaryAccuracy(ratings, actual, POSITIVE_ABOVE),
  };
}

/**
 * Rates the reviews under `dataPath` (aclImdb archive or folder) with the model in `modelDir`: all of them (a
 * held-out set), or only the model's own validation part when `dataPath` is the data it was trained on; the
 * `served_*` figures are the bot's answers, which take a score the review states over the model's. With
 * `sstDir`, also scores the SST dev sentences (`sst_*` keys) and the SST training sentences the model held out
 * (`sst_holdout_*`, when its metadata records a held-out share).
 */
export async function evaluateReviewModel(
  modelDir: string,
  dataPath: string,
  split: ReviewEvaluationSplit = 'all',
  sstDir?: string,
): Promise<Record<string, number>> {
  const [rater, loaded] = await Promise.all([loadReviewModel(modelDir), loadReviews(dataPath)]);
  try {
    const reviews = split === 'all' ? loaded.reviews : validationPart(loaded.reviews, rater.metadata, modelDir);
    const predicted = await rater.predict(reviews.map((review) => review.text));
    const metrics = { ...reviewMetrics(predicted, reviews.map((review) => review.rating), rater.metadata.emptyRating), ...servedMetrics(reviews, predicted) };
    if (sstDir === undefined) return { ...metrics, skipped: loaded.skipped.length };
    const scoreSst = async (sentences: readonly SstSentence[], prefix: string) => Object.fromEntries(
      Object.entries(sstMetrics(await rater.predict(sentences.map((sentence) => sentence.text)), sentences, rater.metadata.emptyRating)).map(([key, value]) => [`${prefix}${key}`, value]),
    );
    const holdout = await sstHoldout(sstDir, rater.metadata);
    return { ...metrics, skipped: loaded.skipped.length, ...(await scoreSst(await loadSstSplit(sstDir, 'dev'), 'sst_')), ...(holdout.length > 0 ? await scoreSst(holdout, 'sst_holdout_') : {}) };
  } finally {
    rater.dispose();
  }
}
