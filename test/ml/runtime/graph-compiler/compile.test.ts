import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { compileForInference, type InferenceFn } from '../../../../src/ml/runtime/graph-compiler/compile.js';
import { buildReferenceCnn } from '../../../helpers/reference-cnn.js';
import { buildBranchedModel, buildMobileNetBlocks, buildUnsupportedModel, randomiseBatchNorms, relativeError } from './models.js';

const BACKENDS = ['wasm', 'cpu'] as const;

async function useBackend(name: (typeof BACKENDS)[number]): Promise<void> {
  await initBackend(name);
}

/** model.predict on the cpu backend: the reference every compiled result is held to. */
async function cpuPredict(model: tf.LayersModel, input: tf.Tensor): Promise<tf.Tensor> {
  await useBackend('cpu');
  return model.predict(input) as tf.Tensor;
}

async function expectCompiledMatches(model: tf.LayersModel, shape: number[], seed: number): Promise<void> {
  const input = tf.randomUniform(shape, 0, 1, 'float32', seed);
  const expected = await cpuPredict(model, input);
  for (const backend of BACKENDS) {
    await useBackend(backend);
    const infer = compileForInference(model);
    expect(infer.compiled, infer.fallbackReason).toBe(true);
    const actual = infer(input);
    const sameBackend = model.predict(input) as tf.Tensor;
    expect(actual.shape).toEqual(expected.shape);
    expect(relativeError(actual, expected), `${backend} against cpu predict`).toBeLessThan(1e-4);
    expect(relativeError(actual, sameBackend), `${backend} against ${backend} predict`).toBeLessThan(1e-4);
    tf.dispose([actual, sameBackend]);
    infer.dispose();
  }
  tf.dispose([input, expected]);
}

describe('compileForInference', () => {
  let reference: tf.LayersModel;
  let mobileNet: tf.LayersModel;

  beforeAll(async () => {
    await useBackend('wasm');
    reference = buildReferenceCnn();
    const x = tf.randomUniform([8, 128, 128, 3], 0, 1, 'float32', 7);
    const y = tf.randomUniform([8, 25], 0, 1, 'float32', 8).round();
    for (let step = 0; step < 3; step++) await reference.trainOnBatch(x, y);
    tf.dispose([x, y]);
    mobileNet = buildMobileNetBlocks();
    randomiseBatchNorms(mobileNet, 100, false);
  });

  afterAll(() => {
    reference.dispose();
    mobileNet.dispose();
  });

  it.each([1, 8])('matches predict on the trained reference CNN at batch %i, on wasm and cpu', async (batch) => {
    await expectCompiledMatches(reference, [batch, 128, 128, 3], 11 + batch);
  });

  it('folds every batch norm of the reference CNN into the next layer and fuses ReLU into the convolutions', async () => {
    await useBackend('wasm');
    const infer = compileForInference(reference);
    expect(infer.summary.filter((line) => line.includes('affine'))).toEqual([]);
    expect(infer.summary.filter((line) => line.includes('conv 3x3 relu'))).toHaveLength(3);
    infer.dispose();
  });

  it('keeps a batch norm with negative scales before max pooling as its own op, and still matches', async () => {
    await useBackend('wasm');
    const model = buildReferenceCnn();
    randomiseBatchNorms(model, 200, true);
    const infer = compileForInference(model);
    expect(infer.summary.filter((line) => line.includes('affine')).length).toBeGreaterThan(0);
    infer.dispose();
    await expectCompiledMatches(model, [2, 128, 128, 3], 21);
    model.dispose();
  });

  it.each([1, 8])('matches predict on MobileNetV2-style blocks (depthwise, BN, ReLU6, residual add) at batch %i', async (batch) => {
    await expectCompiledMatches(mobileNet, [batch, 32, 32, 3], 31 + batch);
  });

  it('folds the MobileNet blocks down to convolutions, the two residual adds, a pool and the head', async () => {
    await useBackend('wasm');
    const infer = compileForInference(mobileNet);
    const kinds = infer.summary.map((line) => line.split(': ')[1]?.split(' ')[0]);
    expect(kinds.filter((kind) => kind !== 'conv' && kind !== 'depthwise')).toEqual(['add', 'add', 'global-pool', 'dense', 'softmax']);
    expect(infer.summary.filter((line) => line.includes('relu6'))).toHaveLength(8);
    infer.dispose();
  });

  it('matches predict on a branched model with concatenate, average pooling, reshape and tanh', async () => {
    const model = buildBranchedModel();
    randomiseBatchNorms(model, 300, true);
    await expectCompiledMatches(model, [3, 16, 16, 4], 41);
    model.dispose();
  });

  it('falls back to model.predict, saying why, when a layer is not supported', async () => {
    await useBackend('wasm');
    const model = buildUnsupportedModel();
    const infer = compileForInference(model);
    expect(infer.compiled).toBe(false);
    expect(infer.fallbackReason).toMatch(/LeakyReLU is not supported/);
    const input = tf.randomUniform([2, 12, 12, 3], 0, 1, 'float32', 51);
    const [actual, expected] = [infer(input), model.predict(input) as tf.Tensor];
    expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([input, actual, expected]);
    model.dispose();
  });

  it('casts integer pixels and refuses an input of the wrong shape with a clear message', async () => {
    await useBackend('wasm');
    const infer = compileForInference(mobileNet);
    const pixels = tf.randomUniform([1, 32, 32, 3], 0, 255, 'int32', 61);
    const [actual, expected] = [infer(pixels), mobileNet.predict(pixels.toFloat()) as tf.Tensor];
    expect(relativeError(actual, expected)).toBeLessThan(1e-4);
    expect(() => infer(tf.zeros([1, 30, 32, 3]))).toThrow(/\[1, 30, 32, 3\] does not fit the model's \[any, 32, 32, 3\]/);
    tf.dispose([pixels, actual, expected]);
    infer.dispose();
  });

  it('keeps its weights when compiled inside tf.tidy, as a backbone compiled on first use is', async () => {
    await useBackend('wasm');
    const input = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 72);
    let compiled: InferenceFn | undefined;
    tf.tidy(() => {
      compiled = compileForInference(mobileNet);
      compiled(input).dispose();
    });
    const infer = compiled!;
    const [first, second] = [infer(input), infer(input)];
    expect(relativeError(second, first)).toBe(0);
    tf.dispose([input, first, second]);
    infer.dispose();
  });

  it('leaves the tensor count unchanged over many calls and after dispose', async () => {
    await useBackend('wasm');
    const input = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 71);
    const before = tf.memory().numTensors;
    const infer = compileForInference(mobileNet);
    const afterCompile = tf.memory().numTensors;
    for (let call = 0; call < 300; call++) infer(input).dispose();
    expect(tf.memory().numTensors).toBe(afterCompile);
    infer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
  });
});
