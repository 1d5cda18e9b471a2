import * as tf from '@tensorflow/tfjs';
import { GENRES } from '../../../core/genres.js';
import { type PosterTask, outputUnits } from './task.js';

/** Hyperparameters of a trained head on frozen backbone features; chosen by cross-validation. */
export interface HeadHyperparams {
  /** Hidden units of the MLP; 0 gives a linear (logistic / least-absolute) probe. */
  readonly hidden: number;
  readonly dropout: number;
  /** Dropout on the (standardised) input features. */
  readonly inputDropout: number;
  readonly l2: number;
  readonly learningRate: number;
  readonly batchSize: number;
  /** Genre only: weight positives of rare genres by sqrt(negatives / positives). */
  readonly classWeighting: 'none' | 'sqrt';
  /** Train on each view (flip augmentation) or on the view average that serving uses. */
  readonly trainViews: 'mean' | 'each';
  /** Heads trained with different seeds whose outputs are averaged (one model file). */
  readonly ensemble: number;
  /**
   * Rating only: weight of the poster's genre labels, learnt as extra outputs while training (a rating depends on
   * the genre) and dropped from the saved head; 0 learns the rating alone.
   */
  readonly auxGenreWeight: number;
}

export const DEFAULT_HEAD: HeadHyperparams = {
  hidden: 128,
  dropout: 0.5,
  inputDropout: 0.2,
  l2: 1e-4,
  learningRate: 1e-3,
  batchSize: 64,
  classWeighting: 'none',
  trainViews: 'mean',
  ensemble: 1,
  auxGenreWeight: 0,
};

/** Target columns after the task's own: the genre labels a rating head learns beside its rating. */
export function auxiliaryUnits(task: PosterTask, hp: HeadHyperparams): number {
  return task === 'rating' && hp.auxGenreWeight > 0 ? GENRES.length : 0;
}

/** Rating heads predict the offset from the training mean, so an untrained head already makes the mean guess. */
export function buildHead(task: PosterTask, inputDim: number, hp: HeadHyperparams, ratingMean = 0): tf.LayersModel {
  const regulariser = hp.l2 > 0 ? tf.regularizers.l2({ l2: hp.l2 }) : undefined;
  const model = tf.sequential();
  model.add(tf.layers.dropout({ inputShape: [inputDim], rate: hp.inputDropout }));
  if (hp.hidden > 0) {
    model.add(tf.layers.dense({ units: hp.hidden, activation: 'relu', kernelRegularizer: regulariser }));
    model.add(tf.layers.dropout({ rate: hp.dropout }));
  }
  const auxiliary = auxiliaryUnits(task, hp);
  model.add(tf.layers.dense({
    units: outputUnits(task) + auxiliary,
    // Genre outputs of a rating head stay logits: the loss applies their sigmoid.
    activation: task === 'genre' ? 'sigmoid' : 'linear',
    kernelRegularizer: regulariser,
    // A zero kernel makes an untrained rating head the mean guess instead of adding glorot noise of sd ~1.4.
    kernelInitializer: task === 'rating' ? 'zeros' : 'glorotUniform',
    biasInitializer: 'zeros',
  }));
  if (task === 'rating') {
    const output = model.layers[model.layers.length - 1]!;
    const meanFirst = tf.tensor1d([ratingMean, ...new Array<number>(auxiliary).fill(0)]);
    output.setWeights([output.getWeights()[0]!, meanFirst]);
    meanFirst.dispose();
  }
  return model;
}

/** Rating MAE plus `weight` x the mean sigmoid cross-entropy of the genre logits that follow it. */
function ratingWithGenresLoss(weight: number): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  return (yTrue, yPred) => tf.tidy(() => {
    const width = yPred.shape[1]! - 1;
    const rows = yPred.shape[0]!;
    const ratingError = yTrue.slice([0, 0], [rows, 1]).sub(yPred.slice([0, 0], [rows, 1])).abs().mean();
    const genres = tf.losses.sigmoidCrossEntropy(yTrue.slice([0, 1], [rows, width]), yPred.slice([0, 1], [rows, width]));
    return ratingError.add(genres.mul(weight));
  });
}

/** The head as served: a rating head trained with genre outputs keeps only its rating output. */
export function withoutAuxiliaryOutputs(model: tf.LayersModel, task: PosterTask, hp: HeadHyperparams): tf.LayersModel {
  if (auxiliaryUnits(task, hp) === 0) return model;
  const served = tf.sequential();
  const last = model.layers.length - 1;
  model.layers.slice(0, last).forEach((layer) => served.add(layer));
  const trained = model.layers[last]!;
  const [kernel, bias] = trained.getWeights();
  const rating = tf.layers.dense({ units: outputUnits(task), activation: 'linear' });
  served.add(rating);
  const kept = tf.tidy(() => [kernel!.slice([0, 0], [kernel!.shape[0]!, 1]), bias!.slice([0], [1])]);
  rating.setWeights(kept);
  tf.dispose(kept);
  // Only the training model held the genre outputs, and nothing uses it after this.
  trained.dispose();
  return served;
}

/** Binary cross-entropy with a per-genre weight on positive examples. */
export function weightedBinaryCrossentropy(positiveWeights: readonly number[]): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  return (yTrue, yPred) => tf.tidy(() => {
    const weights = tf.tensor1d(positiveWeights as number[]);
    const p = yPred.clipByValue(1e-7, 1 - 1e-7);
    const positive = yTrue.mul(p.log()).mul(weights);
    const negative = tf.scalar(1).sub(yTrue).mul(tf.scalar(1).sub(p).log());
    return positive.add(negative).neg().mean();
  });
}

export function positiveWeights(targets: readonly number[][], scheme: HeadHyperparams['classWeighting']): number[] {
  const width = targets[0]?.length ?? 0;
  return Array.from({ length: width }, (_, c) => {
    if (scheme === 'none') return 1;
    const positives = targets.reduce((sum, row) => sum + (row[c] ?? 0), 0);
    return Math.min(Math.sqrt((targets.length - positives) / Math.max(positives, 1)), 10);
  });
}

export function compileHead(model: tf.LayersModel, task: PosterTask, hp: HeadHyperparams, trainTargets: readonly number[][]): void {
  const loss = task === 'rating'
    ? auxiliaryUnits(task, hp) > 0 ? ratingWithGenresLoss(hp.auxGenreWeight) : 'meanAbsoluteError'
    : hp.classWeighting === 'none' ? 'binaryCrossentropy' : weightedBinaryCrossentropy(positiveWeights(trainTargets, hp.classWeighting));
  model.compile({ optimizer: tf.train.adam(hp.learningRate), loss });
}

/**
 * Class weights multiply each genre's odds by its positive weight; subtracting log(weight) from the output bias
 * restores calibrated probabilities (so top-3 compares genres fairly) without changing any genre's ranking.
 */
export function undoClassWeightShift(model: tf.LayersModel, weights: readonly number[]): void {
  if (weights.every((w) => w === 1)) return;
  const output = model.layers[model.layers.length - 1]!;
  const [kernel, bias] = output.getWeights();
  const shifted = tf.tidy(() => bias!.sub(tf.tensor1d(weights.map((w) => Math.log(w)))));
  output.setWeights([kernel!, shifted]);
  shifted.dispose();
}
