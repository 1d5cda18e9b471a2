import * as tf from '@tensorflow/tfjs';
import { wasmOverride } from './kernel-override.js';

/**
 * out = (x - mean[c]) * scale[c] / sqrt(variance[c] + eps) + offset[c], with the per-channel factor computed once;
 * wasm's kernel recomputes it per element. Handles parameters that are scalars or per-last-axis vectors.
 */
export const fusedBatchNormOverride = wasmOverride<{ varianceEpsilon: number }>(
  'FusedBatchNorm',
  ({ inputs, backend, attrs }) => {
    const { x, mean, variance, offset, scale } = inputs as Record<string, tf.TensorInfo | undefined>;
    if (x === undefined || mean === undefined || variance === undefined || x.dtype !== 'float32') return null;
    const channels = x.shape[x.shape.length - 1] ?? 1;
    const params = [mean, variance, offset, scale];
    const perChannel = (p: tf.TensorInfo | undefined): boolean => p === undefined
      || tf.util.sizeFromShape(p.shape) === 1
      || (tf.util.sizeFromShape(p.shape) === channels && p.shape[p.shape.length - 1] === channels);
    if (!params.every(perChannel) || params.some((p) => p !== undefined && p.dtype !== 'float32')) return null;

    const out = backend.makeOutput(x.shape, 'float32');
    const read = (p: tf.TensorInfo | undefined, fallback: number) => {
      const values = p === undefined ? undefined : backend.typedArrayFromHeap(p);
      return (c: number): number => (values === undefined ? fallback : values[values.length === 1 ? 0 : c] as number);
    };
    const [meanOf, varianceOf, offsetOf, scaleOf] = [read(mean, 0), read(variance, 1), read(offset, 0), read(scale, 1)];
    const shift = new Float64Array(channels);
    const factor = new Float64Array(channels);
    const bias = new Float64Array(channels);
    for (let c = 0; c < channels; c++) {
      shift[c] = meanOf(c);
      factor[c] = scaleOf(c) / Math.sqrt(varianceOf(c) + attrs.varianceEpsilon);
      bias[c] = offsetOf(c);
    }
    const input = backend.typedArrayFromHeap(x);
    const output = backend.typedArrayFromHeap(out);
    for (let at = 0; at < input.length; at += channels) {
      for (let c = 0; c < channels; c++) {
        output[at + c] = ((input[at + c] as number) - (shift[c] as number)) * (factor[c] as number) + (bias[c] as number);
      }
    }
    return out;
  },
);
