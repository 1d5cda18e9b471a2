import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wasmOverride } from '../kernel-override.js';

/** x's buffer under a second tensor, or null for strings (which wasm keeps outside its heap). */
export function sharedBuffer(backend: BackendWasm, x: tf.TensorInfo): tf.TensorInfo | null {
  if (x.dtype === 'string') return null;
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

/** Tensors are immutable, so Identity can share the buffer (as cpu does) instead of copying it as wasm does. */
export const identityOverride = wasmOverride<Record<string, never>>('Identity', ({ inputs, backend }) =>
  sharedBuffer(backend, inputs.x as tf.TensorInfo));
