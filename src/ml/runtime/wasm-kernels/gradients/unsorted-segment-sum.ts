import * as tf from '@tensorflow/tfjs';
import { wasmKernel, type WasmKernelArgs } from '../wasm-kernel-call.js';

/**
 * out[s, ...] = sum of x[i, ...] over the i with segmentIds[i] == s; the gradient of gather (embedding lookup).
 * Ids outside [0, numSegments) are dropped, as in TensorFlow.
 */
function unsortedSegmentSum({ inputs, backend, attrs }: WasmKernelArgs<{ numSegments: number }>): tf.TensorInfo {
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = attrs;
  const idCount = tf.util.sizeFromShape(segmentIds.shape);
  if (segmentIds.shape.some((dim, axis) => dim !== x.shape[axis])) {
    throw new Error(`UnsortedSegmentSum: segmentIds shape [${segmentIds.shape}] must prefix x shape [${x.shape}]`);
  }
  const rowSize = idCount === 0 ? 0 : tf.util.sizeFromShape(x.shape) / idCount;
  const out = backend.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
  // Views are taken after makeOutput, which may grow (and so detach) the wasm heap.
  const values = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  const sums = backend.typedArrayFromHeap(out);
  sums.fill(0);
  for (let i = 0; i < idCount; i++) {
    const segment = ids[i] as number;
    if (segment < 0 || segment >= numSegments) continue;
    const from = i * rowSize;
    const to = segment * rowSize;
    for (let j = 0; j < rowSize; j++) sums[to + j] = (sums[to + j] as number) + (values[from + j] as number);
  }
  return out;
}

export const unsortedSegmentSumConfig = wasmKernel('UnsortedSegmentSum', unsortedSegmentSum);
