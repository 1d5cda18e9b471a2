import * as tf from '@tensorflow/tfjs';
import { channelAffine } from '../channel-affine.js';
import { pairSums } from './reduce-block.js';
import { callWasmKernel, disposeIntermediate, wasmKernel, type WasmKernelArgs } from '../wasm-kernel-call.js';

export const BATCH_NORM_TRAINING_KERNEL = 'MovieBotBatchNormTraining';
const GRAD_KERNEL = 'MovieBotBatchNormTrainingGrad';

interface Attrs {
  varianceEpsilon: number;
}

type Inputs = Record<string, tf.TensorInfo>;

/**
 * Batch normalisation with the batch's own statistics over every axis but the last, as layers' BatchNormalization
 * trains, from x and per-channel scale and offset: outputs [y, mean, variance] (variance biased, as tf.moments).
 * One pass for the statistics, then y on XNNPACK; tfjs runs Mean, Sub, Square, Mean and FusedBatchNorm, and records
 * each on the tape.
 */
function batchNormTraining({ inputs, backend, attrs }: WasmKernelArgs<Attrs>): tf.TensorInfo[] {
  const { x, scale, offset } = inputs as Inputs;
  const channels = x!.shape[x!.shape.length - 1] as number;
  const rows = tf.util.sizeFromShape(x!.shape) / channels;
  const xs = backend.typedArrayFromHeap(x!) as Float32Array;
  // Shifted by x's first row, so that E[d^2] - E[d]^2 stays accurate when a channel's mean dwarfs its spread.
  const shift = Float64Array.from(xs.subarray(0, channels));
  const { sum, sumProducts: sumSquares } = pairSums(xs, shift, xs, shift, channels);
  const [scales, offsets] = [scale!, offset!].map((info) => backend.typedArrayFromHeap(info)) as [Float32Array, Float32Array];
  const mean = backend.makeOutput([channels], 'float32');
  const variance = backend.makeOutput([channels], 'float32');
  const [means, variances] = [backend.typedArrayFromHeap(mean), backend.typedArrayFromHeap(variance)];
  const factor = new Float64Array(channels);
  const bias = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    const centre = (sum[c] as number) / rows;
    const m = (shift[c] as number) + centre;
    const v = Math.max(0, (sumSquares[c] as number) / rows - centre * centre);
    means[c] = m;
    variances[c] = v;
    factor[c] = (scales[c] as number) / Math.sqrt(v + attrs.varianceEpsilon);
    bias[c] = (offsets[c] as number) - m * (factor[c] as number);
  }
  return [channelAffine(backend, x!, factor, bias), mean, variance];
}

/**
 * The closed-form gradient of {@link batchNormTraining}: with k = scale/sqrt(variance+eps) and n rows,
 * dx = k*dy + p*x + q per channel, where p and q fold in sum(dy), sum(dy*(x-mean)) and the gradients reaching the
 * mean and variance outputs. One JavaScript pass for the sums, three XNNPACK passes for dx, against about fifteen
 * full-size ops on tfjs' tape.
 * Outputs [dx, dScale, dOffset].
 */
function batchNormTrainingGrad({ inputs, backend, attrs }: WasmKernelArgs<Attrs>): tf.TensorInfo[] {
  const { dy, x, mean, variance, scale, dMean, dVariance } = inputs as Inputs;
  const channels = mean!.shape[0] as number;
  const xs = backend.typedArrayFromHeap(x!) as Float32Array;
  const dys = backend.typedArrayFromHeap(dy!) as Float32Array;
  const rows = xs.length / channels;
  const [means, variances, scales, meanGrads, varianceGrads] = [mean!, variance!, scale!, dMean!, dVariance!]
    .map((info) => backend.typedArrayFromHeap(info)) as Float32Array[] as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  const { sum: sumDy, sumProducts: sumDyCentred } = pairSums(dys, new Float64Array(channels), xs, means, channels);

  const dScale = backend.makeOutput([channels], 'float32');
  const dOffset = backend.makeOutput([channels], 'float32');
  const [scaleGrads, offsetGrads] = [backend.typedArrayFromHeap(dScale), backend.typedArrayFromHeap(dOffset)];
  const k = new Float64Array(channels);
  const p = new Float64Array(channels);
  const q = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    const inv = 1 / Math.sqrt((variances[c] as number) + attrs.varianceEpsilon);
    k[c] = (scales[c] as number) * inv;
    p[c] = (-(k[c] as number) * inv * inv * (sumDyCentred[c] as number) + 2 * (varianceGrads[c] as number)) / rows;
    q[c] = (-(k[c] as number) * (sumDy[c] as number) + (meanGrads[c] as number)) / rows - (p[c] as number) * (means[c] as number);
    scaleGrads[c] = inv * (sumDyCentred[c] as number);
    offsetGrads[c] = sumDy[c] as number;
  }
  // Three XNNPACK passes: about ten times faster than one JavaScript loop over x and dy.
  const fromX = channelAffine(backend, x!, p, q);
  const fromDy = channelAffine(backend, dy!, k);
  const dx = callWasmKernel('Add', backend, { a: fromX, b: fromDy });
  disposeIntermediate(backend, fromX, fromDy);
  return [dx, dScale, dOffset];
}

export const batchNormTrainingConfig = wasmKernel(BATCH_NORM_TRAINING_KERNEL, batchNormTraining as never);
export const batchNormTrainingGradConfig = wasmKernel(GRAD_KERNEL, batchNormTrainingGrad as never);

export function registerBatchNormTrainingGradient(): void {
  tf.registerGradient({
    kernelName: BATCH_NORM_TRAINING_KERNEL,
    inputsToSave: ['x', 'scale'],
    outputsToSave: [false, true, true],
    gradFunc: (dys, saved, attrs) => {
      const [dy, dMean, dVariance] = dys as tf.Tensor[];
      const [x, scale, mean, variance] = saved as tf.Tensor[];
      const inputs = { dy: dy!, x: x!, mean: mean!, variance: variance!, scale: scale!, dMean: dMean!, dVariance: dVariance! };
      const [dx, dScale, dOffset] = tf.engine().runKernel(GRAD_KERNEL, inputs, attrs) as tf.Tensor[];
      return { x: () => dx!, scale: () => dScale!, offset: () => dOffset! };
    },
  });
}
