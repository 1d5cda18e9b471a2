import * as tf from '@tensorflow/tfjs';
import type { Plan, PlanOp } from './plan.js';

type Step = (inputs: tf.Tensor[]) => tf.Tensor;

export interface Executable {
  run(input: tf.Tensor): tf.Tensor;
  /** Weight tensors the steps hold; the caller disposes them. */
  weights: tf.Tensor[];
}

const as4d = (t: tf.Tensor): tf.Tensor4D => t as tf.Tensor4D;

function stepFor(op: PlanOp, keep: <T extends tf.Tensor>(t: T) => T): Step {
  switch (op.kind) {
    case 'conv': {
      const filter = keep(tf.tensor4d(op.kernel.values, op.kernel.shape as [number, number, number, number], 'float32'));
      const bias = op.bias === null ? undefined : keep(tf.tensor1d(op.bias, 'float32'));
      const { strides, dilations, activation } = op;
      const explicit = Array.isArray(op.padding) ? [[0, 0], ...op.padding, [0, 0]] as tf.backend_util.ExplicitPadding : undefined;
      // tfjs types depthwise padding as a string or number; its kernels read explicit padding like conv2d's.
      const pad = (explicit ?? op.padding) as 'valid';
      const conv = op.depthwise ? tf.fused.depthwiseConv2d : tf.fused.conv2d;
      return ([x]) => conv({ x: as4d(x as tf.Tensor), filter, bias, strides, dilations, pad, activation });
    }
    case 'dense': {
      const b = keep(tf.tensor2d(op.kernel.values, op.kernel.shape as [number, number], 'float32'));
      const bias = op.bias === null ? undefined : keep(tf.tensor1d(op.bias, 'float32'));
      const { activation } = op;
      const [inUnits, units] = op.kernel.shape as [number, number];
      return ([x]) => {
        const input = x as tf.Tensor;
        if (input.rank === 2) return tf.fused.matMul({ a: input as tf.Tensor2D, b, bias, activation });
        const flat = tf.fused.matMul({ a: input.reshape([-1, inUnits]), b, bias, activation });
        return flat.reshape([...input.shape.slice(0, -1), units]);
      };
    }
    case 'affine': {
      // One batch-norm kernel with unit variance and no epsilon computes x * scale + shift.
      const scale = keep(tf.tensor1d(Float32Array.from(op.scale)));
      const shift = keep(tf.tensor1d(Float32Array.from(op.shift)));
      const zero = keep(tf.zeros([op.scale.length]));
      const one = keep(tf.ones([op.scale.length]));
      return ([x]) => tf.batchNorm(x as tf.Tensor, zero, one, shift, scale, 0);
    }
    case 'activation':
      switch (op.activation) {
        case 'relu': return ([x]) => tf.relu(x as tf.Tensor);
        case 'relu6': return ([x]) => tf.relu6(x as tf.Tensor);
        case 'sigmoid': return ([x]) => tf.sigmoid(x as tf.Tensor);
        case 'softmax': return ([x]) => tf.softmax(x as tf.Tensor);
        case 'tanh': return ([x]) => tf.tanh(x as tf.Tensor);
        case 'linear': return ([x]) => x as tf.Tensor;
      }
    case 'clip': return ([x]) => tf.clipByValue(tf.relu(x as tf.Tensor), op.min, op.max);
    case 'pool': {
      const pool = op.mode === 'max' ? tf.maxPool : tf.avgPool;
      return ([x]) => pool(as4d(x as tf.Tensor), op.size, op.strides, op.padding);
    }
    case 'global-pool': return ([x]) => (op.mode === 'max' ? tf.max : tf.mean)(x as tf.Tensor, [1, 2]);
    case 'pad': return ([x]) => tf.pad(x as tf.Tensor, [[0, 0], ...op.padding, [0, 0]]);
    case 'reshape': return ([x]) => tf.reshape(x as tf.Tensor, [(x as tf.Tensor).shape[0] as number, ...op.shape]);
    case 'add': return (inputs) => (inputs.length === 2 ? tf.add(inputs[0] as tf.Tensor, inputs[1] as tf.Tensor) : tf.addN(inputs));
    case 'concat': return (inputs) => tf.concat(inputs, op.axis);
    case 'identity':
    case 'input': return ([x]) => x as tf.Tensor;
  }
}

/**
 * Turns a plan into steps over weight tensors made once. `run` frees each intermediate after its last reader, so a
 * large batch does not hold every layer's output at once; call it inside tf.tidy.
 */
export function emitPlan(plan: Plan): Executable {
  const weights: tf.Tensor[] = [];
  // Kept out of any enclosing tf.tidy: a model compiled on first use inside one must not lose its weights at its end.
  const keep = <T extends tf.Tensor>(t: T): T => {
    weights.push(tf.keep(t));
    return t;
  };
  const steps = plan.ops.map((op) => stepFor(op, keep));
  const lastRead = plan.ops.map(() => -1);
  plan.ops.forEach((op, index) => op.inputs.forEach((input) => { lastRead[input] = index; }));
  const output = plan.outputs[0] as number;
  const run = (input: tf.Tensor): tf.Tensor => {
    const values: tf.Tensor[] = [];
    plan.ops.forEach((op, index) => {
      values[index] = op.kind === 'input' ? input : (steps[index] as Step)(op.inputs.map((i) => values[i] as tf.Tensor));
      for (const i of op.inputs) {
        const value = values[i] as tf.Tensor;
        if (lastRead[i] === index && i !== output && value !== input && value !== values[index]) value.dispose();
      }
    });
    return values[output] as tf.Tensor;
  };
  return { run, weights };
}
