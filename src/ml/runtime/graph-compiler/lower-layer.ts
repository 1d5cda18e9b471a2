import type * as tf from '@tensorflow/tfjs';
import type { ConvPadding, FusedActivation, OpBody, TrailingActivation, Weights } from './plan.js';

export type Layer = tf.LayersModel['layers'][number];

/** A layer or setting the compiler does not translate; the caller then falls back to model.predict. */
export class UnsupportedLayerError extends Error {
  constructor(readonly layerName: string, reason: string) {
    super(`layer "${layerName}": ${reason}`);
    this.name = 'UnsupportedLayerError';
  }
}

type Config = Record<string, unknown>;

const IDENTITY_AT_INFERENCE = new Set([
  'InputLayer', 'Dropout', 'SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout',
]);
const FUSED: ReadonlySet<string> = new Set<FusedActivation>(['linear', 'relu', 'relu6']);
const TRAILING: ReadonlySet<string> = new Set<TrailingActivation>(['sigmoid', 'softmax', 'tanh']);

function pair(value: unknown, what: string, layer: string): [number, number] {
  const list = Array.isArray(value) ? value : [value, value];
  if (list.length !== 2 || !list.every((v) => Number.isInteger(v))) {
    throw new UnsupportedLayerError(layer, `${what} ${JSON.stringify(value)} is not one or two integers`);
  }
  return [list[0] as number, list[1] as number];
}

function channelsLast(config: Config, layer: string): void {
  if (config['dataFormat'] !== undefined && config['dataFormat'] !== 'channelsLast') {
    throw new UnsupportedLayerError(layer, `dataFormat ${String(config['dataFormat'])} (only channelsLast)`);
  }
}

function padding(config: Config, layer: string): 'valid' | 'same' {
  const value = config['padding'];
  if (value !== 'valid' && value !== 'same') throw new UnsupportedLayerError(layer, `padding ${String(value)}`);
  return value;
}

/** Splits a layer's activation into the part a fused kernel applies and the part that runs after it. */
export function splitActivation(name: unknown, layer: string): { fused: FusedActivation; after?: TrailingActivation } {
  const activation = name ?? 'linear';
  if (typeof activation === 'string' && FUSED.has(activation)) return { fused: activation as FusedActivation };
  if (typeof activation === 'string' && TRAILING.has(activation)) {
    return { fused: 'linear', after: activation as TrailingActivation };
  }
  throw new UnsupportedLayerError(layer, `activation ${JSON.stringify(activation)}`);
}

function weightsOf(layer: Layer): Weights[] {
  return layer.getWeights().map((tensor) => ({ values: tensor.dataSync() as Float32Array, shape: tensor.shape }));
}

function kernelAndBias(layer: Layer, useBias: boolean): { kernel: Weights; bias: Float32Array | null } {
  const weights = weightsOf(layer);
  const kernel = weights[0];
  if (kernel === undefined || weights.length !== (useBias ? 2 : 1)) {
    throw new UnsupportedLayerError(layer.name, `expected ${useBias ? 'kernel and bias' : 'a kernel'} weights`);
  }
  return { kernel, bias: useBias ? (weights[1] as Weights).values : null };
}

function lowerConv(layer: Layer, config: Config, depthwise: boolean): { op: OpBody; after?: TrailingActivation } {
  channelsLast(config, layer.name);
  const { fused, after } = splitActivation(config['activation'], layer.name);
  const strides = pair(config['strides'] ?? 1, 'strides', layer.name);
  const dilations = pair(config['dilationRate'] ?? 1, 'dilationRate', layer.name);
  if ((strides[0] > 1 || strides[1] > 1) && (dilations[0] > 1 || dilations[1] > 1)) {
    throw new UnsupportedLayerError(layer.name, 'strides and dilation both above 1');
  }
  const { kernel, bias } = kernelAndBias(layer, config['useBias'] !== false);
  const pad: ConvPadding = padding(config, layer.name);
  return { op: { kind: 'conv', depthwise, kernel, bias, strides, dilations, padding: pad, activation: fused }, after };
}

function lowerBatchNorm(layer: Layer, config: Config, rank: number): OpBody {
  const axis = config['axis'];
  if (axis !== -1 && axis !== rank - 1) throw new UnsupportedLayerError(layer.name, `batch norm over axis ${String(axis)}`);
  const byName = new Map(layer.weights.map((w, i) => [w.name.split('/').pop()?.replace(/_\d+$/, ''), i]));
  const values = layer.getWeights();
  const read = (name: string): Float32Array | undefined => {
    const index = byName.get(name);
    return index === undefined ? undefined : values[index]?.dataSync() as Float32Array;
  };
  const mean = read('moving_mean');
  const variance = read('moving_variance');
  if (mean === undefined || variance === undefined) throw new UnsupportedLayerError(layer.name, 'no moving statistics');
  const gamma = read('gamma');
  const beta = read('beta');
  const epsilon = Number(config['epsilon'] ?? 1e-3);
  const scale = new Float64Array(mean.length);
  const shift = new Float64Array(mean.length);
  for (let c = 0; c < mean.length; c++) {
    scale[c] = (gamma?.[c] ?? 1) / Math.sqrt((variance[c] as number) + epsilon);
    shift[c] = (beta?.[c] ?? 0) - (mean[c] as number) * (scale[c] as number);
  }
  return { kind: 'affine', scale, shift };
}

function lowerPool(layer: Layer, config: Config, mode: 'max' | 'avg'): OpBody {
  channelsLast(config, layer.name);
  const size = pair(config['poolSize'] ?? 2, 'poolSize', layer.name);
  const strides = pair(config['strides'] ?? size, 'strides', layer.name);
  return { kind: 'pool', mode, size, strides, padding: padding(config, layer.name) };
}

function lowerGlobalPool(layer: Layer, config: Config, mode: 'max' | 'avg'): OpBody {
  channelsLast(config, layer.name);
  if (config['keepDims'] === true) throw new UnsupportedLayerError(layer.name, 'keepDims');
  return { kind: 'global-pool', mode };
}

function lowerZeroPadding(layer: Layer, config: Config): OpBody {
  channelsLast(config, layer.name);
  const raw = config['padding'];
  const sides = Array.isArray(raw) ? raw.map((side) => pair(side, 'padding', layer.name)) : [];
  if (sides.length !== 2) throw new UnsupportedLayerError(layer.name, `padding ${JSON.stringify(raw)}`);
  return { kind: 'pad', padding: [sides[0] as [number, number], sides[1] as [number, number]] };
}

function lowerRelu(layer: Layer, config: Config): OpBody {
  const max = config['maxValue'];
  if (max === undefined || max === null) return { kind: 'activation', activation: 'relu' };
  if (max === 6) return { kind: 'activation', activation: 'relu6' };
  if (typeof max !== 'number') throw new UnsupportedLayerError(layer.name, `maxValue ${JSON.stringify(max)}`);
  return { kind: 'clip', min: 0, max };
}

/**
 * Translates one layer into an op, plus the activation to apply after it when the fused kernels cannot.
 * `rank` is the rank of the layer's input, batch axis included.
 */
export function lowerLayer(layer: Layer, rank: number): { op: OpBody; after?: TrailingActivation } {
  const className = layer.getClassName();
  const config = layer.getConfig() as Config;
  if (IDENTITY_AT_INFERENCE.has(className)) return { op: { kind: 'identity' } };
  switch (className) {
    case 'Conv2D': return lowerConv(layer, config, false);
    case 'DepthwiseConv2D': return lowerConv(layer, config, true);
    case 'Dense': {
      const { fused, after } = splitActivation(config['activation'], layer.name);
      return { op: { kind: 'dense', ...kernelAndBias(layer, config['useBias'] !== false), activation: fused }, after };
    }
    case 'BatchNormalization': return { op: lowerBatchNorm(layer, config, rank) };
    case 'Activation': {
      const { fused, after } = splitActivation(config['activation'], layer.name);
      return { op: { kind: 'activation', activation: after ?? fused } };
    }
    case 'ReLU': return { op: lowerRelu(layer, config) };
    case 'MaxPooling2D': return { op: lowerPool(layer, config, 'max') };
    case 'AveragePooling2D': return { op: lowerPool(layer, config, 'avg') };
    case 'GlobalAveragePooling2D': return { op: lowerGlobalPool(layer, config, 'avg') };
    case 'GlobalMaxPooling2D': return { op: lowerGlobalPool(layer, config, 'max') };
    case 'ZeroPadding2D': return { op: lowerZeroPadding(layer, config) };
    case 'Flatten':
      channelsLast(config, layer.name);
      return { op: { kind: 'reshape', shape: [-1] } };
    case 'Reshape': return { op: { kind: 'reshape', shape: [...(config['targetShape'] as number[])] } };
    case 'Add': return { op: { kind: 'add' } };
    case 'Concatenate': return { op: { kind: 'concat', axis: Number(config['axis'] ?? -1) } };
    default: break;
  }
  throw new UnsupportedLayerError(layer.name, `${className} is not supported`);
}
