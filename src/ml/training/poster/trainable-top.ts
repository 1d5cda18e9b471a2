import * as tf from '@tensorflow/tfjs';
import { FROZEN_CUT } from './top-activations.js';

/** Served taps computed by the fine-tuned top, average-pooled (block_16's expansion and the last layer). */
export const TOP_TAPS = ['block_16_expand_relu', 'out_relu'] as const;

/** Layers after the cut up to the last tap, in the backbone's topological order: the weights fine-tuning changes. */
export function topLayers(backbone: tf.LayersModel): tf.layers.Layer[] {
  const start = backbone.layers.findIndex((layer) => layer.name === FROZEN_CUT);
  const end = backbone.layers.findIndex((layer) => layer.name === TOP_TAPS[TOP_TAPS.length - 1]);
  if (start < 0 || end <= start) throw new Error(`Backbone has no ${FROZEN_CUT} before ${TOP_TAPS[TOP_TAPS.length - 1]}`);
  return backbone.layers.slice(start + 1, end + 1);
}

/**
 * The backbone's own top layers re-applied to an input shaped like the cut activation, ending in the pooled top
 * taps side by side. The layers are shared, so training this model changes the backbone's weights.
 */
export function buildTrainableTop(backbone: tf.LayersModel): tf.LayersModel {
  const cut = backbone.getLayer(FROZEN_CUT).output as tf.SymbolicTensor;
  const input = tf.input({ shape: cut.shape.slice(1) as number[] });
  const outputs = new Map<string, tf.SymbolicTensor>([[FROZEN_CUT, input]]);
  for (const layer of topLayers(backbone)) {
    const inbound = layer.inboundNodes[0]!.inboundLayers.map((source) => outputs.get(source.name));
    if (inbound.some((tensor) => tensor === undefined)) throw new Error(`${layer.name} reads a layer below the cut`);
    outputs.set(layer.name, layer.apply(inbound.length === 1 ? inbound[0]! : (inbound as tf.SymbolicTensor[])) as tf.SymbolicTensor);
  }
  const pooled = TOP_TAPS.map((name) => tf.layers.globalAveragePooling2d({}).apply(outputs.get(name)!) as tf.SymbolicTensor);
  return tf.model({ inputs: input, outputs: tf.layers.concatenate().apply(pooled) as tf.SymbolicTensor });
}
