import * as tf from '@tensorflow/tfjs';

/**
 * MobileNetV2 at width 1.4 (ImageNet, from the TF-Hub module inside nsfwjs's "mid" graph model) rebuilt as a Layers
 * model with tf.keras.applications' layer names, so the taps, the graph compiler and ONNX Runtime treat it as they
 * treat the 1.0 model. The graph has each batch norm folded into its convolution, so convolutions carry biases.
 */

/** [output filters at width 1.0, stride] of the 17 inverted-residual blocks (Sandler et al. 2018, table 2). */
const BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [16, 1], [24, 2], [24, 1], [32, 2], [32, 1], [32, 1], [64, 2], [64, 1], [64, 1], [64, 1],
  [96, 1], [96, 1], [96, 1], [160, 2], [160, 1], [160, 1], [320, 1],
];
const ALPHA = 1.4;
const EXPANSION = 6;
/** tf.keras.applications pads stride-2 convolutions like TF's SAME on an even input: one row and column after. */
const STRIDE_2_PAD: [[number, number], [number, number]] = [[0, 1], [0, 1]];

/** Keras' `_make_divisible`: channel counts rounded to a multiple of 8, never more than 10% down. */
function divisible(value: number, divisor = 8): number {
  const rounded = Math.max(divisor, Math.floor((value + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * value ? rounded + divisor : rounded;
}

type Weights = ReadonlyMap<string, tf.Tensor>;

/** The frozen layers, with weights looked up by the TF-Hub graph's names as each layer is built. */
class WideMobileNetBuilder {
  constructor(private readonly weights: Weights) {}

  private weight(name: string): tf.Tensor {
    const tensor = this.weights.get(name);
    if (!tensor) throw new Error(`The nsfwjs mid model has no weight ${name}`);
    return tensor;
  }

  private apply(layer: tf.layers.Layer, x: tf.SymbolicTensor, graphName: string, kind = 'Conv2D'): tf.SymbolicTensor {
    const y = layer.apply(x) as tf.SymbolicTensor;
    layer.setWeights([this.weight(`${graphName}/${kind}_weights`), this.weight(`${graphName}/${kind}_bn_offset`)]);
    return y;
  }

  conv(x: tf.SymbolicTensor, name: string, graphName: string, filters: number, kernelSize: number, strides: number): tf.SymbolicTensor {
    const layer = tf.layers.conv2d({ name, filters, kernelSize, strides, padding: strides === 2 ? 'valid' : 'same', useBias: true, trainable: false });
    return this.apply(layer, x, graphName);
  }

  depthwise(x: tf.SymbolicTensor, name: string, graphName: string, strides: number): tf.SymbolicTensor {
    const layer = tf.layers.depthwiseConv2d({ name, kernelSize: 3, strides, padding: strides === 2 ? 'valid' : 'same', useBias: true, trainable: false });
    return this.apply(layer, x, graphName, 'depthwise');
  }

  relu6(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
    return tf.layers.reLU({ name, maxValue: 6 }).apply(x) as tf.SymbolicTensor;
  }

  pad(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
    return tf.layers.zeroPadding2d({ name, padding: STRIDE_2_PAD }).apply(x) as tf.SymbolicTensor;
  }

  block(x: tf.SymbolicTensor, id: number, filters: number, stride: number): tf.SymbolicTensor {
    const inChannels = x.shape[3]!;
    const prefix = id === 0 ? 'expanded_conv_' : `block_${id}_`;
    const graph = id === 0 ? 'MobilenetV2/expanded_conv' : `MobilenetV2/expanded_conv_${id}`;
    let y = x;
    if (id > 0) y = this.relu6(this.conv(y, `${prefix}expand`, `${graph}/expand`, EXPANSION * inChannels, 1, 1), `${prefix}expand_relu`);
    if (stride === 2) y = this.pad(y, `${prefix}pad`);
    y = this.relu6(this.depthwise(y, `${prefix}depthwise`, `${graph}/depthwise`, stride), `${prefix}depthwise_relu`);
    const outChannels = divisible(Math.trunc(filters * ALPHA));
    y = this.conv(y, `${prefix}project`, `${graph}/project`, outChannels, 1, 1);
    return inChannels === outChannels && stride === 1 ? (tf.layers.add({ name: `${prefix}add` }).apply([x, y]) as tf.SymbolicTensor) : y;
  }

  /** The TF-Hub module's own input step, x * 2 - 1 on RGB in 0-1, as a frozen batch norm the compiler folds. */
  inputScaling(x: tf.SymbolicTensor): tf.SymbolicTensor {
    const epsilon = 1e-3;
    const layer = tf.layers.batchNormalization({ name: 'hub_input', epsilon, trainable: false });
    const y = layer.apply(x) as tf.SymbolicTensor;
    const values = [tf.fill([3], 2), tf.fill([3], -1), tf.zeros([3]), tf.fill([3], 1 - epsilon)];
    layer.setWeights(values);
    tf.dispose(values);
    return y;
  }
}

/** Builds the width-1.4 MobileNetV2 up to `out_relu` (1792 channels at 7x7) from the graph model's named weights. */
export function buildWideMobileNet(weights: Weights, inputSize: number): tf.LayersModel {
  const build = new WideMobileNetBuilder(weights);
  const input = tf.input({ shape: [inputSize, inputSize, 3], name: 'input_1' });
  let x = build.inputScaling(input);
  x = build.relu6(build.conv(build.pad(x, 'Conv1_pad'), 'Conv1', 'MobilenetV2/Conv', divisible(32 * ALPHA), 3, 2), 'Conv1_relu');
  BLOCKS.forEach(([filters, stride], id) => {
    x = build.block(x, id, filters, stride);
  });
  x = build.relu6(build.conv(x, 'Conv_1', 'MobilenetV2/Conv_1', divisible(1280 * ALPHA), 1, 1), 'out_relu');
  return tf.model({ inputs: input, outputs: x, name: 'mobilenet_v2_1.40_224' });
}
