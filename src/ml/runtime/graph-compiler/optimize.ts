import { foldBatchNormBackward, foldBatchNormForward } from './fold-batch-norm.js';
import { bypass, soleConsumer, type Plan, type PlanOp } from './plan.js';

/** ReLU or ReLU6 right after a linear conv or dense layer becomes that layer's fused activation. */
function fuseActivations(plan: Plan): void {
  plan.ops.forEach((op, index) => {
    if (op.kind !== 'activation') return;
    if (op.activation === 'linear') {
      bypass(plan, index);
      return;
    }
    if (op.activation !== 'relu' && op.activation !== 'relu6') return;
    const producerIndex = op.inputs[0] as number;
    const producer = plan.ops[producerIndex];
    if ((producer?.kind !== 'conv' && producer?.kind !== 'dense') || producer.activation !== 'linear') return;
    if (soleConsumer(plan, producerIndex) !== index) return;
    producer.activation = op.activation;
    bypass(plan, index);
  });
}

/** ZeroPadding2D before a valid-padded convolution becomes the convolution's explicit padding. */
function foldPadding(plan: Plan): void {
  plan.ops.forEach((op, index) => {
    if (op.kind !== 'pad') return;
    const next = soleConsumer(plan, index);
    const consumer = next === undefined ? undefined : plan.ops[next];
    if (consumer?.kind !== 'conv' || consumer.padding !== 'valid') return;
    consumer.padding = op.padding;
    bypass(plan, index);
  });
}

/** Drops identities and ops nothing reads, renumbering the rest. */
function compact(plan: Plan): Plan {
  const resolve = (index: number): number => {
    let current = index;
    while (plan.ops[current]?.kind === 'identity') current = (plan.ops[current] as PlanOp).inputs[0] as number;
    return current;
  };
  const live = new Set<number>();
  const mark = (index: number): void => {
    const target = resolve(index);
    if (live.has(target)) return;
    live.add(target);
    for (const input of (plan.ops[target] as PlanOp).inputs) mark(input);
  };
  plan.outputs.forEach(mark);
  const renumbered = new Map<number, number>();
  const ops: PlanOp[] = [];
  plan.ops.forEach((op, index) => {
    if (!live.has(index)) return;
    renumbered.set(index, ops.length);
    ops.push({ ...op, inputs: op.inputs.map((input) => renumbered.get(resolve(input)) as number) });
  });
  return { ops, outputs: plan.outputs.map((output) => renumbered.get(resolve(output)) as number) };
}

/**
 * Runs the fusion passes in the order that lets each see the previous one's result (conv, BN, ReLU6 needs the BN
 * folded before the ReLU6 can fuse), compacting in between so no pass has to look through identities.
 */
export function optimizePlan(plan: Plan): Plan {
  const passes = [foldBatchNormBackward, fuseActivations, foldBatchNormForward, foldPadding];
  return passes.reduce((current, pass) => {
    pass(current);
    return compact(current);
  }, compact(plan));
}
