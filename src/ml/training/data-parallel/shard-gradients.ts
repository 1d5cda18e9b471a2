import * as tf from '@tensorflow/tfjs';
import type { ShardResult } from './protocol.js';

/** Weights in the order steps carry them: trainable first, then non-trainable (batch-norm moving statistics). */
export function orderedWeights(model: tf.LayersModel): tf.LayerVariable[] {
  return [...model.trainableWeights, ...model.nonTrainableWeights];
}

/** Copies of every weight's values, ours to transfer. */
export async function readWeights(weights: readonly tf.LayerVariable[]): Promise<Float32Array[]> {
  return Promise.all(weights.map(async (weight) => (await weight.read().data<'float32'>()).slice()));
}

export function writeWeights(weights: readonly tf.LayerVariable[], values: readonly Float32Array[]): void {
  tf.tidy(() => weights.forEach((weight, i) => weight.write(tf.tensor(values[i]!, weight.shape as number[]))));
}

/**
 * A functional model over the same layers (and so the same variables), compiled with `loss` by name. tfjs keeps a
 * compiled Sequential's loss function on a private inner model; this view exposes tfjs's own loss function, so a
 * shard's loss is computed exactly as `trainOnBatch` computes it. Its optimizer is never used.
 */
export function lossView(model: tf.LayersModel, loss: string): tf.LayersModel {
  const view = tf.model({ inputs: model.inputs, outputs: model.outputs });
  view.compile({ optimizer: 'sgd', loss });
  return view;
}

/**
 * The mean loss over one shard as `LayersModel.trainOnBatch` computes it over a batch: the model in training mode,
 * its compiled loss averaged over examples, plus the regularisation penalties. The penalties do not depend on the
 * shard, so averaging shard gradients with weights summing to 1 counts them once.
 */
function meanShardLoss(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  const output = model.apply(x, { training: true }) as tf.Tensor;
  let total = tf.mean(model.lossFunctions[0]!(y, output));
  for (const penalty of model.calculateLosses()) total = tf.add(total, penalty);
  return total as tf.Scalar;
}

/**
 * Gradients of the shard's mean loss with respect to the trainable weights. The forward pass runs in training mode,
 * so batch-norm layers normalise with this shard's statistics and move their moving mean and variance towards
 * them: `state` returns the moving statistics as the shard left them.
 */
/** `model` is a {@link lossView}. */
export async function shardGradients(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): Promise<ShardResult> {
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => meanShardLoss(model, x, y), variables);
  try {
    const gradients = await Promise.all(variables.map(async (variable) => (await grads[variable.name]!.data<'float32'>()).slice()));
    const state = await readWeights(model.nonTrainableWeights);
    return { loss: (await value.data())[0]!, gradients, state };
  } finally {
    tf.dispose([value, ...Object.values(grads)]);
  }
}
