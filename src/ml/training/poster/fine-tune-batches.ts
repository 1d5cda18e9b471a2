import * as tf from '@tensorflow/tfjs';
import type { FeatureTable } from './feature-cache.js';
import type { BatchTargets } from './fine-tune-model.js';
import { CUT_SHAPE, CUT_SIZE } from './top-activations.js';

/** Targets of every table row: 25 genre flags, and the rating where the poster has one. */
export interface PosterTargets {
  readonly genre: number[][];
  readonly rating: Array<number | undefined>;
}

/** One view of one poster (a row of the cut-activation table). */
export interface ViewPick {
  readonly row: number;
  readonly view: number;
}

/** The cut activations and pooled low taps of the picked views, as the two inputs of the fine-tuned top. */
export function cutInputs(table: FeatureTable, picks: readonly ViewPick[]): { cut: tf.Tensor4D; low: tf.Tensor2D } {
  const lowWidth = table.dim - CUT_SIZE;
  const cut = new Float32Array(picks.length * CUT_SIZE);
  const low = new Float32Array(picks.length * lowWidth);
  picks.forEach(({ row, view }, i) => {
    const start = (row * table.views.length + view) * table.dim;
    cut.set(table.data.subarray(start, start + CUT_SIZE), i * CUT_SIZE);
    low.set(table.data.subarray(start + CUT_SIZE, start + table.dim), i * lowWidth);
  });
  return { cut: tf.tensor4d(cut, [picks.length, ...CUT_SHAPE]), low: tf.tensor2d(low, [picks.length, lowWidth]) };
}

export function targetBatch(targets: PosterTargets, rows: readonly number[]): BatchTargets {
  return {
    genre: tf.tensor2d(rows.map((row) => targets.genre[row]!), [rows.length, targets.genre[rows[0]!]!.length]),
    rating: tf.tensor2d(rows.map((row) => [targets.rating[row] ?? 0]), [rows.length, 1]),
    ratingMask: tf.tensor2d(rows.map((row) => [targets.rating[row] === undefined ? 0 : 1]), [rows.length, 1]),
  };
}

/** Every view of every row, in row order: what the heads train on while the top is frozen. */
export function allViews(rows: readonly number[], views: number): ViewPick[] {
  return rows.flatMap((row) => Array.from({ length: views }, (_, view) => ({ row, view })));
}
