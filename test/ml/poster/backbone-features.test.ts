import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { DEFAULT_BACKBONE } from '../../../src/ml/serving/poster/backbone.js';
import { BackboneRegistry, backboneFeatures, type ServedBackbone, servedFeatures, servedFeaturesOf } from '../../../src/ml/serving/poster/serving-model.js';

const nativeInstalled = await import('onnxruntime-node').then(() => true, () => false);

/** The features as one backbone pass per view would give them: what the heads were trained on. */
function onePassPerView(backbone: ServedBackbone, pixels: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const input = pixels.mul(backbone.config.scale) as tf.Tensor4D;
    const views = backbone.config.views.map((view) => backbone.infer()(view === 'flipped' ? tf.reverse(input, 2) : input) as tf.Tensor2D);
    return tf.addN(views).div(views.length) as tf.Tensor2D;
  });
}

const SMALL_BACKBONE = { ...DEFAULT_BACKBONE, taps: [{ layer: 'block_3_expand_relu', pools: ['avg'] }, { layer: 'out_relu', pools: ['avg'] }] } as const;

beforeAll(async () => {
  await initBackend('wasm');
});

describe('backboneFeatures', () => {
  const registry = new BackboneRegistry();
  let backbone: ServedBackbone;
  beforeAll(async () => {
    backbone = await registry.get(SMALL_BACKBONE);
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

describe.each([
  ['TensorFlow.js', { choice: 'tfjs', threads: 1 }],
  ...(nativeInstalled ? [['ONNX Runtime', { choice: 'onnxruntime', threads: 1 }] as const] : []),
] as const)('heads that average different views of one network, on %s', (_, runtime) => {
  const registry = new BackboneRegistry(runtime);
  afterAll(() => registry.dispose());

  it('load it once and run it once per batch, each head getting the mean of its own views', async () => {
    const [both, alone] = await Promise.all([registry.get({ ...SMALL_BACKBONE, views: ['original', 'flipped'] }), registry.get({ ...SMALL_BACKBONE, views: ['original'] })]);
    expect(alone.extractor).toBe(both.extractor);
    const pixels = tf.randomUniform([2, 224, 224, 3], 0, 256, 'int32', 9);
    const images = [0, 1].map((i) => Uint8Array.from(pixels.slice(i, 1).dataSync()));
    const floats = pixels.toFloat() as tf.Tensor4D;
    const [expectedBoth, expectedAlone] = [await servedFeatures(both, images, floats), await servedFeatures(alone, images, floats)];
    const passes = both.native ? [vi.spyOn(both.native, 'run')] : [vi.spyOn(both, 'infer'), vi.spyOn(alone, 'infer')];
    const features = await servedFeaturesOf([both, alone], images, floats);
    expect(passes.reduce((calls, spy) => calls + spy.mock.calls.length, 0)).toBe(1);
    expect(features.get(both)!.arraySync()).toEqual(expectedBoth.arraySync());
    expect(features.get(alone)!.arraySync()).toEqual(expectedAlone.arraySync());
    expect(tf.max(tf.abs(expectedBoth.sub(expectedAlone))).dataSync()[0]).toBeGreaterThan(1e-3);
    tf.dispose([pixels, floats, expectedBoth, expectedAlone, ...features.values()]);
  });
});
