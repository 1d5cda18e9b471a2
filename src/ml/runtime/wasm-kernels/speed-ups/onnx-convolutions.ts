import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convFilterGradientGraph, convGraph, convInputGradientGraph, type ConvGeometry } from '../../onnx/convolution-graphs.js';
import type { OnnxGraph } from '../../onnx/onnx-graph.js';
import { kernelSessions } from '../../onnx/kernel-sessions.js';
import type { Conv2DGradientAttrs } from '../conv-attrs.js';
import { wasmOverride } from '../kernel-override.js';
import type { WasmKernelArgs } from '../wasm-kernel-call.js';

/**
 * Below this many multiply-adds a convolution stays on XNNPACK: a call into ONNX Runtime and its layout transposes
 * cost more than they save. Measured on one thread: the review model's first convolution (100 -> 128 channels,
 * width 5) over 66 tokens (4.2M) 0.49 ms on XNNPACK against 0.72 ms, over 130 tokens (8.3M) 0.82 against 0.79,
 * over 400 tokens 2.59 against 1.08; 3x3 and 1x1 image convolutions of 5-58M were 1.6-4.3x faster on ONNX Runtime.
 */
const MIN_MULTIPLY_ADDS = 1 << 23;
/** A forward convolution over fewer input channels (an image's first layer) was slower on ONNX Runtime. */
const MIN_FORWARD_CHANNELS = 8;

type Info = tf.backend_util.Conv2DInfo;

const multiplyAdds = (info: Info): number =>
  info.batchSize * info.outHeight * info.outWidth * info.outChannels * info.filterHeight * info.filterWidth * info.inChannels;

function geometry(info: Info, pads: [number, number, number, number] = [info.padInfo.top, info.padInfo.left, info.padInfo.bottom, info.padInfo.right]): ConvGeometry {
  return { strides: [info.strideHeight, info.strideWidth], dilations: [info.dilationHeight, info.dilationWidth], pads };
}

/**
 * Runs a one-op graph on the inputs' wasm memory and copies its result into a new wasm tensor; null without ONNX
 * Runtime. `key` names the graph `build` makes: sessions are opened once per key.
 */
function runOnOnnx(
  backend: BackendWasm, key: string, build: () => OnnxGraph, feeds: Readonly<Record<string, tf.TensorInfo>>, output: string, outShape: number[],
): tf.TensorInfo | null {
  const views = Object.fromEntries(Object.entries(feeds).map(([name, info]) => [name, { data: backend.typedArrayFromHeap(info) as Float32Array, dims: info.shape }]));
  // Threaded wasm's memory is shared, which ONNX Runtime does not read; copying the inputs out cost more than it
  // saved (reference CNN step on 2 threads: 547 / 562 ms against 433 / 521 ms on XNNPACK alone). One thread, as
  // each data-parallel worker and inference worker runs, is where it pays.
  if (Object.values(views).some((view) => view.data.buffer instanceof SharedArrayBuffer)) return null;
  const sessions = kernelSessions();
  if (sessions === undefined) return null;
  const result = sessions.run(key, build, views, output);
  const out = backend.makeOutput(outShape, 'float32');
  backend.typedArrayFromHeap(out).set(result);
  return out;
}

type Shape4D = [number, number, number, number];

/** The convolution's geometry when it is channels-last float32 and large enough for ONNX Runtime, else null. */
function largeConvolution(
  attrs: Conv2DGradientAttrs, tensors: readonly tf.TensorInfo[], xShape: readonly number[], filterShape: readonly number[], dilations: [number, number] | number = 1,
): Info | null {
  if (attrs.dataFormat === 'NCHW' || tensors.some((info) => info.dtype !== 'float32')) return null;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as Shape4D, filterShape as Shape4D, attrs.strides, dilations, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast',
  );
  return multiplyAdds(info) < MIN_MULTIPLY_ADDS ? null : info;
}

interface Conv2DAttrs extends Conv2DGradientAttrs {
  dilations: [number, number] | number;
}

/** Conv2D on ONNX Runtime's AVX kernels, for large convolutions over 8 or more channels; null leaves it to XNNPACK. */
function onnxConv2D({ inputs, backend, attrs }: WasmKernelArgs<Conv2DAttrs>): tf.TensorInfo | null {
  const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const info = largeConvolution(attrs, [x, filter], x.shape, filter.shape, attrs.dilations);
  if (info === null || info.inChannels < MIN_FORWARD_CHANNELS) return null;
  const at = geometry(info);
  return runOnOnnx(backend, `conv ${JSON.stringify([filter.shape, at])}`, () => convGraph(filter.shape, at), { x, w: filter }, 'y', info.outShape);
}

/** Conv2DBackpropInput as ONNX Runtime's ConvTranspose, for large convolutions; null leaves it to XNNPACK. */
export function onnxConv2DBackpropInput(
  { inputs, backend, attrs }: WasmKernelArgs<Conv2DGradientAttrs & { inputShape: Shape4D }>,
): tf.TensorInfo | null {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const info = largeConvolution(attrs, [dy, filter], attrs.inputShape, filter.shape);
  if (info === null) return null;
  const { top, bottom, left, right } = info.padInfo;
  const outputPadding: [number, number] = [
    info.inHeight - ((info.outHeight - 1) * info.strideHeight + info.filterHeight - top - bottom),
    info.inWidth - ((info.outWidth - 1) * info.strideWidth + info.filterWidth - left - right),
  ];
  if (outputPadding[0] < 0 || outputPadding[0] >= info.strideHeight || outputPadding[1] < 0 || outputPadding[1] >= info.strideWidth) return null;
  const at = geometry(info);
  return runOnOnnx(
    backend, `conv-input-gradient ${JSON.stringify([filter.shape, at, outputPadding])}`, () => convInputGradientGraph(filter.shape, at, outputPadding),
    { dy, w: filter }, 'dx', [...attrs.inputShape],
  );
}

/** Conv2DBackpropFilter on ONNX Runtime, for large convolutions; null leaves it to the XNNPACK kernel. */
export function onnxConv2DBackpropFilter(
  { inputs, backend, attrs }: WasmKernelArgs<Conv2DGradientAttrs & { filterShape: Shape4D }>,
): tf.TensorInfo | null {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const info = largeConvolution(attrs, [x, dy], x.shape, attrs.filterShape);
  if (info === null) return null;
  // Bottom and right pads that make the result exactly the filter's size; negative when rows go unread.
  const padBottom = (info.filterHeight - 1) + (info.outHeight - 1) * info.strideHeight + 1 - info.inHeight - info.padInfo.top;
  const padRight = (info.filterWidth - 1) + (info.outWidth - 1) * info.strideWidth + 1 - info.inWidth - info.padInfo.left;
  if (padBottom < 0 || padRight < 0) return null;
  const at = geometry(info, [info.padInfo.top, info.padInfo.left, padBottom, padRight]);
  // dy is this graph's filter, whose size ONNX fixes: one session per input shape (a training run has a few).
  return runOnOnnx(
    backend, `conv-filter-gradient ${JSON.stringify([x.shape, dy.shape, at])}`, () => convFilterGradientGraph(x.shape, dy.shape, at),
    { x, dy }, 'dw', [...attrs.filterShape],
  );
}

export const conv2dOverride = wasmOverride<Conv2DAttrs>('Conv2D', onnxConv2D);
