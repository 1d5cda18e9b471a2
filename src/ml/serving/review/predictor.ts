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
import type { ReviewExplanation, ReviewPredictor } from '../../../core/predictions.js';
import { loadLayersModel } from '../../runtime/model-io.js';
import { looksNotEnglish } from './language.js';
import { readReviewMetadata, REVIEW_MODEL_DIR, type ReviewModelMetadata } from './metadata.js';
import { targetToRating, targetToUnclippedRating } from './rating-scale.js';
import { displayWord, PAD_INDEX, ReviewTokenizer } from './tokenizer.js';
import { attributionPlan, shapleyWeights, strongestAlone, strongestWeights } from './word-attribution.js';

const PREDICT_BATCH = 128;
/** Words `explain` credits, and the orders it samples: many for a sentence, two for a 400-token review (~0.2 s). */
const MAX_PLAYERS = 16;
const TOKEN_BUDGET = 12_000;
const MIN_ORDERS = 2;
const MAX_ORDERS = 12;
/** Fixed, so a review always gets the same explanation. */
const ATTRIBUTION_SEED = 10;

/** Rows of `sequences` grouped by exact length, at most `PREDICT_BATCH` to a group; empty sequences left out. */
function sameLengthGroups(sequences: readonly Int32Array[]): number[][] {
  const byLength = new Map<number, number[]>();
  sequences.forEach((sequence, row) => {
    if (sequence.length === 0) return;
    const rows = byLength.get(sequence.length);
    if (rows) rows.push(row);
    else byLength.set(sequence.length, [row]);
  });
  return [...byLength.values()].flatMap((rows) => Array.from({ length: Math.ceil(rows.length / PREDICT_BATCH) }, (_, i) => rows.slice(i * PREDICT_BATCH, (i + 1) * PREDICT_BATCH)));
}

/**
 * The model's outputs for encoded reviews of any lengths. Only reviews of the same length share a batch, so
 * nothing is ever padded: a review gets the same output alone or among others. An empty sequence gets NaN.
 */
async function predictTargets(model: tf.LayersModel, sequences: readonly Int32Array[]): Promise<Float32Array> {
  const targets = new Float32Array(sequences.length).fill(Number.NaN);
  for (const rows of sameLengthGroups(sequences)) {
    const length = sequences[rows[0]!]!.length;
    const ids = new Int32Array(rows.length * length);
    rows.forEach((row, i) => ids.set(sequences[row]!, i * length));
    const output = tf.tidy(() => (model.predict(tf.tensor2d(ids, [rows.length, length], 'int32')) as tf.Tensor).reshape([rows.length]));
    const values = await output.data();
    output.dispose();
    rows.forEach((row, i) => (targets[row] = values[i]!));
  }
  return targets;
}

/** Ratings (1-10) for encoded reviews of any lengths; NaN for an empty sequence: the caller decides what "no words" means. */
export async function predictRatings(model: tf.LayersModel, sequences: readonly Int32Array[]): Promise<Float32Array> {
  return (await predictTargets(model, sequences)).map((target) => (Number.isNaN(target) ? Number.NaN : targetToRating(target)));
}

export class ReviewRater implements ReviewPredictor {
  constructor(
    private readonly model: tf.LayersModel,
    private readonly tokenizer: ReviewTokenizer,
    readonly metadata: ReviewModelMetadata,
  ) {}

  canRead(text: string): boolean {
    return !looksNotEnglish(text, this.tokenizer);
  }

  async predict(texts: readonly string[]): Promise<number[]> {
    if (texts.length === 0) return [];
    const sequences = texts.map((text) => this.tokenizer.encode(typeof text === 'string' ? text : ''));
    const ratings = await predictRatings(this.model, sequences);
    return Array.from(ratings, (rating) => (Number.isNaN(rating) ? this.metadata.emptyRating : rating));
  }

  /**
   * The rating, and the words that moved it most (see word-attribution.ts): the review with subsets of its words
   * blanked is rated in one batch and each word gets its mean effect, in rating points before clipping to 1-10, so words still
   * count in a review rated at the very end of the scale. A long review credits only its `MAX_PLAYERS` words that
   * rate farthest from neutral on their own.
   */
  async explain(text: string, maxWords = 8): Promise<ReviewExplanation> {
    const tokenizer = this.tokenizer;
    const words = tokenizer.tokens(typeof text === 'string' ? text : '').slice(-tokenizer.maxLen);
    if (words.length === 0) return { rating: this.metadata.emptyRating, words: [] };
    const distinct = [...new Set(words)];
    const players = distinct.length <= MAX_PLAYERS
      ? distinct
      : strongestAlone(distinct, await predictRatings(this.model, distinct.map((word) => tokenizer.idsOf([word]))), this.metadata.emptyRating, MAX_PLAYERS);
    const orderCount = Math.min(MAX_ORDERS, Math.max(MIN_ORDERS, Math.floor(TOKEN_BUDGET / ((players.length + 1) * words.length))));
    const plan = attributionPlan(words, players, orderCount, ATTRIBUTION_SEED);
    const ids = tokenizer.idsOf(words);
    const targets = await predictTargets(this.model, plan.masks.map((mask) => ids.map((id, i) => (mask[i] ? id : PAD_INDEX))));
    const weights = shapleyWeights(plan, Array.from(targets, targetToUnclippedRating));
    const strongest = strongestWeights(players, weights, maxWords).map((credit) => ({ ...credit, word: displayWord(credit.word) }));
    return { rating: targetToRating(targets[plan.prefixes[0]!.at(-1)!]!), words: strongest };
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
  return loadReviewModel(join(modelsDir, REVIEW_MODEL_DIR));
}
