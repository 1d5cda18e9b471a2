import type * as tf from '@tensorflow/tfjs';
import { wasmOverride } from '../kernel-override.js';

/**
 * A cast to the tensor's own dtype shares its buffer, as Identity does; wasm copies it. `tf.moments` casts its
 * float32 input to float32, a full-size copy in every batch norm layer of every training step.
 */
export const castOverride = wasmOverride<{ dtype: tf.DataType }>('Cast', ({ inputs, backend, attrs }) => {
  const x = inputs.x as tf.TensorInfo;
  if (x.dtype !== attrs.dtype || x.dtype === 'string') return null;
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
});
