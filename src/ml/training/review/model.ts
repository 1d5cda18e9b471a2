/**
 * The CNN-LSTM review rater: Embedding 100-d, Conv1D 128 k5, MaxPool, Conv1D 64 k5, MaxPool, bidirectional LSTM,
 * global max pooling over time, Dense 1. Every convolution and pool uses 'same' padding, so every token of the
 * input reaches the output whatever the length; the input length is free ([null]), so a one-word review is read
 * as one word and a batch only needs to be as long as its longest review.
 * The single output is the rating mapped onto [-1, 1] (see `serving/review/rating-scale.ts`), so a zero-initialised bias
 * starts at the middle of the scale and the loss works on a well-scaled number.
 *
 * @example
 * const model = buildReviewModel({ indexCount: 20_000, poolSize: 4, lstmUnits: 32, dropout: 0.3 });
 */
import * as tf from '@tensorflow/tfjs';

export const EMBEDDING_DIM = 100;

export interface ReviewModelOptions {
  /** Number of token indices (padding and out-of-vocabulary included). */
  readonly indexCount: number;
  /** Max-pooling window (and stride) after the first convolution; the second pool halves the steps again. */
  readonly poolSize: number;
  /** Units of each direction of the LSTM. */
  readonly lstmUnits: number;
  /** Dropout after the embedding and before the output. */
  readonly dropout: number;
  /** `[indexCount, 100]` initial embedding (e.g. GloVe); random when absent. */
  readonly embeddingWeights?: tf.Tensor2D;
  readonly trainableEmbedding?: boolean;
  readonly seed?: number;
}

/** One line for metadata.json, so a reader of the shipped model knows its layers without loading it. */
export function describeReviewModel(options: Pick<ReviewModelOptions, 'poolSize' | 'lstmUnits' | 'dropout'>): string {
  const { poolSize, lstmUnits, dropout } = options;
  return `Embedding ${EMBEDDING_DIM}, SpatialDropout1D ${dropout}, Conv1D 128 k5 same relu, MaxPool ${poolSize} same, ` +
    `Conv1D 64 k5 same relu, MaxPool 2 same, BiLSTM ${lstmUnits}+${lstmUnits} (all steps), GlobalMaxPool, Dropout ${dropout}, Dense 1; input length free`;
}

export function buildReviewModel(options: ReviewModelOptions): tf.LayersModel {
  const { indexCount, poolSize, lstmUnits, dropout, embeddingWeights, trainableEmbedding = true, seed } = options;
  const init = (offset: number): { seed?: number } => (seed === undefined ? {} : { seed: seed + offset });
  const model = tf.sequential({ name: 'review_cnn_lstm' });
  model.add(tf.layers.embedding({
    inputDim: indexCount,
    outputDim: EMBEDDING_DIM,
    inputShape: [null],
    trainable: trainableEmbedding,
    embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, ...init(1) }),
    ...(embeddingWeights === undefined ? {} : { weights: [embeddingWeights] }),
  }));
  // No seed on the dropouts: a seeded tfjs dropout repeats one mask at every step (seeded-tensorflow.ts).
  model.add(tf.layers.spatialDropout1d({ rate: dropout }));
  model.add(tf.layers.conv1d({ filters: 128, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotUniform(init(3)) }));
  model.add(tf.layers.maxPooling1d({ poolSize, padding: 'same' }));
  model.add(tf.layers.conv1d({ filters: 64, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotUniform(init(4)) }));
  model.add(tf.layers.maxPooling1d({ poolSize: 2, padding: 'same' }));
  model.add(tf.layers.bidirectional({
    layer: tf.layers.lstm({
      units: lstmUnits,
      returnSequences: true,
      kernelInitializer: tf.initializers.glorotUniform(init(5)),
      recurrentInitializer: tf.initializers.orthogonal({ gain: 1, ...init(6) }),
    }) as tf.RNN,
    mergeMode: 'concat',
  }));
  model.add(tf.layers.globalMaxPooling1d({}));
  model.add(tf.layers.dropout({ rate: dropout }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform(init(8)) }));
  return model;
}
