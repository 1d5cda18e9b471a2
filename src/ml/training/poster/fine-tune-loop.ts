import * as tf from '@tensorflow/tfjs';
import { seededRandom, seededShuffle } from '../../../util/seeded-random.js';
import type { FeatureTable } from './feature-cache.js';
import { allViews, cutInputs, type PosterTargets, targetBatch, type ViewPick } from './fine-tune-batches.js';
import { type FineTuneHyperparams, genreWeights, headOutputs, multiTaskLoss, type PosterNet, pooledFeatures } from './fine-tune-model.js';

const PREDICT_BATCH = 64;

function variablesOf(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((weight) => weight.read() as tf.Variable);
}

/** Pooled features [low taps, top taps] of every view of `rows` (rows*views x width), through the top as it is now. */
export function viewFeatures(top: tf.LayersModel, table: FeatureTable, rows: readonly number[]): { width: number; data: Float32Array } {
  const picks = allViews(rows, table.views.length);
  const chunks: Float32Array[] = [];
  for (let start = 0; start < picks.length; start += PREDICT_BATCH) {
    const { cut, low } = cutInputs(table, picks.slice(start, start + PREDICT_BATCH));
    const features = tf.tidy(() => pooledFeatures(top, cut, low));
    chunks.push(features.dataSync() as Float32Array);
    tf.dispose([cut, low, features]);
  }
  const width = chunks.length > 0 ? chunks[0]!.length / Math.min(PREDICT_BATCH, picks.length) : 0;
  const data = new Float32Array(picks.length * width);
  chunks.forEach((chunk, i) => data.set(chunk, i * PREDICT_BATCH * width));
  return { width, data };
}

export interface NetPredictions {
  /** Calibrated genre probabilities (the class-weight shift undone). */
  readonly genre: number[][];
  readonly rating: number[];
}

/** Predictions from per-view features (as {@link viewFeatures} lays them out), averaged over views as serving does. */
export function predictFromFeatures(net: PosterNet, features: Float32Array, views: number, weights: readonly number[]): NetPredictions {
  const width = net.stats.mean.length;
  const rows = features.length / (width * views);
  const out = tf.tidy(() => {
    const mean = tf.tensor3d(features, [rows, views, width]).mean(1) as tf.Tensor2D;
    return headOutputs(net, mean, false);
  });
  const genre = (out.genre.arraySync() as number[][]).map((row) => row.map((p, i) => p / (p + (1 - p) * weights[i]!)));
  const rating = (out.rating.dataSync() as Float32Array).slice();
  tf.dispose([out.genre, out.rating]);
  return { genre, rating: Array.from(rating) };
}

/** Where a training batch's pooled features come from: the cache (top frozen) or a pass through the top. */
export type BatchFeatures = (picks: readonly ViewPick[]) => tf.Tensor2D;

/** Batches from per-view features computed once (`frozen` holds every view of `rows`, in row order). */
export function cachedFeatures(frozen: Float32Array, rows: readonly number[], views: number, width: number): BatchFeatures {
  const position = new Map(rows.map((row, i) => [row, i]));
  return (picks) => {
    const batch = new Float32Array(picks.length * width);
    picks.forEach(({ row, view }, i) => {
      const start = (position.get(row)! * views + view) * width;
      batch.set(frozen.subarray(start, start + width), i * width);
    });
    return tf.tensor2d(batch, [picks.length, width]);
  };
}

/** Batches through the top, so its weights get gradients. */
export function topFeatures(top: tf.LayersModel, table: FeatureTable): BatchFeatures {
  return (picks) => {
    const { cut, low } = cutInputs(table, picks);
    return pooledFeatures(top, cut, low);
  };
}

/** One epoch of mini-batch steps over `picks`; `optimizers` pairs each optimiser with the variables it moves. */
function runEpoch(
  net: PosterNet, picks: readonly ViewPick[], targets: PosterTargets, features: BatchFeatures,
  loss: ReturnType<typeof multiTaskLoss>, optimizers: ReadonlyArray<[tf.Optimizer, tf.Variable[]]>, batchSize: number,
): number {
  let total = 0;
  for (let start = 0; start < picks.length; start += batchSize) {
    const batch = picks.slice(start, start + batchSize);
    const y = targetBatch(targets, batch.map((pick) => pick.row));
    const variables = optimizers.flatMap(([, vars]) => vars);
    const { value, grads } = tf.variableGrads(() => loss(headOutputs(net, features(batch), true), y), variables);
    for (const [optimizer, vars] of optimizers) optimizer.applyGradients(Object.fromEntries(vars.map((v) => [v.name, grads[v.name]!])));
    total += value.dataSync()[0]! * batch.length;
    tf.dispose([value, grads, y.genre, y.rating, y.ratingMask]);
  }
  return total / picks.length;
}

/** Stage 1: the heads alone on frozen-top features (`frozen` holds every view of `rows`, in row order). */
export function trainHeads(net: PosterNet, frozen: Float32Array, rows: readonly number[], views: number, targets: PosterTargets, hp: FineTuneHyperparams, seed: number, log: (epoch: number, loss: number) => void): void {
  const features = cachedFeatures(frozen, rows, views, net.stats.mean.length);
  const loss = multiTaskLoss(genreWeights(rows.map((row) => targets.genre[row]!), hp.head), hp.ratingWeight);
  const optimizer = tf.train.adam(hp.head.learningRate);
  const heads = [...variablesOf(net.genre), ...variablesOf(net.rating)];
  for (let epoch = 0; epoch < hp.headEpochs; epoch++) {
    const picks = seededShuffle(allViews(rows, views), seed + epoch);
    log(epoch, runEpoch(net, picks, targets, features, loss, [[optimizer, heads]], hp.head.batchSize));
  }
  optimizer.dispose();
}

/**
 * Stage 2: heads and top together, one random view of each poster per epoch; `afterEpoch` may score held rows.
 * With a top learning rate of 0 only the heads move, on `features` from the cache: the same schedule without
 * fine-tuning, the control that tells the top's gain from the heads' extra epochs.
 */
export async function fineTuneTop(net: PosterNet, views: number, features: BatchFeatures, rows: readonly number[], targets: PosterTargets, hp: FineTuneHyperparams, seed: number, afterEpoch: (epoch: number, loss: number) => Promise<void>): Promise<void> {
  const random = seededRandom(seed);
  const loss = multiTaskLoss(genreWeights(rows.map((row) => targets.genre[row]!), hp.head), hp.ratingWeight);
  const optimizers: Array<[tf.Optimizer, tf.Variable[]]> = [[tf.train.adam(hp.headLearningRate), [...variablesOf(net.genre), ...variablesOf(net.rating)]]];
  if (hp.topLearningRate > 0) optimizers.push([tf.train.adam(hp.topLearningRate), variablesOf(net.top)]);
  for (let epoch = 0; epoch < hp.topEpochs; epoch++) {
    const picks = seededShuffle(rows, seed + 7919 * (epoch + 1)).map((row) => ({ row, view: Math.floor(random() * views) }));
    await afterEpoch(epoch, runEpoch(net, picks, targets, features, loss, optimizers, hp.batchSize));
  }
  for (const [optimizer] of optimizers) optimizer.dispose();
}
