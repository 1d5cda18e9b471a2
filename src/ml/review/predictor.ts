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
import { occlusionVariants, wordWeights } from './occlusion.js';
import { ReviewTokenizer, tokenize } from './tokenizer.js';

const PREDICT_BATCH = 64;

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
   */
  async explain(text: string, maxWords = 8): Promise<ReviewExplanation> {
    const words = tokenize(typeof text === 'string' ? text : '').slice(-this.tokenizer.maxLen);
    if (words.length === 0) return { rating: this.metadata.emptyRating, words: [] };
    const { distinct, variants } = occlusionVariants(words);
    const sequences = [words, ...variants].map((variant) => this.tokenizer.idsOf(variant));
    const ratings = await predictRatings(this.model, sequences);
    const rating = ratings[0]!;
    const without = Array.from(ratings.subarray(1), (value) => (Number.isNaN(value) ? this.metadata.emptyRating : value));
    return { rating, words: wordWeights(distinct, rating, without, maxWords) };
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
