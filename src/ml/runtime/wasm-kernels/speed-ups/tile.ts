import * as tf from '@tensorflow/tfjs';
import { wasmOverride } from '../kernel-override.js';

/** Repeats out[from, from+length) `times` times in place, doubling the copied span each round. */
export function repeatInPlace(out: tf.backend_util.TypedArray, from: number, length: number, times: number): void {
  let copies = 1;
  while (copies < times) {
    const now = Math.min(copies, times - copies);
    out.copyWithin(from + copies * length, from, from + now * length);
    copies += now;
  }
}

/**
 * Tile with block copies: each input row is written once, then whole blocks are duplicated with copyWithin.
 * wasm's Tile computes every output index separately, which dominated the batch-norm gradient.
 */
export const tileOverride = wasmOverride<{ reps: number[] }>('Tile', ({ inputs, backend, attrs }) => {
  const x = inputs.x as tf.TensorInfo;
  if (x.dtype === 'string' || x.shape.length === 0) return null;
  const { reps } = attrs;
  const shape = x.shape;
  const rank = shape.length;
  const outShape = shape.map((dim, axis) => dim * (reps[axis] as number));
  const out = backend.makeOutput(outShape, x.dtype);
  if (tf.util.sizeFromShape(outShape) === 0) return out;
  const input = backend.typedArrayFromHeap(x);
  const output = backend.typedArrayFromHeap(out);
  const inStrides = shape.map((_, axis) => tf.util.sizeFromShape(shape.slice(axis + 1)));
  const outStrides = outShape.map((_, axis) => tf.util.sizeFromShape(outShape.slice(axis + 1)));

  const writeBlock = (axis: number, inAt: number, outAt: number): void => {
    const dim = shape[axis] as number;
    if (axis === rank - 1) {
      output.set(input.subarray(inAt, inAt + dim), outAt);
    } else {
      for (let i = 0; i < dim; i++) {
        writeBlock(axis + 1, inAt + i * (inStrides[axis] as number), outAt + i * (outStrides[axis] as number));
      }
    }
    const blockLength = axis === rank - 1 ? dim : dim * (outStrides[axis] as number);
    repeatInPlace(output, outAt, blockLength, reps[axis] as number);
  };
  writeBlock(0, 0, 0);
  return out;
});
