import * as tf from '@tensorflow/tfjs';
import { contiguousReduction } from '../speed-ups/reduce-block.js';
import { repeatInPlace } from '../speed-ups/tile.js';
import { wasmKernel, type WasmKernelArgs } from '../wasm-kernel-call.js';

const MEAN_GRAD_KERNEL = 'MovieBotMeanGrad';
const SQUARE_GRAD_KERNEL = 'MovieBotSquareGrad';

interface MeanGradAttrs {
  /** Shape of the Mean's input, which the gradient fills. */
  xShape: number[];
  /** The Mean's reduced axes, a contiguous run. */
  axis: number | number[];
}

/**
 * dx[o, r, i] = dy[o, i] / reduced, viewing x as [outer, reduced, inner]: each block's first row is written, then
 * repeated by doubling block copies (memcpy speed). tfjs's gradient builds ones(x.shape) in JavaScript, multiplies
 * and divides: three full-size passes and a full-size upload per Mean, and layers' batch norm trains through two.
 */
function meanGrad({ inputs, backend, attrs }: WasmKernelArgs<MeanGradAttrs>): tf.TensorInfo {
  const dy = inputs.dy as tf.TensorInfo;
  const { xShape, axis } = attrs;
  const { outer, reduced, inner } = contiguousReduction(xShape, axis)!;
  const out = backend.makeOutput(xShape, 'float32');
  const grad = backend.typedArrayFromHeap(dy) as Float32Array;
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const block = reduced * inner;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) dx[o * block + i] = (grad[o * inner + i] as number) / reduced;
    repeatInPlace(dx, o * block, inner, reduced);
  }
  return out;
}

/** dx = 2 * x * dy in one pass; tfjs's gradient casts x (a copy), doubles it and multiplies: three passes. */
function squareGrad({ inputs, backend }: WasmKernelArgs<Record<string, never>>): tf.TensorInfo {
  const { dy, x } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
  const out = backend.makeOutput(x.shape, 'float32');
  const grad = backend.typedArrayFromHeap(dy) as Float32Array;
  const xs = backend.typedArrayFromHeap(x) as Float32Array;
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  for (let i = 0; i < dx.length; i++) dx[i] = 2 * (xs[i] as number) * (grad[i] as number);
  return out;
}

export const meanGradConfig = wasmKernel(MEAN_GRAD_KERNEL, meanGrad);
export const squareGradConfig = wasmKernel(SQUARE_GRAD_KERNEL, squareGrad);

const onWasm = (...tensors: tf.Tensor[]): boolean => tf.getBackend() === 'wasm' && tensors.every((t) => t.dtype === 'float32');

/**
 * Replaces the Mean and Square gradients, the backward pass of `tf.moments` (how layers' BatchNormalization
 * computes its batch statistics), with the one-pass kernels above on wasm; the originals run everywhere else.
 */
export function registerMomentsGradients(): void {
  const mean = tf.getGradient('Mean');
  const square = tf.getGradient('Square');
  if (mean === undefined || square === undefined) throw new Error('tfjs has no Mean or Square gradient to replace');
  tf.registerGradient({
    ...mean,
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const { axis } = attrs as unknown as { axis: number | number[] };
      if (Array.isArray(dy) || contiguousReduction(x.shape, axis) === undefined || !onWasm(dy, x)) return mean.gradFunc(dy, saved, attrs);
      return { x: () => tf.engine().runKernel(MEAN_GRAD_KERNEL, { dy }, { xShape: x.shape, axis }) as tf.Tensor };
    },
  });
  tf.registerGradient({
    ...square,
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      if (Array.isArray(dy) || !onWasm(dy, x) || !tf.util.arraysEqual(dy.shape, x.shape)) return square.gradFunc(dy, saved, attrs);
      return { x: () => tf.engine().runKernel(SQUARE_GRAD_KERNEL, { dy, x }) as tf.Tensor };
    },
  });
}
