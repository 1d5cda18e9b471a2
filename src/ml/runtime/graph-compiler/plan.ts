/**
 * The compiler's intermediate form: one op per value, weights as plain typed arrays so folding needs no tensors.
 * Shapes leave out the batch axis.
 */

export type FusedActivation = 'linear' | 'relu' | 'relu6';

/** Activations applied as their own op after a fused one; the names are tfjs-layers' own. */
export type TrailingActivation = 'sigmoid' | 'softmax' | 'tanh';

export interface Weights {
  values: Float32Array;
  shape: number[];
}

export type ConvPadding = 'valid' | 'same' | [[number, number], [number, number]];

export interface ConvOp {
  kind: 'conv';
  depthwise: boolean;
  /** [kh, kw, in, out] for a full convolution, [kh, kw, in, multiplier] for a depthwise one. */
  kernel: Weights;
  bias: Float32Array | null;
  strides: [number, number];
  dilations: [number, number];
  padding: ConvPadding;
  activation: FusedActivation;
}

export interface DenseOp {
  kind: 'dense';
  /** [in, units]. */
  kernel: Weights;
  bias: Float32Array | null;
  activation: FusedActivation;
}

/** Inference-mode batch normalisation over the last axis, as y = x * scale + shift per channel. */
export interface AffineOp {
  kind: 'affine';
  scale: Float64Array;
  shift: Float64Array;
}

export interface ActivationOp {
  kind: 'activation';
  activation: FusedActivation | TrailingActivation;
}

export interface ClipOp {
  kind: 'clip';
  min: number;
  max: number;
}

export interface PoolOp {
  kind: 'pool';
  mode: 'max' | 'avg';
  size: [number, number];
  strides: [number, number];
  padding: 'valid' | 'same';
}

export interface GlobalPoolOp {
  kind: 'global-pool';
  mode: 'max' | 'avg';
}

export interface PadOp {
  kind: 'pad';
  /** [[top, bottom], [left, right]]. */
  padding: [[number, number], [number, number]];
}

export interface ReshapeOp {
  kind: 'reshape';
  /** Target shape without the batch axis; may hold one -1. */
  shape: number[];
}

export interface AddOp {
  kind: 'add';
}

export interface ConcatOp {
  kind: 'concat';
  /** Axis counted with the batch axis, as tfjs-layers' Concatenate stores it. */
  axis: number;
}

export interface IdentityOp {
  kind: 'identity';
}

export interface InputOp {
  kind: 'input';
}

export type OpBody =
  | ConvOp | DenseOp | AffineOp | ActivationOp | ClipOp | PoolOp | GlobalPoolOp | PadOp | ReshapeOp | AddOp
  | ConcatOp | IdentityOp | InputOp;

export type PlanOp = OpBody & {
  /** Indices of the ops whose outputs this op reads. */
  inputs: number[];
  /** Output shape without the batch axis, from the layer's symbolic output. */
  shape: (number | null)[];
  /** Layer name, for error messages and the plan summary. */
  name: string;
};

export interface Plan {
  /** Topologically ordered; a removed op becomes an identity of its input until the plan is compacted. */
  ops: PlanOp[];
  /** The model's outputs in order (compileForInference emits models with one). */
  outputs: number[];
}

/** The only op reading `index`, or undefined when it has none or several, or is a plan output. */
export function soleConsumer(plan: Plan, index: number): number | undefined {
  if (plan.outputs.includes(index)) return undefined;
  let found: number | undefined;
  for (let i = 0; i < plan.ops.length; i++) {
    const reads = (plan.ops[i] as PlanOp).inputs.filter((input) => input === index).length;
    if (reads === 0) continue;
    if (reads > 1 || found !== undefined) return undefined;
    found = i;
  }
  return found;
}

/** Turns op `index` into a pass-through of its first input, keeping indices stable during the passes. */
export function bypass(plan: Plan, index: number): void {
  const op = plan.ops[index] as PlanOp;
  plan.ops[index] = { kind: 'identity', inputs: [op.inputs[0] as number], shape: op.shape, name: op.name };
}
