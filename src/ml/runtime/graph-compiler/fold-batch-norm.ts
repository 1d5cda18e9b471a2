import { bypass, soleConsumer, type AffineOp, type ConvOp, type DenseOp, type Plan, type PlanOp } from './plan.js';

type Weighted = ConvOp | DenseOp;

function isWeighted(op: PlanOp | undefined): op is PlanOp & Weighted {
  return op?.kind === 'conv' || op?.kind === 'dense';
}

/** Output channel of each kernel element's last axis: out for conv and dense, in * multiplier + m for depthwise. */
function outputChannelOf(op: Weighted): (index: number) => number {
  const shape = op.kernel.shape;
  const last = shape[shape.length - 1] as number;
  if (op.kind === 'conv' && op.depthwise) {
    const inChannels = shape[2] as number;
    return (i) => (Math.floor(i / last) % inChannels) * last + (i % last);
  }
  return (i) => i % last;
}

function outputChannels(op: Weighted): number {
  const shape = op.kernel.shape;
  return op.kind === 'conv' && op.depthwise ? (shape[2] as number) * (shape[3] as number) : shape[shape.length - 1] as number;
}

/** y = affine(op(x)): scales each output channel's weights and bias. */
function foldIntoProducer(op: Weighted, affine: AffineOp): void {
  const channelOf = outputChannelOf(op);
  const kernel = new Float32Array(op.kernel.values.length);
  op.kernel.values.forEach((w, i) => { kernel[i] = w * (affine.scale[channelOf(i)] as number); });
  const bias = new Float32Array(outputChannels(op));
  bias.forEach((_, c) => { bias[c] = (op.bias?.[c] ?? 0) * (affine.scale[c] as number) + (affine.shift[c] as number); });
  op.kernel = { values: kernel, shape: op.kernel.shape };
  op.bias = bias;
}

/**
 * y = op(affine(x)) on a valid-padded convolution or a dense layer: scales each input channel's weights and moves the
 * shift into the bias. `channelOf(row)` maps a dense kernel row to its channel (rows of a flattened map cycle them).
 */
function foldIntoConsumer(op: Weighted, affine: AffineOp): void {
  const shape = op.kernel.shape;
  const last = shape[shape.length - 1] as number;
  const channels = affine.scale.length;
  const depthwise = op.kind === 'conv' && op.depthwise;
  const kernel = new Float32Array(op.kernel.values.length);
  const bias = new Float64Array(outputChannels(op));
  op.bias?.forEach((b, c) => { bias[c] = b; });
  for (let i = 0; i < kernel.length; i++) {
    const row = Math.floor(i / last);
    const channel = row % channels;
    const w = op.kernel.values[i] as number;
    kernel[i] = w * (affine.scale[channel] as number);
    const out = depthwise ? channel * last + (i % last) : i % last;
    bias[out] = (bias[out] as number) + w * (affine.shift[channel] as number);
  }
  op.kernel = { values: kernel, shape };
  op.bias = Float32Array.from(bias);
}

/** Batch norm right after a linear conv or dense layer (MobileNet's conv, BN, ReLU6) becomes its weights. */
export function foldBatchNormBackward(plan: Plan): void {
  plan.ops.forEach((op, index) => {
    if (op.kind !== 'affine') return;
    const producerIndex = op.inputs[0] as number;
    const producer = plan.ops[producerIndex];
    if (!isWeighted(producer) || producer.activation !== 'linear' || soleConsumer(plan, producerIndex) !== index) return;
    foldIntoProducer(producer, op);
    bypass(plan, index);
  });
}

function zeroPadded(op: ConvOp): boolean {
  if (Array.isArray(op.padding)) return op.padding.flat().some((side) => side > 0);
  return op.padding === 'same' && (op.kernel.shape[0] !== 1 || op.kernel.shape[1] !== 1);
}

/**
 * Batch norm before a convolution or dense layer that reads it through ops an affine map commutes with (max pooling
 * when every scale is non-negative, average pooling, flatten, identity) moves into that layer's weights. Not into a
 * zero-padded convolution: its padding would see the shift.
 */
export function foldBatchNormForward(plan: Plan): void {
  plan.ops.forEach((op, index) => {
    if (op.kind !== 'affine') return;
    const monotonic = op.scale.every((s) => s >= 0);
    let current = index;
    for (;;) {
      const next = soleConsumer(plan, current);
      const consumer = next === undefined ? undefined : plan.ops[next];
      if (next === undefined || consumer === undefined) return;
      if (isWeighted(consumer)) {
        if (consumer.kind === 'conv' && zeroPadded(consumer)) return;
        if ((consumer.kernel.shape[consumer.kernel.shape.length - 2] as number) % op.scale.length !== 0) return;
        foldIntoConsumer(consumer, op);
        bypass(plan, index);
        return;
      }
      const commutes = consumer.kind === 'identity'
        || (consumer.kind === 'pool' && (consumer.mode === 'avg' || monotonic))
        || (consumer.kind === 'global-pool' && (consumer.mode === 'avg' || monotonic))
        || (consumer.kind === 'reshape' && consumer.shape.length === 1);
      if (!commutes) return;
      current = next;
    }
  });
}
