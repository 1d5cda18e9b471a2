import type * as tf from '@tensorflow/tfjs';
import { lowerLayer, UnsupportedLayerError } from './lower-layer.js';
import type { Plan, PlanOp } from './plan.js';

type SymbolicTensor = tf.SymbolicTensor;

function inboundTensors(tensor: SymbolicTensor): SymbolicTensor[] {
  const node = tensor.sourceLayer.inboundNodes[tensor.nodeIndex];
  if (node === undefined) throw new UnsupportedLayerError(tensor.sourceLayer.name, 'no inbound node for its output');
  return node.inputTensors;
}

/**
 * Walks the model's graph from each output back to its input (Sequential and functional models alike: both keep
 * their layers' inbound nodes) and lowers each layer call into one op, plus one for an activation fused kernels
 * cannot apply. Throws {@link UnsupportedLayerError} for anything it cannot translate exactly.
 */
export function buildPlan(model: tf.LayersModel): Plan {
  const [input] = model.inputs;
  if (model.inputs.length !== 1 || input === undefined) throw new UnsupportedLayerError(model.name, 'only models with one input are compiled');
  const ops: PlanOp[] = [];
  const indexOf = new Map<number, number>();
  const visit = (tensor: SymbolicTensor, path: ReadonlySet<number>): number => {
    const known = indexOf.get(tensor.id);
    if (known !== undefined) return known;
    if (path.has(tensor.id)) throw new UnsupportedLayerError(tensor.sourceLayer.name, 'cycle in the layer graph');
    const shape = tensor.shape.slice(1);
    if (tensor.id === input.id) {
      ops.push({ kind: 'input', inputs: [], shape, name: tensor.sourceLayer.name });
    } else {
      const layer = tensor.sourceLayer;
      if (tensor.tensorIndex !== 0) throw new UnsupportedLayerError(layer.name, 'layers with several outputs');
      const sources = inboundTensors(tensor);
      if (sources.length === 0) throw new UnsupportedLayerError(layer.name, 'an input the model does not declare');
      const inner = new Set(path).add(tensor.id);
      const inputs = sources.map((source) => visit(source, inner));
      const { op, after } = lowerLayer(layer, (sources[0] as SymbolicTensor).rank);
      ops.push({ ...op, inputs, shape, name: layer.name } as PlanOp);
      if (after !== undefined) {
        ops.push({ kind: 'activation', activation: after, inputs: [ops.length - 1], shape, name: `${layer.name}/${after}` });
      }
    }
    indexOf.set(tensor.id, ops.length - 1);
    return ops.length - 1;
  };
  const outputs = model.outputs.map((output) => visit(output, new Set()));
  return { ops, outputs };
}
