import * as tf from '@tensorflow/tfjs';

/**
 * A tiny functional model with the MobileNetV2 layer names that top fine-tuning reads: the pooled low taps, the
 * cut (block_14_add, 7x7x160 as in the real network), a residual block_15, then block_16_expand_relu and out_relu.
 * Input 7x7x3, so every layer keeps the 7x7 grid. Seeded: with unseeded weights, the four-channel ReLU layers
 * sometimes died on every input, so nothing above them could learn and tests on the top failed now and then.
 */
export function fakeMobileNet(): tf.LayersModel {
  let seed = 11;
  const conv = (name: string, filters: number, activation: 'relu' | 'linear' = 'relu') =>
    tf.layers.conv2d({ name, filters, kernelSize: 1, activation, kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }) });
  const input = tf.input({ shape: [7, 7, 3] });
  let x = input as tf.SymbolicTensor;
  for (const name of ['block_3_expand_relu', 'block_6_expand_relu', 'block_10_expand_relu', 'block_13_expand_relu']) {
    x = conv(name, 4).apply(x) as tf.SymbolicTensor;
  }
  const cut = conv('block_14_add', 160, 'linear').apply(x) as tf.SymbolicTensor;
  const expanded = conv('block_15_expand', 8).apply(cut) as tf.SymbolicTensor;
  const normalised = tf.layers.batchNormalization({ name: 'block_15_expand_BN' }).apply(expanded) as tf.SymbolicTensor;
  const projected = conv('block_15_project', 160, 'linear').apply(normalised) as tf.SymbolicTensor;
  const residual = tf.layers.add({ name: 'block_15_add' }).apply([cut, projected]) as tf.SymbolicTensor;
  const tap = conv('block_16_expand_relu', 8).apply(residual) as tf.SymbolicTensor;
  const out = conv('out_relu', 12).apply(tap) as tf.SymbolicTensor;
  const classifier = tf.layers.dense({ name: 'dense_3', units: 5 }).apply(tf.layers.flatten().apply(out)) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: classifier });
}
