import type * as tf from '@tensorflow/tfjs';
import { mergeHeads } from './ensemble.js';
import type { FeatureTable } from './feature-cache.js';
import { columnStats, eachView, type Matrix, meanOverViews, standardise } from './feature-matrix.js';
import { featureExamples } from './feature-examples.js';
import { type FitOptions, type FitResult, fitModel, predictAll } from './fit.js';
import { buildHead, compileHead, type HeadHyperparams, positiveWeights, undoClassWeightShift, withoutAuxiliaryOutputs } from './head.js';
import { type PosterTask, taskMetrics, type Targets } from './task.js';
import { seedTensorflowRandomness } from '../seeded-tensorflow.js';

export interface FeatureStats {
  readonly mean: Float32Array;
  readonly std: Float32Array;
}

export interface TrainedHead extends FitResult {
  readonly model: tf.LayersModel;
  readonly stats: FeatureStats;
  readonly metrics: Record<string, number>;
  readonly predictions: number[][];
}

/** Optional restriction of the features to some column ranges (backbone blocks), for ablations. */
export type ColumnFilter = (matrix: Matrix) => Matrix;

/**
 * Fits one head on the rows `trainRows` of the feature table, early-stopping on `heldRows` (a CV fold, or a
 * slice of the training part at the end), and scores it there; `monitorRows` (the validation split) is scored
 * each epoch for the curve only. Normalisation statistics come from the training rows only.
 */
export async function trainFeatureHead(
  task: PosterTask,
  table: FeatureTable,
  targets: Targets,
  trainRows: readonly number[],
  heldRows: readonly number[],
  hp: HeadHyperparams,
  fit: FitOptions,
  filter: ColumnFilter = (m) => m,
  monitorRows?: readonly number[],
): Promise<TrainedHead> {
  const trainMean = filter(meanOverViews(table, trainRows));
  const stats = columnStats(trainMean);
  const trainMatrix = hp.trainViews === 'each' ? standardise(filter(eachView(table, trainRows)), stats) : standardise(trainMean, stats);
  const viewsPerRow = hp.trainViews === 'each' ? table.views.length : 1;
  const trainTargets = trainRows.flatMap((row) => Array.from({ length: viewsPerRow }, () => targets[row]!));
  const held = featureExamples(standardise(filter(meanOverViews(table, heldRows)), stats), heldRows.map((row) => targets[row]!));
  const ratingMean = task === 'rating' ? trainRows.reduce((sum, row) => sum + targets[row]![0]!, 0) / trainRows.length : 0;
  const monitor = monitorRows && featureExamples(standardise(filter(meanOverViews(table, monitorRows)), stats), monitorRows.map((row) => targets[row]!));
  const members: tf.LayersModel[] = [];
  let first: FitResult | undefined;
  for (let member = 0; member < hp.ensemble; member++) {
    const seed = fit.seed + 1000 * member;
    seedTensorflowRandomness(seed);
    const model = buildHead(task, stats.mean.length, hp, ratingMean);
    compileHead(model, task, hp, trainTargets);
    const train = featureExamples(trainMatrix, trainTargets);
    const result = await fitModel(model, task, train, held, { ...fit, batchSize: hp.batchSize, seed }, member === 0 ? monitor : undefined);
    if (task === 'genre') undoClassWeightShift(model, positiveWeights(trainTargets, hp.classWeighting));
    members.push(withoutAuxiliaryOutputs(model, task, hp));
    first ??= result;
  }
  const model = mergeHeads(members);
  const predictions = await predictAll(model, held);
  return { ...first!, model, stats, predictions, metrics: taskMetrics(task, predictions, held.targets) };
}

/** The head's predictions for any rows of the table, with its own normalisation and column choice. */
export function predictRows(head: Pick<TrainedHead, 'model' | 'stats'>, table: FeatureTable, rows: readonly number[], filter: ColumnFilter): Promise<number[][]> {
  const matrix = standardise(filter(meanOverViews(table, rows)), head.stats);
  return predictAll(head.model, featureExamples(matrix, rows.map(() => [])));
}
