import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { DEFAULT_BACKBONE } from '../../../src/ml/serving/poster/backbone.js';
import { BackboneRegistry, backboneFeatures, type ServedBackbone } from '../../../src/ml/serving/poster/serving-model.js';

/** The features as one backbone pass per view would give them: what the heads were trained on. */
function onePassPerView(backbone: ServedBackbone, pixels: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const input = pixels.mul(backbone.config.scale) as tf.Tensor4D;
    const views = backbone.config.views.map((view) => backbone.infer()(view === 'flipped' ? tf.reverse(input, 2) : input) as tf.Tensor2D);
    return tf.addN(views).div(views.length) as tf.Tensor2D;
  });
}

describe('backboneFeatures', () => {
  const registry = new BackboneRegistry();
  let backbone: ServedBackbone;
  beforeAll(async () => {
    await initBackend('wasm');
    backbone = await registry.get({ ...DEFAULT_BACKBONE, taps: [{ layer: 'block_3_expand_relu', pools: ['avg'] }, { layer: 'out_relu', pools: ['avg'] }] });
  });
  afterAll(() => registry.dispose());

  it('runs both views as one batch and gives the numbers of one pass per view, alone or among other posters', async () => {
    const pixels = tf.randomUniform([3, 224, 224, 3], 0, 255, 'float32', 7) as tf.Tensor4D;
    const [batched, perView, first] = [backboneFeatures(backbone, pixels), onePassPerView(backbone, pixels), backboneFeatures(backbone, pixels.slice(0, 1))];
    expect(batched.shape).toEqual([3, backbone.featureDim]);
    expect(tf.max(tf.abs(batched.sub(perView))).dataSync()[0]).toBeLessThanOrEqual(1e-5);
    expect(tf.max(tf.abs(batched.slice(0, 1).sub(first))).dataSync()[0]).toBeLessThanOrEqual(1e-5);
    tf.dispose([pixels, batched, perView, first]);
  });
});
