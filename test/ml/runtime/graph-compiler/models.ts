import * as tf from '@tensorflow/tfjs';

/** Largest difference relative to the largest reference value: 1e-4 is float32 rounding of the refolded weights. */
export function relativeError(actual: tf.Tensor | Float32Array, expected: tf.Tensor): number {
  const a = actual instanceof Float32Array ? actual : actual.dataSync();
  const e = expected.dataSync();
  let scale = 1e-6;
  let worst = 0;
  e.forEach((v, i) => {
    scale = Math.max(scale, Math.abs(v));
    worst = Math.max(worst, Math.abs(v - (a[i] as number)));
  });
  return worst / scale;
}

/** Replaces every batch norm's statistics with seeded random ones, some scales negative when asked. */
export function randomiseBatchNorms(model: tf.LayersModel, seed: number, negativeScales: boolean): void {
  let next = seed;
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const weights = layer.getWeights().map((w, i) => {
      const name = layer.weights[i]?.name ?? '';
      const channels = w.shape[0] as number;
      next += 1;
      if (name.includes('moving_variance')) return tf.randomUniform([channels], 0.2, 3, 'float32', next);
      if (name.includes('gamma')) return tf.randomUniform([channels], negativeScales ? -1.5 : 0.5, 1.5, 'float32', next);
      return tf.randomNormal([channels], 0, 0.5, 'float32', next);
    });
    layer.setWeights(weights);
    tf.dispose(weights);
  }
}

function invertedResidual(x: tf.SymbolicTensor, expand: number, out: number, stride: number): tf.SymbolicTensor {
  const inChannels = x.shape[3] as number;
  let y = tf.layers.conv2d({ filters: inChannels * expand, kernelSize: 1, useBias: false }).apply(x) as tf.SymbolicTensor;
  y = tf.layers.batchNormalization().apply(y) as tf.SymbolicTensor;
  y = tf.layers.reLU({ maxValue: 6 }).apply(y) as tf.SymbolicTensor;
  if (stride === 2) y = tf.layers.zeroPadding2d({ padding: [[0, 1], [0, 1]] }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.depthwiseConv2d({ kernelSize: 3, strides: stride, padding: stride === 2 ? 'valid' : 'same', useBias: false })
    .apply(y) as tf.SymbolicTensor;
  y = tf.layers.batchNormalization().apply(y) as tf.SymbolicTensor;
  y = tf.layers.reLU({ maxValue: 6 }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.conv2d({ filters: out, kernelSize: 1, useBias: false }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.batchNormalization().apply(y) as tf.SymbolicTensor;
  return stride === 1 && inChannels === out ? tf.layers.add().apply([x, y]) as tf.SymbolicTensor : y;
}

/** MobileNetV2 in miniature: padded strided stem, inverted residual blocks with ReLU6 and a residual add, pooled head. */
export function buildMobileNetBlocks(): tf.LayersModel {
  const input = tf.input({ shape: [32, 32, 3] });
  let x = tf.layers.zeroPadding2d({ padding: [[0, 1], [0, 1]] }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, useBias: false }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({ maxValue: 6 }).apply(x) as tf.SymbolicTensor;
  x = invertedResidual(x, 4, 8, 1);
  x = invertedResidual(x, 4, 12, 2);
  x = invertedResidual(x, 4, 12, 1);
  x = tf.layers.conv2d({ filters: 24, kernelSize: 1, useBias: false }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.activation({ activation: 'relu6' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ rate: 0.2 }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 5, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

/** Two branches joined by Concatenate, average pooling, a Reshape and a global max pool, ending in tanh. */
export function buildBranchedModel(): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 4] });
  const left = tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input);
  const rightConv = tf.layers.conv2d({ filters: 5, kernelSize: 1 }).apply(input) as tf.SymbolicTensor;
  const right = tf.layers.batchNormalization().apply(rightConv) as tf.SymbolicTensor;
  let x = tf.layers.concatenate({ axis: -1 }).apply([left as tf.SymbolicTensor, right]) as tf.SymbolicTensor;
  x = tf.layers.averagePooling2d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.reshape({ targetShape: [8, 8, 11] }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 7, kernelSize: 3, activation: 'tanh' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalMaxPooling2d({}).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 3 }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

/** A model with a layer the compiler does not translate (LeakyReLU), so it must fall back. */
export function buildUnsupportedModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [12, 12, 3], filters: 4, kernelSize: 3 }));
  model.add(tf.layers.leakyReLU({ alpha: 0.1 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 2 }));
  return model;
}
