/**
 * The review rater's metrics, beside what a constant guess scores: mean absolute error on the 1-10 scale and
 * positive/negative accuracy with "positive" meaning a rating above 5.5.
 *
 * @example
 * const metrics = await evaluateReviewModel('models/review', '/data/aclImdb_test.tar.gz');
 * // { reviews: 25000, mae: 1.4, accuracy: 0.89, baseline_mae: 3.3, baseline_accuracy: 0.5 }
 */
import { loadReviews, splitReviews, type Review } from '../../../data/reviews.js';
import { binaryAccuracy, meanAbsoluteError } from '../metrics.js';
import type { ReviewModelMetadata } from '../../serving/review/metadata.js';
import { loadReviewModel } from '../../serving/review/predictor.js';

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

export type ReviewEvaluationSplit = 'all' | 'validation';

function validationPart(reviews: readonly Review[], metadata: ReviewModelMetadata, modelDir: string): Review[] {
  const { splitSeed, validationFraction } = metadata.data;
  if (splitSeed === undefined || validationFraction === undefined) {
    throw new Error(`${modelDir}/metadata.json does not record its split (data.splitSeed, data.validationFraction)`);
  }
  return splitReviews(reviews, validationFraction, splitSeed).validation;
}

/**
 * Rates the reviews under `dataPath` (aclImdb archive or folder) with the model in `modelDir`: all of them (a
 * held-out set), or only the model's own validation part when `dataPath` is the data it was trained on.
 */
export async function evaluateReviewModel(modelDir: string, dataPath: string, split: ReviewEvaluationSplit = 'all'): Promise<Record<string, number>> {
  const [rater, loaded] = await Promise.all([loadReviewModel(modelDir), loadReviews(dataPath)]);
  try {
    const reviews = split === 'all' ? loaded.reviews : validationPart(loaded.reviews, rater.metadata, modelDir);
    const predicted = await rater.predict(reviews.map((review) => review.text));
    const metrics = reviewMetrics(predicted, reviews.map((review) => review.rating), rater.metadata.emptyRating);
    return { ...metrics, skipped: loaded.skipped.length };
  } finally {
    rater.dispose();
  }
}
