import * as tf from '@tensorflow/tfjs';
import type { Examples } from './fit.js';
import type { Matrix } from './feature-matrix.js';
import type { Targets } from './task.js';

/** Feature rows as lazily batched examples for {@link fitModel}. */
export function featureExamples(matrix: Matrix, targets: Targets): Examples & { gather(indices: readonly number[]): tf.Tensor } {
  if (matrix.rows !== targets.length) throw new Error(`${matrix.rows} feature rows but ${targets.length} targets`);
  const { cols, data } = matrix;
  return {
    count: matrix.rows,
    targets,
    batch: (start, end) => tf.tensor2d(data.subarray(start * cols, end * cols), [end - start, cols]),
    gather: (indices) => {
      const rows = new Float32Array(indices.length * cols);
      indices.forEach((row, i) => rows.set(data.subarray(row * cols, (row + 1) * cols), i * cols));
      return tf.tensor2d(rows, [indices.length, cols]);
    },
  };
}
