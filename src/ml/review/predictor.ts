/**
 * Serving side of the review rater: the saved model plus its tokenizer, a batched, tensor-tidy `predict`, and
 * `explain`, which says which words drove a rating.
 *
 * @example
 * const rater = await loadReviewPredictor('models');
 * const [rating] = await rater.predict(['A slow start, then wonderful.']); // e.g. 7.9
 * const { words } = await rater.explain('A slow start, then wonderful.'); // [{ word: 'wonderful', weight: 1.8 }, ...]
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ReviewExplanation, ReviewPredictor } from '../../core/predictions.js';
import { loadLayersModel } from '../model-io.js';
import { readReviewMetadata, type ReviewModelMetadata } from './metadata.js';
import { targetToRating } from './model.js';
import { occlusionVariants, strongestAlone, wordWeights } from './occlusion.js';
import { ReviewTokenizer, tokenize } from './tokenizer.js';

const PREDICT_BATCH = 64;
/** Distinct words re-rated by `explain`: keeps a 400-token review's explanation well under a second. */
const MAX_OCCLUDED_WORDS = 32;

/** Rows of `sequences` grouped by exact length, at most `PREDICT_BATCH` to a group; empty sequences left out. */
function sameLengthGroups(sequences: readonly Int32Array[]): number[][] {
  const byLength = new Map<number, number[]>();
  sequences.forEach((sequence, row) => {
    if (sequence.length > 0) byLength.set(sequence.length, [...(byLength.get(sequence.length) ?? []), row]);
  });
  return [...byLength.values()].flatMap((rows) => Array.from({ length: Math.ceil(rows.length / PREDICT_BATCH) }, (_, i) => rows.slice(i * PREDICT_BATCH, (i + 1) * PREDICT_BATCH)));
}

/**
 * Ratings (1-10) for encoded reviews of any lengths. Only reviews of the same length share a batch, so nothing is
 * ever padded: a review gets the same rating alone or among others. An empty sequence gets NaN: the caller
 * decides what "no words" means.
 */
export async function predictRatings(model: tf.LayersModel, sequences: readonly Int32Array[]): Promise<Float32Array> {
  const ratings = new Float32Array(sequences.length).fill(Number.NaN);
  for (const rows of sameLengthGroups(sequences)) {
    const length = sequences[rows[0]!]!.length;
    const ids = new Int32Array(rows.length * length);
    rows.forEach((row, i) => ids.set(sequences[row]!, i * length));
    const output = tf.tidy(() => (model.predict(tf.tensor2d(ids, [rows.length, length], 'int32')) as tf.Tensor).reshape([rows.length]));
    const targets = await output.data();
    output.dispose();
    rows.forEach((row, i) => (ratings[row] = targetToRating(targets[i]!)));
  }
  return ratings;
}

export class ReviewRater implements ReviewPredictor {
  constructor(
    private readonly model: tf.LayersModel,
    private readonly tokenizer: ReviewTokenizer,
    readonly metadata: ReviewModelMetadata,
  ) {}

  async predict(texts: readonly string[]): Promise<number[]> {
    if (texts.length === 0) return [];
    const sequences = texts.map((text) => this.tokenizer.encode(typeof text === 'string' ? text : ''));
    const ratings = await predictRatings(this.model, sequences);
    return Array.from(ratings, (rating) => (Number.isNaN(rating) ? this.metadata.emptyRating : rating));
  }

  /**
   * The rating, and the words that moved it most: each distinct word is removed (every occurrence) and the
   * review re-rated, all variants in one batched call; the weight is how much the rating drops without the word.
   * A long review occludes only its `MAX_OCCLUDED_WORDS` words that rate farthest from neutral on their own.
   */
  async explain(text: string, maxWords = 8): Promise<ReviewExplanation> {
    const tokenizer = this.tokenizer;
    const words = tokenize(typeof text === 'string' ? text : '').slice(-tokenizer.maxLen);
    if (words.length === 0) return { rating: this.metadata.emptyRating, words: [] };
    const distinct = [...new Set(words)];
    const candidates = distinct.length <= MAX_OCCLUDED_WORDS
      ? distinct
      : strongestAlone(distinct, await predictRatings(this.model, distinct.map((word) => tokenizer.idsOf([word]))), this.metadata.emptyRating, MAX_OCCLUDED_WORDS);
    const sequences = [words, ...occlusionVariants(words, candidates)].map((variant) => tokenizer.idsOf(variant));
    const ratings = await predictRatings(this.model, sequences);
    const rating = ratings[0]!;
    const without = Array.from(ratings.subarray(1), (value) => (Number.isNaN(value) ? this.metadata.emptyRating : value));
    return { rating, words: wordWeights(candidates, rating, without, maxWords) };
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Loads the model saved in `modelDir` (model.json, weights.bin, metadata.json, tokenizer.json). */
export async function loadReviewModel(modelDir: string): Promise<ReviewRater> {
  const { metadata, tokenizer } = await readReviewMetadata(modelDir);
  const model = await loadLayersModel(modelDir);
  return new ReviewRater(model, ReviewTokenizer.fromConfig(tokenizer), metadata);
}

/** Loads `<modelsDir>/review`, the shipped review rater. */
export function loadReviewPredictor(modelsDir: string): Promise<ReviewRater> {
  return loadReviewModel(join(modelsDir, 'review'));
}
