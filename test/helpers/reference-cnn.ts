import * as tf from '@tensorflow/tfjs';

/**
 * The benchmarks' reference network, layer for layer the PyTorch peer's (`shared/peers/torch_reference_cnn.py`):
 * three conv + ReLU, batch norm, max pool blocks, then dense 128 and 25 sigmoids. The bench times it; the graph
 * compiler's tests use it as a plain CNN with batch norm.
 */
export const REFERENCE_INPUT_SHAPE = [128, 128, 3];
export const REFERENCE_LABELS = 25;

export function buildReferenceCnn(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: REFERENCE_INPUT_SHAPE, filters: 16, kernelSize: 3, padding: 'valid', activation: 'relu' }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  for (const filters of [32, 64]) {
    model.add(tf.layers.conv2d({ filters, kernelSize: 3, activation: 'relu' }));
    model.add(tf.layers.batchNormalization());
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  }
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: REFERENCE_LABELS, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(), loss: 'binaryCrossentropy' });
  return model;
}
