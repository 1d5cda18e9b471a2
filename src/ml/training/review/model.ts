/**
 * The CNN-LSTM review rater after the original design: Embedding 100-d, Conv1D 128 k5, MaxPool, Conv1D 64 k5,
 * MaxPool, LSTM 64, Dense 1. The single output is the rating mapped onto [-1, 1] (see `rating-scale.ts`), so
 * a zero-initialised bias starts at the middle of the scale and the loss works on a well-scaled number.
 *
 * @example
 * const model = buildReviewModel({ indexCount: 20_000, maxLen: 400, poolSize: 2, dropout: 0.3 });
 */
import * as tf from '@tensorflow/tfjs';

export const EMBEDDING_DIM = 100;
export interface ReviewModelOptions {
  /** Number of token indices (padding and out-of-vocabulary included). */
  readonly indexCount: number;
  readonly maxLen: number;
  /** Max-pooling window (and stride) after each convolution; 2 keeps more steps for the LSTM, 4 trains faster. */
  readonly poolSize: number;
  /** Dropout after the embedding and before the output. */
  readonly dropout: number;
  /** `[indexCount, 100]` initial embedding (e.g. GloVe); random when absent. */
  readonly embeddingWeights?: tf.Tensor2D;
  readonly trainableEmbedding?: boolean;
  readonly seed?: number;
}

/** Length of the sequence the LSTM reads, so callers can reject a max length the convolutions cannot fit. */
export function lstmSteps(maxLen: number, poolSize: number): number {
  const afterFirst = Math.floor((maxLen - 4) / poolSize);
  return Math.floor((afterFirst - 4) / poolSize);
}

export function buildReviewModel(options: ReviewModelOptions): tf.LayersModel {
  const { indexCount, maxLen, poolSize, dropout, embeddingWeights, trainableEmbedding = true, seed } = options;
  if (lstmSteps(maxLen, poolSize) < 1) throw new RangeError(`maxLen ${maxLen} is too short for two k5 convolutions with pool ${poolSize}`);
  const init = (offset: number): { seed?: number } => (seed === undefined ? {} : { seed: seed + offset });
  const model = tf.sequential({ name: 'review_cnn_lstm' });
  model.add(tf.layers.embedding({
    inputDim: indexCount,
    outputDim: EMBEDDING_DIM,
    inputLength: maxLen,
    trainable: trainableEmbedding,
    embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, ...init(1) }),
    ...(embeddingWeights === undefined ? {} : { weights: [embeddingWeights] }),
  }));
  model.add(tf.layers.spatialDropout1d({ rate: dropout, ...init(2) }));
  model.add(tf.layers.conv1d({ filters: 128, kernelSize: 5, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform(init(3)) }));
  model.add(tf.layers.maxPooling1d({ poolSize }));
  model.add(tf.layers.conv1d({ filters: 64, kernelSize: 5, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform(init(4)) }));
  model.add(tf.layers.maxPooling1d({ poolSize }));
  model.add(tf.layers.lstm({
    units: 64,
    kernelInitializer: tf.initializers.glorotUniform(init(5)),
    recurrentInitializer: tf.initializers.orthogonal({ gain: 1, ...init(6) }),
  }));
  model.add(tf.layers.dropout({ rate: dropout, ...init(7) }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform(init(8)) }));
  return model;
}
