/**
 * Writes a compiled plan (batch norm already folded, see graph-compiler/) as an ONNX model, so a native runtime can
 * run the same network. The plan is channels-last, as tfjs is; ONNX convolutions are channels-first, so 4-d values
 * live transposed inside the graph and the model's input and output keep the plan's layout.
 */
import { UnsupportedLayerError } from '../graph-compiler/lower-layer.js';
import type { ConvOp, ConvPadding, FusedActivation, Plan, PlanOp, TrailingActivation } from '../graph-compiler/plan.js';
import { OnnxGraph } from './onnx-graph.js';

export const ONNX_INPUT = 'input';
/** The name of the plan's `i`-th output in the ONNX graph. */
export const onnxOutput = (i: number): string => `output${i}`;
const TO_CHANNELS_FIRST = [0, 3, 1, 2];
const TO_CHANNELS_LAST = [0, 2, 3, 1];

/** tf's [kh, kw, in, out] (full) or [kh, kw, in, multiplier] (depthwise) as ONNX's [out, in / group, kh, kw]. */
function convKernel(op: ConvOp): { values: Float32Array; dims: number[] } {
  const [kh, kw, inChannels, last] = op.kernel.shape as [number, number, number, number];
  const out = op.depthwise ? inChannels * last : last;
  const perGroup = op.depthwise ? 1 : inChannels;
  const values = new Float32Array(out * perGroup * kh * kw);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let i = 0; i < inChannels; i++) {
        for (let j = 0; j < last; j++) {
          const [o, p] = op.depthwise ? [i * last + j, 0] : [j, i];
          values[((o * perGroup + p) * kh + y) * kw + x] = op.kernel.values[((y * kw + x) * inChannels + i) * last + j]!;
        }
      }
    }
  }
  return { values, dims: [out, perGroup, kh, kw] };
}

/** 'same' pads the extra row and column at the end, as SAME_UPPER does. */
function paddingAttributes(padding: ConvPadding | 'valid' | 'same'): Record<string, string | number[]> {
  if (padding === 'same') return { auto_pad: 'SAME_UPPER' };
  if (padding === 'valid') return { auto_pad: 'VALID' };
  const [[top, bottom], [left, right]] = padding;
  return { pads: [top, left, bottom, right] };
}

class Translator {
  private readonly graph = new OnnxGraph();

  constructor(private readonly plan: Plan) {}

  private activation(value: string, activation: FusedActivation | TrailingActivation, stem: string): string {
    switch (activation) {
      case 'linear': return value;
      case 'relu': return this.graph.node('Relu', [value], {}, stem);
      case 'relu6': return this.clip(value, 0, 6, stem);
      case 'sigmoid': return this.graph.node('Sigmoid', [value], {}, stem);
      case 'tanh': return this.graph.node('Tanh', [value], {}, stem);
      case 'softmax': return this.graph.node('Softmax', [value], { axis: 1 }, stem);
    }
  }

  private clip(value: string, min: number, max: number, stem: string): string {
    const bounds = [min, max].map((bound) => this.graph.floats(`${stem}/bound`, Float32Array.of(bound), []));
    return this.graph.node('Clip', [value, ...bounds], {}, stem);
  }

  /** A per-channel constant shaped to broadcast over [N, C] or [N, C, H, W]. */
  private channelConstant(stem: string, values: Float64Array, rank: number): string {
    return this.graph.floats(stem, Float32Array.from(values), rank === 4 ? [values.length, 1, 1] : [values.length]);
  }

  private translate(op: PlanOp, inputs: string[], ranks: number[]): string {
    const [x = ''] = inputs;
    const rank = ranks[0] ?? 0;
    const stem = op.name;
    switch (op.kind) {
      case 'conv': {
        const kernel = convKernel(op);
        const weights = [this.graph.floats(`${stem}/kernel`, kernel.values, kernel.dims)];
        if (op.bias !== null) weights.push(this.graph.floats(`${stem}/bias`, op.bias, [op.bias.length]));
        const [kh, kw] = op.kernel.shape as [number, number];
        const conv = this.graph.node('Conv', [x, ...weights], {
          kernel_shape: [kh, kw],
          strides: op.strides,
          dilations: op.dilations,
          group: op.depthwise ? (op.kernel.shape[2] as number) : 1,
          ...paddingAttributes(op.padding),
        }, stem);
        return this.activation(conv, op.activation, `${stem}/${op.activation}`);
      }
      case 'dense': {
        if (rank !== 2) throw new UnsupportedLayerError(stem, `a dense layer on a rank-${rank} input (ONNX export takes rank 2)`);
        const weights = [this.graph.floats(`${stem}/kernel`, op.kernel.values, op.kernel.shape)];
        if (op.bias !== null) weights.push(this.graph.floats(`${stem}/bias`, op.bias, [op.bias.length]));
        return this.activation(this.graph.node('Gemm', [x, ...weights], {}, stem), op.activation, `${stem}/${op.activation}`);
      }
      case 'affine': {
        const scaled = this.graph.node('Mul', [x, this.channelConstant(`${stem}/scale`, op.scale, rank)], {}, stem);
        return this.graph.node('Add', [scaled, this.channelConstant(`${stem}/shift`, op.shift, rank)], {}, stem);
      }
      case 'activation': return this.activation(x, op.activation, stem);
      case 'clip': return this.clip(x, Math.max(0, op.min), op.max, stem);
      case 'pool':
        return this.graph.node(op.mode === 'max' ? 'MaxPool' : 'AveragePool', [x], { kernel_shape: op.size, strides: op.strides, ...paddingAttributes(op.padding) }, stem);
      case 'global-pool': {
        const pooled = this.graph.node(op.mode === 'max' ? 'GlobalMaxPool' : 'GlobalAveragePool', [x], {}, stem);
        return this.graph.node('Flatten', [pooled], { axis: 1 }, stem);
      }
      case 'pad': {
        const [[top, bottom], [left, right]] = op.padding;
        return this.graph.node('Pad', [x, this.graph.int64s(`${stem}/pads`, [0, 0, top, left, 0, 0, bottom, right])], {}, stem);
      }
      case 'reshape': {
        const source = rank === 4 ? this.graph.node('Transpose', [x], { perm: TO_CHANNELS_LAST }, stem) : x;
        const reshaped = this.graph.node('Reshape', [source, this.graph.int64s(`${stem}/shape`, [0, ...op.shape])], {}, stem);
        return op.shape.length === 3 ? this.graph.node('Transpose', [reshaped], { perm: TO_CHANNELS_FIRST }, stem) : reshaped;
      }
      case 'add': return inputs.length === 2 ? this.graph.node('Add', inputs, {}, stem) : this.graph.node('Sum', inputs, {}, stem);
      case 'concat': {
        const axis = op.axis < 0 ? op.axis + rank : op.axis;
        return this.graph.node('Concat', inputs, { axis: rank === 4 ? (TO_CHANNELS_FIRST.indexOf(axis)) : axis }, stem);
      }
      case 'identity': return x;
      case 'input': throw new Error('the input op is placed by planToOnnx');
    }
  }

  run(): Uint8Array {
    const values: string[] = [];
    const ranks: number[] = [];
    this.plan.ops.forEach((op, index) => {
      const rank = op.shape.length + 1;
      ranks[index] = rank;
      if (op.kind === 'input') {
        this.graph.input(ONNX_INPUT, ['batch', ...op.shape.map((dim, i) => dim ?? `d${i}`)]);
        values[index] = rank === 4 ? this.graph.node('Transpose', [ONNX_INPUT], { perm: TO_CHANNELS_FIRST }, 'input') : ONNX_INPUT;
        return;
      }
      values[index] = this.translate(op, op.inputs.map((i) => values[i]!), op.inputs.map((i) => ranks[i]!));
    });
    this.plan.outputs.forEach((index, o) => {
      const value = values[index]!;
      const result = ranks[index] === 4 ? this.graph.node('Transpose', [value], { perm: TO_CHANNELS_LAST }, 'output') : value;
      this.graph.node('Identity', [result], {}, 'output', onnxOutput(o));
      this.graph.output(onnxOutput(o), ['batch', ...this.plan.ops[index]!.shape.map((dim, i) => dim ?? `out${o}_${i}`)]);
    });
    return this.graph.serialise('moviebot');
  }
}

/** The optimised plan as ONNX bytes: input {@link ONNX_INPUT} and outputs {@link onnxOutput}, all channels-last. */
export function planToOnnx(plan: Plan): Uint8Array {
  return new Translator(plan).run();
}
