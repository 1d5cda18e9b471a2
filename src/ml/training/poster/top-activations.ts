/**
 * Inputs of the fine-tuned top of MobileNetV2, cached once per poster and view: the activation where the frozen
 * part ends (block_14_add, 7x7x160) and the average-pooled taps below it (blocks 3, 6, 10, 13), which fine-tuning
 * leaves unchanged. Training the top then costs blocks 15-16 + Conv_1 per step instead of the whole network.
 */
import * as tf from '@tensorflow/tfjs';
import type { Poster } from '../../../data/posters.js';
import { loadNsfwjsMobileNet, NSFWJS_MOBILENET } from '../../serving/poster/mobilenet-source.js';
import { DEFAULT_VIEWS } from '../../serving/poster/features.js';
import { type FeatureSpec, type FeatureTable, loadOrExtractFeatures } from './feature-cache.js';

/** Last frozen layer; everything after it (blocks 15, 16, Conv_1) is fine-tuned. Blocks <= 12 are never touched. */
export const FROZEN_CUT = 'block_14_add';
export const CUT_SHAPE = [7, 7, 160] as const;
/** Served taps that lie below the cut: frozen, so cached already pooled. */
export const LOW_TAPS = ['block_3_expand_relu', 'block_6_expand_relu', 'block_10_expand_relu', 'block_13_expand_relu'] as const;

export function lowTapsWidth(backbone: tf.LayersModel): number {
  return LOW_TAPS.reduce((sum, name) => sum + ((backbone.getLayer(name).output as tf.SymbolicTensor).shape[3] ?? 0), 0);
}

/** One model from image to [flattened cut activation, pooled low taps] side by side in one row. */
export function buildCutExtractor(backbone: tf.LayersModel): tf.LayersModel {
  const cut = tf.layers.flatten().apply(backbone.getLayer(FROZEN_CUT).output) as tf.SymbolicTensor;
  const pooled = LOW_TAPS.map((name) => tf.layers.globalAveragePooling2d({}).apply(backbone.getLayer(name).output) as tf.SymbolicTensor);
  return tf.model({ inputs: backbone.inputs, outputs: tf.layers.concatenate().apply([cut, ...pooled]) as tf.SymbolicTensor });
}

export const CUT_SIZE = CUT_SHAPE[0] * CUT_SHAPE[1] * CUT_SHAPE[2];

/** Cut activations and low taps of every poster (original and mirrored), from the cache under `root` or extracted. */
export async function loadOrExtractCutActivations(
  posters: readonly Poster[],
  root: string,
  onProgress?: (done: number, total: number) => void,
): Promise<FeatureTable> {
  const backbone = await loadNsfwjsMobileNet();
  const extractor = buildCutExtractor(backbone);
  const spec: FeatureSpec = {
    key: { source: NSFWJS_MOBILENET.name, cut: FROZEN_CUT, lowTaps: LOW_TAPS, pool: 'avg', views: DEFAULT_VIEWS, decode: 'decodePoster fill v1' },
    inputSize: NSFWJS_MOBILENET.inputSize,
    scale: NSFWJS_MOBILENET.scale,
    views: DEFAULT_VIEWS,
    dim: CUT_SIZE + lowTapsWidth(backbone),
  };
  try {
    return await loadOrExtractFeatures(posters, extractor, spec, root, onProgress);
  } finally {
    backbone.dispose();
  }
}
