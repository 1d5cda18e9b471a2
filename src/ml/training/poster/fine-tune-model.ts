import * as tf from '@tensorflow/tfjs';
import { buildHead, DEFAULT_HEAD, type HeadHyperparams, positiveWeights, weightedBinaryCrossentropy } from './head.js';
import type { FeatureStats } from './train-head.js';

/** Settings of top fine-tuning; the heads keep the shipped heads' shape (MLP-128, dropout, sqrt class weights). */
export interface FineTuneHyperparams {
  readonly head: HeadHyperparams;
  /** Epochs of the heads alone on the frozen top's features (also the frozen control of the comparison). */
  readonly headEpochs: number;
  /** Epochs of heads and top together. */
  readonly topEpochs: number;
  readonly headLearningRate: number;
  /** Small, so the pretrained blocks move a little (batch-norm statistics stay frozen). */
  readonly topLearningRate: number;
  /** Weight of the rating MAE beside the genre cross-entropy in the shared loss. */
  readonly ratingWeight: number;
  readonly batchSize: number;
}

export const DEFAULT_FINE_TUNE: FineTuneHyperparams = {
  head: { ...DEFAULT_HEAD, classWeighting: 'sqrt', trainViews: 'each' },
  headEpochs: 12,
  topEpochs: 2,
  headLearningRate: 3e-4,
  topLearningRate: 1e-4,
  ratingWeight: 1,
  batchSize: 32,
};

/** The top blocks shared by a genre head and a rating head, as one backbone pass at serving. */
export interface PosterNet {
  readonly top: tf.LayersModel;
  readonly genre: tf.LayersModel;
  readonly rating: tf.LayersModel;
  /** Standardisation of [low taps, top taps], fixed from the frozen features of the training rows. */
  readonly stats: FeatureStats;
}

export function buildPosterNet(top: tf.LayersModel, stats: FeatureStats, head: HeadHyperparams, ratingMean: number): PosterNet {
  const width = stats.mean.length;
  return { top, genre: buildHead('genre', width, head), rating: buildHead('rating', width, head, ratingMean), stats };
}

/** Pooled features [low taps, top taps] of a batch of cut activations (batch norm in inference mode). */
export function pooledFeatures(top: tf.LayersModel, cut: tf.Tensor4D, low: tf.Tensor2D): tf.Tensor2D {
  return tf.concat([low, top.apply(cut, { training: false }) as tf.Tensor2D], 1);
}

export function headOutputs(net: PosterNet, features: tf.Tensor2D, training: boolean): { genre: tf.Tensor2D; rating: tf.Tensor2D } {
  const standardised = features.sub(tf.tensor1d(net.stats.mean)).div(tf.tensor1d(net.stats.std));
  return {
    genre: net.genre.apply(standardised, { training }) as tf.Tensor2D,
    rating: net.rating.apply(standardised, { training }) as tf.Tensor2D,
  };
}

export interface BatchTargets {
  readonly genre: tf.Tensor2D;
  readonly rating: tf.Tensor2D;
  /** 1 where the poster has a rating, 0 where the rating term must not count. */
  readonly ratingMask: tf.Tensor2D;
}

/** Class-weighted genre cross-entropy plus the rating MAE over the posters that have one. */
export function multiTaskLoss(genreWeights: readonly number[], ratingWeight: number): (out: ReturnType<typeof headOutputs>, y: BatchTargets) => tf.Scalar {
  const genreLoss = weightedBinaryCrossentropy(genreWeights);
  return (out, y) => {
    const ratingError = out.rating.sub(y.rating).abs().mul(y.ratingMask).sum().div(y.ratingMask.sum().maximum(1));
    return genreLoss(y.genre, out.genre).add(ratingError.mul(ratingWeight)) as tf.Scalar;
  };
}

export function genreWeights(genreTargets: readonly number[][], head: HeadHyperparams): number[] {
  return positiveWeights(genreTargets, head.classWeighting);
}

export function disposeNet(net: PosterNet): void {
  net.genre.dispose();
  net.rating.dispose();
}
