import * as tf from '@tensorflow/tfjs';
import { channelAffine } from '../channel-affine.js';
import { pairSums } from '../speed-ups/reduce-block.js';
import { wasmKernel, type WasmKernelArgs } from '../wasm-kernel-call.js';

const GRAD_KERNEL = 'MovieBotFusedBatchNormGrad';

/**
 * All five FusedBatchNorm gradients from one JavaScript pass over x and dy (two per-channel sums) plus dx on
 * XNNPACK: dx = dy*k, dMean = -k*sum(dy), dVariance = -k*inv^2/2 * sum(dy*(x-mean)), dScale = inv*sum(dy*(x-mean)),
 * dOffset = sum(dy), with inv = 1/sqrt(variance+eps) and k = inv*scale per channel. tfjs's own gradient builds
 * these from about ten full-size broadcast ops, four reductions and a Tile.
 */
function batchNormGrad({ inputs, backend, attrs }: WasmKernelArgs<{ varianceEpsilon: number }>): tf.TensorInfo[] {
  const { dy, x, mean, variance, scale } = inputs as Record<string, tf.TensorInfo>;
  const channels = mean!.shape[0] as number;
  const means = backend.typedArrayFromHeap(mean!);
  const variances = backend.typedArrayFromHeap(variance!);
  const scales = scale === undefined ? undefined : backend.typedArrayFromHeap(scale);
  const inv = new Float64Array(channels);
  const k = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    inv[c] = 1 / Math.sqrt((variances[c] as number) + attrs.varianceEpsilon);
    k[c] = (inv[c] as number) * (scales === undefined ? 1 : scales[c] as number);
  }
  const xs = backend.typedArrayFromHeap(x!) as Float32Array;
  const dys = backend.typedArrayFromHeap(dy!) as Float32Array;
  const { sum: sumDy, sumProducts: sumDyCentred } = pairSums(dys, new Float64Array(channels), xs, means, channels);
  const dx = channelAffine(backend, dy!, k);
  const small = [0, 1, 2, 3].map(() => backend.makeOutput([...mean!.shape], 'float32'));
  const [dMean, dVariance, dScale, dOffset] = small.map((info) => backend.typedArrayFromHeap(info));
  for (let c = 0; c < channels; c++) {
    const i = inv[c] as number;
    const centred = sumDyCentred[c] as number;
    dMean![c] = -(k[c] as number) * (sumDy[c] as number);
    dVariance![c] = -0.5 * (k[c] as number) * i * i * centred;
    dScale![c] = i * centred;
    dOffset![c] = sumDy[c] as number;
  }
  return [dx, ...small];
}

export const batchNormGradConfig = wasmKernel(GRAD_KERNEL, batchNormGrad as never);

function isChannelVector(t: tf.Tensor | undefined, channels: number): boolean {
  return t === undefined || (t.rank === 1 && t.size === channels && t.dtype === 'float32');
}

/**
 * Replaces tfjs's FusedBatchNorm gradient with one that uses the fused kernel above on wasm for per-channel
 * statistics (how Layers' BatchNormalization trains) and defers to the original everywhere else.
 */
export function registerBatchNormGradient(): void {
  const original = tf.getGradient('FusedBatchNorm');
  if (original === undefined) throw new Error('tfjs has no FusedBatchNorm gradient to replace');
  tf.registerGradient({
    kernelName: 'FusedBatchNorm',
    inputsToSave: original.inputsToSave,
    gradFunc: (dy, saved, attrs) => {
      const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | undefined];
      const channels = x.shape[x.rank - 1] as number;
      const fused = tf.getBackend() === 'wasm' && !Array.isArray(dy) && dy.dtype === 'float32' && x.dtype === 'float32'
        && [mean, variance, scale].every((t) => isChannelVector(t ?? undefined, channels));
      if (!fused) return original.gradFunc(dy, saved, attrs);
      const inputs: tf.NamedTensorMap = { dy: dy as tf.Tensor, x, mean, variance, ...(scale ? { scale } : {}) };
      const [dx, dMean, dVariance, dScale, dOffset] = tf.engine().runKernel(GRAD_KERNEL, inputs, attrs) as tf.Tensor[];
      return {
        x: () => dx as tf.Tensor,
        mean: () => dMean as tf.Tensor,
        variance: () => dVariance as tf.Tensor,
        scale: () => dScale as tf.Tensor,
        offset: () => dOffset as tf.Tensor,
      };
    },
  });
}
