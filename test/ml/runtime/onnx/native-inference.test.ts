import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { compileForOnnxRuntime, type NativeInference } from '../../../../src/ml/runtime/onnx/native-inference.js';
import { buildReferenceCnn } from '../../../helpers/reference-cnn.js';
import { buildBranchedModel, buildMobileNetBlocks, buildUnsupportedModel, randomiseBatchNorms, relativeError } from '../graph-compiler/models.js';

const installed = await import('onnxruntime-node').then(() => true, () => false);

async function expectNativeMatches(model: tf.LayersModel, shape: number[], seed: number): Promise<void> {
  const native = await compileForOnnxRuntime(model, 1);
  if ('unavailable' in native) throw new Error(native.unavailable);
  const input = tf.randomUniform(shape, 0, 1, 'float32', seed);
  const expected = model.predict(input) as tf.Tensor;
  const [actual] = await (native as NativeInference).run(input.dataSync() as Float32Array, shape);
  expect(actual!.length).toBe(expected.size);
  expect(relativeError(actual!, expected)).toBeLessThan(1e-4);
  tf.dispose([input, expected]);
  await native.release();
}

describe.skipIf(!installed)('compileForOnnxRuntime (the compiled plan as ONNX, on onnxruntime-node)', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });
  afterAll(async () => {
    await initBackend('wasm');
  });

  it('matches predict on MobileNet blocks: strided padding, depthwise convolutions, ReLU6, residual adds, softmax', async () => {
    const model = buildMobileNetBlocks();
    randomiseBatchNorms(model, 100, true);
    await expectNativeMatches(model, [3, 32, 32, 3], 1);
    model.dispose();
  });

  it('matches predict with concatenate, average pooling, an unfolded batch norm, reshape and a global max pool', async () => {
    const model = buildBranchedModel();
    randomiseBatchNorms(model, 200, true);
    await expectNativeMatches(model, [2, 16, 16, 4], 2);
    model.dispose();
  });

  it('matches predict on the reference CNN at batch 1 and 4', async () => {
    const model = buildReferenceCnn();
    randomiseBatchNorms(model, 300, false);
    await expectNativeMatches(model, [1, 128, 128, 3], 3);
    await expectNativeMatches(model, [4, 128, 128, 3], 4);
    model.dispose();
  });

  it('says why instead of compiling a layer it does not translate', async () => {
    const model = buildUnsupportedModel();
    expect(await compileForOnnxRuntime(model, 1)).toEqual({ unavailable: expect.stringMatching(/does not translate to ONNX: layer .*leaky/i) });
    model.dispose();
  });
});
