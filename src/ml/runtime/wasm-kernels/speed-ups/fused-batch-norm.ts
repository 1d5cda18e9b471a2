import * as tf from '@tensorflow/tfjs';
import { channelAffine } from '../channel-affine.js';
import { wasmOverride } from '../kernel-override.js';

/**
 * out = x * k[c] + (offset[c] - mean[c] * k[c]) with k = scale / sqrt(variance + eps), on XNNPACK through
 * {@link channelAffine}; wasm's kernel recomputes k per element. Handles scalar or per-last-axis parameters.
 */
export const fusedBatchNormOverride = wasmOverride<{ varianceEpsilon: number }>(
  'FusedBatchNorm',
  ({ inputs, backend, attrs }) => {
    const { x, mean, variance, offset, scale } = inputs as Record<string, tf.TensorInfo | undefined>;
    if (x === undefined || mean === undefined || variance === undefined || x.dtype !== 'float32') return null;
    const channels = x.shape[x.shape.length - 1] ?? 1;
    if (x.shape.length === 0 || tf.util.sizeFromShape(x.shape) === 0) return null;
    const params = [mean, variance, offset, scale];
    const perChannel = (p: tf.TensorInfo | undefined): boolean => p === undefined
      || tf.util.sizeFromShape(p.shape) === 1
      || (tf.util.sizeFromShape(p.shape) === channels && p.shape[p.shape.length - 1] === channels);
    if (!params.every(perChannel) || params.some((p) => p !== undefined && p.dtype !== 'float32')) return null;

    const read = (p: tf.TensorInfo | undefined, fallback: number) => {
      const values = p === undefined ? undefined : backend.typedArrayFromHeap(p);
      return (c: number): number => (values === undefined ? fallback : values[values.length === 1 ? 0 : c] as number);
    };
    const [meanOf, varianceOf, offsetOf, scaleOf] = [read(mean, 0), read(variance, 1), read(offset, 0), read(scale, 1)];
    const factor = new Float64Array(channels);
    const shift = new Float64Array(channels);
    for (let c = 0; c < channels; c++) {
      factor[c] = scaleOf(c) / Math.sqrt(varianceOf(c) + attrs.varianceEpsilon);
      shift[c] = offsetOf(c) - meanOf(c) * (factor[c] as number);
    }
    return channelAffine(backend, x, factor, shift);
  },
);
