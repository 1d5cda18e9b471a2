/**
 * A linear projection of standardised backbone features under which a poster and the same poster in the wild
 * (photographed, screenshotted) land close together and other posters apart: InfoNCE over batches of
 * (clean, wild) pairs, every other poster of the batch a negative (SimCLR's loss, both directions).
 */
import * as tf from '@tensorflow/tfjs';
import { seededShuffle } from '../../../util/seeded-random.js';
import type { Matrix } from './feature-matrix.js';

export interface ProjectionOptions {
  readonly dim: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Softmax temperature of the cosine logits. */
  readonly temperature: number;
  readonly seed: number;
  readonly log: (message: string) => void;
}

export const DEFAULT_PROJECTION: Omit<ProjectionOptions, 'log'> = {
  dim: 128, epochs: 30, batchSize: 256, learningRate: 1e-3, temperature: 0.2, seed: 1,
};

const unit = (x: tf.Tensor2D): tf.Tensor2D => x.div(x.norm('euclidean', 1, true).maximum(1e-12));

/** Mean InfoNCE loss of one batch: row i of `clean` must pick row i of `wild` among the batch, and back. */
export function pairLoss(clean: tf.Tensor2D, wild: tf.Tensor2D, weights: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const logits = tf.matMul(unit(tf.matMul(clean, weights)), unit(tf.matMul(wild, weights)), false, true).div(temperature);
    const labels = tf.oneHot(tf.range(0, clean.shape[0], 1, 'int32'), clean.shape[0]);
    const forward = tf.losses.softmaxCrossEntropy(labels, logits);
    const backward = tf.losses.softmaxCrossEntropy(labels, logits.transpose());
    return forward.add(backward).div(2) as tf.Scalar;
  });
}

function rowsOf(matrix: Matrix, rows: readonly number[]): tf.Tensor2D {
  const data = new Float32Array(rows.length * matrix.cols);
  rows.forEach((row, r) => data.set(matrix.data.subarray(row * matrix.cols, (row + 1) * matrix.cols), r * matrix.cols));
  return tf.tensor2d(data, [rows.length, matrix.cols]);
}

/** Trains the projection on row-aligned pairs (`clean` row i is the poster `wild` row i shows); cols x dim weights. */
export function trainInvariantProjection(clean: Matrix, wild: Matrix, options: ProjectionOptions): Float32Array {
  if (clean.rows !== wild.rows || clean.cols !== wild.cols) throw new Error('clean and wild features must be row-aligned pairs');
  const scale = Math.sqrt(1 / clean.cols);
  const weights = tf.variable(tf.randomNormal([clean.cols, options.dim], 0, scale, 'float32', options.seed)) as tf.Variable<tf.Rank.R2>;
  const optimiser = tf.train.adam(options.learningRate);
  const all = Array.from({ length: clean.rows }, (_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = seededShuffle(all, options.seed * 1000 + epoch);
    let total = 0;
    let batches = 0;
    // A short last batch has too few negatives to teach anything: drop it.
    for (let start = 0; start + options.batchSize <= order.length; start += options.batchSize) {
      const rows = order.slice(start, start + options.batchSize);
      const [x, y] = [rowsOf(clean, rows), rowsOf(wild, rows)];
      const loss = optimiser.minimize(() => pairLoss(x, y, weights, options.temperature), true, [weights])!;
      total += loss.dataSync()[0]!;
      batches++;
      tf.dispose([x, y, loss]);
    }
    options.log(`projection epoch ${epoch + 1}/${options.epochs}: loss ${(total / Math.max(1, batches)).toFixed(4)}`);
  }
  const result = weights.dataSync() as Float32Array;
  weights.dispose();
  optimiser.dispose();
  return Float32Array.from(result);
}
