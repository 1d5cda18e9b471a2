/**
 * One-op ONNX graphs for a channels-last convolution and its two gradients, each with tfjs' layouts at its edges
 * (x and dy NHWC, filters HWIO): ONNX Runtime's convolutions are NCHW, so each graph transposes on the way in and out.
 */
import { OnnxGraph } from './onnx-graph.js';

/** Stride, dilation and padding of a 2-D convolution; `pads` in ONNX order: top, left, bottom, right. */
export interface ConvGeometry {
  readonly strides: readonly [number, number];
  readonly dilations: readonly [number, number];
  readonly pads: readonly [number, number, number, number];
}

const NCHW = [0, 3, 1, 2];
const NHWC = [0, 2, 3, 1];
const ANY_4D = ['d0', 'd1', 'd2', 'd3'];
/** Batch, height and width left free: one session serves every batch size and review length. */
const channelsOnly = (channels: number): Array<number | string> => ['n', 'h', 'w', channels];

function graphWithInputs(inputs: Readonly<Record<string, ReadonlyArray<number | string>>>): OnnxGraph {
  const graph = new OnnxGraph();
  for (const [name, dims] of Object.entries(inputs)) graph.input(name, dims);
  return graph;
}

/** y = conv(x, w): x [n,h,w,ci], w [kh,kw,ci,co] → y [n,oh,ow,co], for any n, h and w. */
export function convGraph(wDims: readonly number[], geometry: ConvGeometry): OnnxGraph {
  const graph = graphWithInputs({ x: channelsOnly(wDims[2]!), w: wDims });
  const y = graph.node('Conv', [graph.node('Transpose', ['x'], { perm: NCHW }), graph.node('Transpose', ['w'], { perm: [3, 2, 0, 1] })], {
    kernel_shape: wDims.slice(0, 2), strides: geometry.strides, dilations: geometry.dilations, pads: geometry.pads,
  });
  graph.node('Transpose', [y], { perm: NHWC }, 'y', 'y');
  graph.output('y', ANY_4D);
  return graph;
}

/**
 * dx = the gradient of conv(x, w) for x, a transposed convolution of dy with the same filter, for any n, h and w;
 * `outputPadding` restores the rows and columns a strided convolution's windows never reached.
 */
export function convInputGradientGraph(wDims: readonly number[], geometry: ConvGeometry, outputPadding: readonly [number, number]): OnnxGraph {
  const graph = graphWithInputs({ dy: channelsOnly(wDims[3]!), w: wDims });
  const dx = graph.node('ConvTranspose', [graph.node('Transpose', ['dy'], { perm: NCHW }), graph.node('Transpose', ['w'], { perm: [3, 2, 0, 1] })], {
    kernel_shape: wDims.slice(0, 2), strides: geometry.strides, dilations: geometry.dilations, pads: geometry.pads,
    output_padding: outputPadding,
  });
  graph.node('Transpose', [dx], { perm: NHWC }, 'dx', 'dx');
  graph.output('dx', ANY_4D);
  return graph;
}

/**
 * dw = the gradient of conv(x, w) for w: a convolution of x seen as [ci, n, h, w] with dy seen as a [co, n, oh, ow]
 * filter, dilated by the forward stride; the result [ci, co, kh, kw] turns into HWIO. `geometry` holds the forward
 * convolution's strides (dilation 1 only) and the pads that make the result exactly the filter's size.
 */
export function convFilterGradientGraph(xDims: readonly number[], dyDims: readonly number[], geometry: ConvGeometry): OnnxGraph {
  const graph = graphWithInputs({ x: xDims, dy: dyDims });
  const toBatchMajor = [3, 0, 1, 2];
  const dw = graph.node('Conv', [graph.node('Transpose', ['x'], { perm: toBatchMajor }), graph.node('Transpose', ['dy'], { perm: toBatchMajor })], {
    kernel_shape: dyDims.slice(1, 3), strides: [1, 1], dilations: geometry.strides, pads: geometry.pads,
  });
  graph.node('Transpose', [dw], { perm: [2, 3, 0, 1] }, 'dw', 'dw');
  graph.output('dw', ANY_4D);
  return graph;
}
