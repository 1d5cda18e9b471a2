import type { FeatureTable } from './feature-cache.js';

/** Row-major float matrix: the unit the heads train on. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/** Each poster's features averaged over the views serving computes (`served`, else every cached view). */
export function meanOverViews(table: FeatureTable, rowIndices: readonly number[]): Matrix {
  const { dim, views } = table;
  const served = views.flatMap((view, v) => (table.served ?? views).includes(view) ? [v] : []);
  const data = new Float32Array(rowIndices.length * dim);
  rowIndices.forEach((row, r) => {
    for (const v of served) {
      const source = table.data.subarray((row * views.length + v) * dim, (row * views.length + v + 1) * dim);
      for (let c = 0; c < dim; c++) data[r * dim + c]! += source[c]! / served.length;
    }
  });
  return { rows: rowIndices.length, cols: dim, data };
}

/** Every view of every poster as its own row (flip augmentation for training); row r*views+v is view v of poster r. */
export function eachView(table: FeatureTable, rowIndices: readonly number[]): Matrix {
  const { dim, views } = table;
  const width = views.length * dim;
  const data = new Float32Array(rowIndices.length * width);
  rowIndices.forEach((row, r) => data.set(table.data.subarray(row * width, (row + 1) * width), r * width));
  return { rows: rowIndices.length * views.length, cols: dim, data };
}

/** Per-column mean and standard deviation (floored so constant columns do not blow up). */
export function columnStats(matrix: Matrix): { mean: Float32Array; std: Float32Array } {
  const { rows, cols, data } = matrix;
  const mean = new Float64Array(cols);
  const squares = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const value = data[r * cols + c]!;
      mean[c]! += value;
      squares[c]! += value * value;
    }
  }
  const std = new Float32Array(cols);
  for (let c = 0; c < cols; c++) {
    mean[c]! /= rows;
    std[c] = Math.max(Math.sqrt(Math.max(squares[c]! / rows - mean[c]! ** 2, 0)), 1e-3);
  }
  return { mean: Float32Array.from(mean), std };
}

/** (x - mean) / std per column, in a new matrix. */
export function standardise(matrix: Matrix, stats: { mean: Float32Array; std: Float32Array }): Matrix {
  const { rows, cols, data } = matrix;
  if (stats.mean.length !== cols) throw new Error(`Feature normalisation has ${stats.mean.length} columns, features have ${cols}`);
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = (data[r * cols + c]! - stats.mean[c]!) / stats.std[c]!;
  }
  return { rows, cols, data: out };
}

/** Keeps only the named column ranges (to measure which backbone layers earn their place). */
export function selectColumns(matrix: Matrix, ranges: ReadonlyArray<{ offset: number; size: number }>): Matrix {
  const cols = ranges.reduce((sum, range) => sum + range.size, 0);
  const data = new Float32Array(matrix.rows * cols);
  for (let r = 0; r < matrix.rows; r++) {
    let at = r * cols;
    for (const { offset, size } of ranges) {
      data.set(matrix.data.subarray(r * matrix.cols + offset, r * matrix.cols + offset + size), at);
      at += size;
    }
  }
  return { rows: matrix.rows, cols, data };
}
