import type * as tf from '@tensorflow/tfjs';
import { wasmOverride } from '../kernel-override.js';

/** Tensors are immutable, so Identity can share the buffer (as cpu does) instead of copying it as wasm does. */
export const identityOverride = wasmOverride<Record<string, never>>('Identity', ({ inputs, backend }) => {
  const x = inputs.x as tf.TensorInfo;
  if (x.dtype === 'string') return null;
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
});
