import * as tf from '@tensorflow/tfjs';
import { BATCH_NORM_TRAINING_KERNEL } from './batch-norm-training.js';

interface WeightVariable {
  read(): tf.Tensor;
  write(value: tf.Tensor): void;
}

/** The fields of layers' BatchNormalization that its training path reads. */
interface BatchNormLayer {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma: WeightVariable | null;
  beta: WeightVariable | null;
  movingMean: WeightVariable;
  movingVariance: WeightVariable;
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[];
}

function trainsOnLastAxis(layer: BatchNormLayer, input: tf.Tensor): boolean {
  const axis = layer.axis >= 0 ? layer.axis : layer.axis + input.rank;
  return tf.getBackend() === 'wasm' && input.dtype === 'float32' && input.rank >= 2 && axis === input.rank - 1;
}

/** The moving-average update of layers' BatchNormalization: v -= (v - value) * (1 - momentum). */
function updateMovingAverage(variable: WeightVariable, value: tf.Tensor, momentum: number): void {
  tf.tidy(() => {
    const current = variable.read();
    variable.write(tf.sub(current, tf.mul(tf.sub(current, value), 1 - momentum)));
  });
}

/**
 * Routes layers' BatchNormalization in training, on wasm with channels last (every model the team trains), through
 * the fused kernel of `batch-norm-training.ts`, whose gradient is closed-form. Layers builds it from tf.moments and
 * batchNorm, about twenty full-size ops forward and back; this was a quarter of the reference CNN's training step.
 * Inference and every other case keep the layer's own code, so the results are the same (tested against cpu).
 */
export function registerBatchNormLayerTraining(): void {
  const registered = tf.serialization.SerializationMap.getMap().classNameMap['BatchNormalization'];
  if (registered === undefined) throw new Error('tfjs-layers registered no BatchNormalization class');
  const prototype = (registered[0] as unknown as { prototype: BatchNormLayer }).prototype;
  const layerCall = prototype.call;
  prototype.call = function fusedWhenTraining(this: BatchNormLayer, inputs, kwargs) {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs['training'] || input === undefined || !trainsOnLastAxis(this, input)) return layerCall.call(this, inputs, kwargs);
    return tf.tidy(() => {
      const channels = input.shape[input.rank - 1] as number;
      const scale = this.gamma?.read() ?? tf.ones([channels]);
      const offset = this.beta?.read() ?? tf.zeros([channels]);
      const [y, mean, variance] = tf.engine().runKernel(
        BATCH_NORM_TRAINING_KERNEL, { x: input, scale, offset }, { varianceEpsilon: this.epsilon },
      ) as tf.Tensor[];
      updateMovingAverage(this.movingMean, mean!, this.momentum);
      updateMovingAverage(this.movingVariance, variance!, this.momentum);
      return y!;
    });
  };
}
