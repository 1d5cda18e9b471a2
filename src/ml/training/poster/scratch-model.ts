import * as tf from '@tensorflow/tfjs';
import { type PosterTask, outputUnits } from './task.js';

export interface ScratchHyperparams {
  readonly inputSize: number;
  /** Filters of each conv block (conv 3x3 + ReLU + batch norm + max-pool 2). */
  readonly filters: readonly number[];
  readonly dense: number;
  readonly dropout: number;
  readonly learningRate: number;
  readonly batchSize: number;
}

/** A small version of the data set's own write-ups' CNN, sized for two CPU cores. */
export const DEFAULT_SCRATCH: ScratchHyperparams = {
  inputSize: 64,
  filters: [32, 64, 128],
  dense: 128,
  dropout: 0.5,
  learningRate: 1e-3,
  batchSize: 32,
};

/** CNN from random weights on RGB scaled to 0-1; rating output starts at the training mean. */
export function buildScratchModel(task: PosterTask, hp: ScratchHyperparams, ratingMean = 0): tf.LayersModel {
  const model = tf.sequential();
  hp.filters.forEach((filters, i) => {
    model.add(tf.layers.conv2d({
      ...(i === 0 ? { inputShape: [hp.inputSize, hp.inputSize, 3] } : {}),
      filters,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
    }));
    model.add(tf.layers.batchNormalization());
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  });
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({ units: hp.dense, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: hp.dropout }));
  model.add(tf.layers.dense({
    units: outputUnits(task),
    activation: task === 'genre' ? 'sigmoid' : 'linear',
    biasInitializer: task === 'rating' ? tf.initializers.constant({ value: ratingMean }) : 'zeros',
  }));
  model.compile({
    optimizer: tf.train.adam(hp.learningRate),
    loss: task === 'genre' ? 'binaryCrossentropy' : 'meanAbsoluteError',
  });
  return model;
}
