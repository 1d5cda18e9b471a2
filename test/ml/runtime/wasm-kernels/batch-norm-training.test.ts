import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { BATCH_NORM_TRAINING_KERNEL } from '../../../../src/ml/runtime/wasm-kernels/speed-ups/batch-norm-training.js';
import { randomTensor, RELATIVE_TOLERANCE, type HostTensor } from './compare-with-cpu.js';

function expectClose(actual: Float32Array, expected: Float32Array, what: string): void {
  let scale = 1;
  let worst = 0;
  expected.forEach((v, i) => {
    scale = Math.max(scale, Math.abs(v));
    worst = Math.max(worst, Math.abs((actual[i] as number) - v));
  });
  expect(worst, what).toBeLessThanOrEqual(RELATIVE_TOLERANCE * scale);
}

type BatchNormOptions = Parameters<typeof tf.layers.batchNormalization>[0];

interface LayerRun {
  output: Float32Array;
  gradients: Float32Array[];
  movingStatistics: Float32Array[];
}

/** One training-mode call of a fresh BatchNormalization layer: its output, d(sum(y * w)) for x and its weights. */
async function trainOnce(
  backend: 'cpu' | 'wasm', options: BatchNormOptions, x: HostTensor, w: HostTensor, offset: number,
): Promise<LayerRun> {
  await tf.setBackend(backend);
  const layer = tf.layers.batchNormalization({ ...options, betaInitializer: 'randomNormal', gammaInitializer: 'randomNormal' });
  const xs = tf.tensor(x.values, x.shape).add(offset);
  const weights = tf.tensor(w.values, w.shape);
  layer.build(xs.shape);
  const seeded = layer.getWeights().map((v, i) => tf.randomNormal(v.shape, 1, 0.3, 'float32', 10 + i));
  layer.setWeights(seeded);
  let output: Float32Array = new Float32Array();
  const loss = (input: tf.Tensor): tf.Scalar => {
    const y = layer.apply(input, { training: true }) as tf.Tensor;
    output = y.dataSync() as Float32Array;
    return y.mul(weights).sum();
  };
  const trainable = layer.trainableWeights.map((v) => (v as unknown as { val: tf.Variable }).val);
  const weightGrads = trainable.length === 0 ? [] : Object.values(tf.variableGrads(() => loss(xs), trainable).grads);
  const dx = tf.grad(loss)(xs);
  const gradients = [dx, ...weightGrads].map((g) => g.dataSync() as Float32Array);
  const movingStatistics = layer.nonTrainableWeights.map((v) => v.read().dataSync() as Float32Array);
  tf.dispose([xs, weights, dx, ...weightGrads, ...seeded, ...layer.weights.map((v) => v.read())]);
  return { output, gradients, movingStatistics };
}

describe('layers BatchNormalization training on wasm (the fused kernel and its closed-form gradient)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each([
    { shape: [4, 6, 5, 8], options: {} as BatchNormOptions, offset: 0 },
    { shape: [3, 7, 7, 16], options: { momentum: 0.9 }, offset: 0 },
    // A mean far from zero: the statistics must not lose the variance to cancellation.
    { shape: [2, 5, 5, 4], options: {}, offset: 300 },
    { shape: [9, 6], options: { epsilon: 0.01 }, offset: 0 },
  ])('matches cpu for $shape with $options, inputs offset by $offset', async ({ shape, options, offset }) => {
    const x = randomTensor(shape, 71);
    const w = randomTensor(shape, 72);
    const cpu = await trainOnce('cpu', options, x, w, offset);
    const wasm = await trainOnce('wasm', options, x, w, offset);
    expectClose(wasm.output, cpu.output, 'output');
    expect(wasm.gradients).toHaveLength(cpu.gradients.length);
    cpu.gradients.forEach((g, i) => expectClose(wasm.gradients[i] as Float32Array, g, `gradient ${i}`));
    cpu.movingStatistics.forEach((s, i) => expectClose(wasm.movingStatistics[i] as Float32Array, s, `moving statistic ${i}`));
  });

  it('runs as the fused kernel on wasm, and as the layer\'s own ops in inference', async () => {
    await tf.setBackend('wasm');
    const layer = tf.layers.batchNormalization();
    const x = tf.randomNormal([2, 4, 4, 3]);
    const kernels = async (training: boolean) => (await tf.profile(() => layer.apply(x, { training }) as tf.Tensor)).kernelNames;
    expect(await kernels(true)).toContain(BATCH_NORM_TRAINING_KERNEL);
    expect(await kernels(false)).not.toContain(BATCH_NORM_TRAINING_KERNEL);
    tf.dispose(x);
    layer.dispose();
  });

  it('passes gradients that reach the mean and variance outputs back to x, as tf.moments does', async () => {
    const shape = [3, 5, 4, 6];
    const [x, w, u, v] = [randomTensor(shape, 81), randomTensor(shape, 82), randomTensor([6], 83), randomTensor([6], 84)];
    const gradient = async (backend: 'cpu' | 'wasm'): Promise<Float32Array> => {
      await tf.setBackend(backend);
      const [weights, meanWeights, varianceWeights] = [w, u, v].map((t) => tf.tensor(t.values, t.shape)) as tf.Tensor[];
      const [scale, offset] = [tf.ones([6]), tf.zeros([6])];
      const loss = (input: tf.Tensor): tf.Scalar => {
        const [y, mean, variance] = backend === 'wasm'
          ? tf.engine().runKernel(BATCH_NORM_TRAINING_KERNEL, { x: input, scale: scale!, offset: offset! }, { varianceEpsilon: 1e-3 }) as tf.Tensor[]
          : (() => {
            const moments = tf.moments(input, [0, 1, 2]);
            return [tf.batchNorm(input, moments.mean, moments.variance, offset, scale, 1e-3), moments.mean, moments.variance];
          })();
        return tf.addN([y!.mul(weights!).sum(), mean!.mul(meanWeights!).sum(), variance!.mul(varianceWeights!).sum()]) as tf.Scalar;
      };
      const xs = tf.tensor(x.values, x.shape);
      const dx = tf.grad(loss)(xs);
      return dx.dataSync() as Float32Array;
    };
    expectClose(await gradient('wasm'), await gradient('cpu'), 'dx');
  });
});
