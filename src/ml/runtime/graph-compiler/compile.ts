/**
 * A small graph compiler for the Layers models the bot serves: plan the layers, fold batch norm into the
 * neighbouring weights, fuse activations and padding, then emit plain tf ops. Hand-written because nothing in
 * the tfjs family does this for the wasm backend, and it is where poster serving gets its speed (see the bench).
 */
import * as tf from '@tensorflow/tfjs';
import { buildPlan } from './build-plan.js';
import { emitPlan } from './emit.js';
import { UnsupportedLayerError } from './lower-layer.js';
import { optimizePlan } from './optimize.js';
import type { Plan, PlanOp } from './plan.js';

/**
 * A compiled model: call it like `model.predict` on one input batch. The caller disposes the returned tensor.
 */
export interface InferenceFn {
  (input: tf.Tensor): tf.Tensor;
  /** False when the model holds something the compiler does not translate and calls run `model.predict`. */
  readonly compiled: boolean;
  /** Why the model was not compiled, when it was not. */
  readonly fallbackReason?: string;
  /** One line per fused op, e.g. `conv2d_1: conv 3x3 relu (+bn)`, for logs. */
  readonly summary: readonly string[];
  /** Frees the folded weights; the model itself is untouched. */
  dispose(): void;
}

function describe(op: PlanOp): string {
  switch (op.kind) {
    case 'conv': return `${op.name}: ${op.depthwise ? 'depthwise ' : ''}conv ${op.kernel.shape[0]}x${op.kernel.shape[1]} ${op.activation}`;
    case 'dense': return `${op.name}: dense ${op.kernel.shape[1]} ${op.activation}`;
    case 'pool': case 'global-pool': return `${op.name}: ${op.kind} ${op.mode}`;
    case 'activation': return `${op.name}: ${op.activation}`;
    default: return `${op.name}: ${op.kind}`;
  }
}

function checkInput(model: tf.LayersModel, input: tf.Tensor): void {
  const expected = model.inputs[0]?.shape ?? [];
  const fits = input.rank === expected.length && expected.every((dim, i) => i === 0 || dim === null || dim === input.shape[i]);
  if (!fits) {
    throw new Error(`Input of shape [${input.shape.join(', ')}] does not fit the model's [${expected.map((d) => d ?? 'any').join(', ')}]`);
  }
}

function fallback(model: tf.LayersModel, reason: string): InferenceFn {
  const predict = (input: tf.Tensor): tf.Tensor => {
    const output = model.predict(input);
    if (Array.isArray(output)) throw new Error('compileForInference: the model has several outputs');
    return output;
  };
  return Object.assign(predict, { compiled: false, fallbackReason: reason, summary: [], dispose: () => {} });
}

/**
 * Compiles a Layers model for inference: batch normalisation folded into the neighbouring convolution or dense
 * weights, ReLU / ReLU6 fused into XNNPACK's conv and matmul kernels on wasm, zero padding moved into the
 * convolution, dropout removed. Weights are copied now: recompile after training or loading new weights.
 * Models with a layer it does not translate exactly get `model.predict` instead, with `fallbackReason` set.
 *
 * @example
 * const infer = compileForInference(model);
 * if (!infer.compiled) log(`poster model runs uncompiled: ${infer.fallbackReason}`);
 * const scores = tf.tidy(() => infer(batch)); // same values as model.predict(batch), within float rounding
 * // ...on shutdown:
 * infer.dispose();
 */
export function compileForInference(model: tf.LayersModel): InferenceFn {
  let plan: Plan;
  try {
    if (model.outputs.length !== 1) throw new UnsupportedLayerError(model.name, 'only models with one output are compiled for tfjs');
    plan = optimizePlan(buildPlan(model));
  } catch (error) {
    if (error instanceof UnsupportedLayerError) return fallback(model, error.message);
    throw error;
  }
  const executable = emitPlan(plan);
  const infer = (input: tf.Tensor): tf.Tensor => {
    checkInput(model, input);
    return tf.tidy(() => executable.run(input.dtype === 'float32' ? input : tf.cast(input, 'float32')));
  };
  const dispose = (): void => tf.dispose(executable.weights);
  return Object.assign(infer, { compiled: true, summary: plan.ops.filter((op) => op.kind !== 'input').map(describe), dispose });
}
