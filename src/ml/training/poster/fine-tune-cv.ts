import type * as tf from '@tensorflow/tfjs';
import { meanAbsoluteError } from '../metrics.js';
import type { FeatureTable } from './feature-cache.js';
import { columnStats } from './feature-matrix.js';
import type { PosterTargets } from './fine-tune-batches.js';
import { buildPosterNet, type FineTuneHyperparams, genreWeights, type PosterNet } from './fine-tune-model.js';
import { cachedFeatures, fineTuneTop, type NetPredictions, predictFromFeatures, topFeatures, trainHeads, viewFeatures } from './fine-tune-loop.js';
import { taskMetrics } from './task.js';
import { seedTensorflowRandomness } from '../seeded-tensorflow.js';

/** Per-view features of all rows through the pretrained top, computed once and shared by every fold. */
export interface FrozenFeatures {
  readonly rows: readonly number[];
  readonly width: number;
  readonly data: Float32Array;
}

/** Genre mAP / AUC / P@3 on all `rows`, rating MAE on those that have a rating. */
export function scorePredictions(predictions: NetPredictions, rows: readonly number[], targets: PosterTargets): Record<string, number> {
  const rated = rows.flatMap((row, i) => (targets.rating[row] === undefined ? [] : [i]));
  return {
    ...taskMetrics('genre', predictions.genre, rows.map((row) => targets.genre[row]!)),
    mae: meanAbsoluteError(rated.map((i) => predictions.rating[i]!), rated.map((i) => targets.rating[rows[i]!]!)),
  };
}

function pick(frozen: FrozenFeatures, rows: readonly number[], views: number): Float32Array {
  const position = new Map(frozen.rows.map((row, i) => [row, i]));
  const span = views * frozen.width;
  const out = new Float32Array(rows.length * span);
  rows.forEach((row, i) => out.set(frozen.data.subarray(position.get(row)! * span, (position.get(row)! + 1) * span), i * span));
  return out;
}

/** Mean over views of each row's features, then per-column statistics: the fixed standardisation of the heads. */
function featureStats(features: Float32Array, rows: number, views: number, width: number): { mean: Float32Array; std: Float32Array } {
  const mean = new Float32Array(rows * width);
  for (let i = 0; i < rows * views; i++) {
    const target = Math.floor(i / views) * width;
    for (let c = 0; c < width; c++) mean[target + c]! += features[i * width + c]! / views;
  }
  return columnStats({ rows, cols: width, data: mean });
}

export interface FineTuneOutcome {
  readonly net: PosterNet;
  /** Scores on `heldRows` with the top frozen (heads only), then after each fine-tuning epoch. */
  readonly frozen: Record<string, number>;
  readonly tuned: Array<Record<string, number>>;
}

/**
 * Trains heads on `trainRows` with the top frozen, scores `heldRows`, then fine-tunes top and heads and scores
 * `heldRows` after every epoch. The caller restores the top's weights and disposes the heads.
 */
export async function fineTuneAndScore(
  top: tf.LayersModel, table: FeatureTable, frozen: FrozenFeatures, targets: PosterTargets,
  trainRows: readonly number[], heldRows: readonly number[], hp: FineTuneHyperparams, seed: number, log: (message: string) => void,
): Promise<FineTuneOutcome> {
  const views = table.views.length;
  const trainFeatures = pick(frozen, trainRows, views);
  const rated = trainRows.flatMap((row) => (targets.rating[row] === undefined ? [] : [targets.rating[row]!]));
  seedTensorflowRandomness(seed);
  const net = buildPosterNet(top, featureStats(trainFeatures, trainRows.length, views, frozen.width), hp.head, rated.reduce((a, b) => a + b, 0) / rated.length);
  const weights = genreWeights(trainRows.map((row) => targets.genre[row]!), hp.head);
  trainHeads(net, trainFeatures, trainRows, views, targets, hp, seed, (epoch, loss) => log(`heads epoch ${epoch + 1}: loss ${loss.toFixed(4)}`));
  const frozenScore = scorePredictions(predictFromFeatures(net, pick(frozen, heldRows, views), views, weights), heldRows, targets);
  log(`frozen top: ${format(frozenScore)}`);
  const tuned: Array<Record<string, number>> = [];
  const frozenTop = hp.topLearningRate === 0;
  const features = frozenTop ? cachedFeatures(trainFeatures, trainRows, views, frozen.width) : topFeatures(top, table);
  const heldFeatures = (): Float32Array => (frozenTop ? pick(frozen, heldRows, views) : viewFeatures(top, table, heldRows).data);
  await fineTuneTop(net, views, features, trainRows, targets, hp, seed, async (epoch, loss) => {
    const score = scorePredictions(predictFromFeatures(net, heldFeatures(), views, weights), heldRows, targets);
    tuned.push(score);
    log(`fine-tune epoch ${epoch + 1}: loss ${loss.toFixed(4)} ${format(score)}`);
  });
  return { net, frozen: frozenScore, tuned };
}

export function format(metrics: Record<string, number>): string {
  return Object.entries(metrics).map(([name, value]) => `${name} ${value.toFixed(4)}`).join(' ');
}
