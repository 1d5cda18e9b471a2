import type * as tf from '@tensorflow/tfjs';
import { wasmOverride } from '../kernel-override.js';
import { sharedBuffer } from './identity.js';

/**
 * A cast to the tensor's own dtype shares its buffer, as Identity does; wasm copies it. `tf.moments` casts its
 * float32 input to float32, a full-size copy in every batch norm layer of every training step.
 */
export const castOverride = wasmOverride<{ dtype: tf.DataType }>('Cast', ({ inputs, backend, attrs }) => {
  const x = inputs.x as tf.TensorInfo;
  return x.dtype === attrs.dtype ? sharedBuffer(backend, x) : null;
});
