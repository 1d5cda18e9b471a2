import * as tf from '@tensorflow/tfjs';

/**
 * One model whose output is the mean of the given heads' outputs (same input). The trained layers are reused, not
 * copied, so the merged model saves and serves like any single head.
 */
export function mergeHeads(heads: readonly tf.LayersModel[]): tf.LayersModel {
  if (heads.length === 1) return heads[0]!;
  const input = tf.input({ shape: heads[0]!.inputs[0]!.shape.slice(1) as number[] });
  const outputs = heads.map((head) =>
    head.layers.reduce<tf.SymbolicTensor>((x, layer) => layer.apply(x) as tf.SymbolicTensor, input));
  return tf.model({ inputs: input, outputs: tf.layers.average().apply(outputs) as tf.SymbolicTensor });
}
