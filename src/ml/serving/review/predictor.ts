/**
 * Serving side of the review rater: the saved model plus its tokenizer, one batched, tensor-tidy `predict`.
 *
 * @example
 * const rater = await loadReviewPredictor('models');
 * const [rating] = await rater.predict(['A slow start, then wonderful.']); // e.g. 7.9
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ReviewPredictor } from '../../../core/predictions.js';
import { loadLayersModel } from '../../runtime/model-io.js';
import { readReviewMetadata, type ReviewModelMetadata } from './metadata.js';
import { targetToRating } from './rating-scale.js';
import { PAD_INDEX, ReviewTokenizer } from './tokenizer.js';

const PREDICT_BATCH = 128;

/** Ratings (1-10) for `rows` encoded reviews laid out row-major in `ids`, predicted `PREDICT_BATCH` at a time. */
export async function predictRatingsFromIds(model: tf.LayersModel, ids: Int32Array, maxLen: number): Promise<Float32Array> {
  const rows = ids.length / maxLen;
  const ratings = new Float32Array(rows);
  for (let start = 0; start < rows; start += PREDICT_BATCH) {
    const count = Math.min(PREDICT_BATCH, rows - start);
    const output = tf.tidy(() => {
      const batch = tf.tensor2d(ids.subarray(start * maxLen, (start + count) * maxLen), [count, maxLen], 'int32');
      return (model.predict(batch) as tf.Tensor).reshape([count]);
    });
    const targets = await output.data();
    output.dispose();
    targets.forEach((target, i) => (ratings[start + i] = targetToRating(target)));
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
    const maxLen = this.tokenizer.maxLen;
    const ids = this.tokenizer.encodeBatch(texts.map((text) => (typeof text === 'string' ? text : '')));
    const ratings = await predictRatingsFromIds(this.model, ids, maxLen);
    return Array.from(ratings, (rating, row) => {
      const hasWords = ids.subarray(row * maxLen, (row + 1) * maxLen).some((id) => id !== PAD_INDEX);
      return hasWords ? rating : this.metadata.emptyRating;
    });
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
