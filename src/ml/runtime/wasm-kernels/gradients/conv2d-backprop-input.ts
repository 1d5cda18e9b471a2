import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Conv2DGradientAttrs } from '../conv-attrs.js';
import { wasmOverride } from '../kernel-override.js';
import { onnxConv2DBackpropInput } from '../speed-ups/onnx-convolutions.js';
import { callWasmKernel, disposeIntermediate } from '../wasm-kernel-call.js';

interface Conv2DBackpropInputAttrs extends Conv2DGradientAttrs {
  inputShape: [number, number, number, number];
}

/** W'[kh,kw,co,ci] = W[fh-1-kh, fw-1-kw, ci, co]: the filter of the convolution that maps dy back onto x. */
function rotatedFilter(backend: BackendWasm, filter: tf.TensorInfo): tf.TensorInfo {
  const [fh, fw, ci, co] = filter.shape as [number, number, number, number];
  const out = backend.makeOutput([fh, fw, co, ci], 'float32');
  const w = backend.typedArrayFromHeap(filter);
  const rotated = backend.typedArrayFromHeap(out);
  for (let kh = 0; kh < fh; kh++) {
    for (let kw = 0; kw < fw; kw++) {
      const from = ((fh - 1 - kh) * fw + (fw - 1 - kw)) * ci * co;
      const to = (kh * fw + kw) * co * ci;
      for (let i = 0; i < ci; i++) {
        for (let o = 0; o < co; o++) rotated[to + o * ci + i] = w[from + i * co + o] as number;
      }
    }
  }
  return out;
}

/** dy spread out by the stride and framed by fh-1-padTop / fw-1-padLeft zeros, so a valid convolution gives dx. */
function spreadGradient(backend: BackendWasm, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): tf.TensorInfo {
  const { batchSize, inHeight, inWidth, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const height = inHeight + filterHeight - 1;
  const width = inWidth + filterWidth - 1;
  const out = backend.makeOutput([batchSize, height, width, outChannels], 'float32');
  const source = backend.typedArrayFromHeap(dy);
  const spread = backend.typedArrayFromHeap(out);
  spread.fill(0);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const row = oh * info.strideHeight + filterHeight - 1 - info.padInfo.top;
      if (row < 0 || row >= height) continue;
      for (let ow = 0; ow < outWidth; ow++) {
        const col = ow * info.strideWidth + filterWidth - 1 - info.padInfo.left;
        if (col < 0 || col >= width) continue;
        const from = ((b * outHeight + oh) * outWidth + ow) * outChannels;
        spread.set(source.subarray(from, from + outChannels), ((b * height + row) * width + col) * outChannels);
      }
    }
  }
  return out;
}

/**
 * dx as a forward convolution of dy with the rotated filter, on wasm's XNNPACK Conv2D; wasm's own
 * Conv2DBackpropInput is a naive loop. Stride 1 pads implicitly; other strides spread dy explicitly first.
 */
export const conv2dBackpropInputOverride = wasmOverride<Conv2DBackpropInputAttrs>(
  'Conv2DBackpropInput',
  (args) => {
    const onnx = onnxConv2DBackpropInput(args);
    if (onnx !== null) return onnx;
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    if (attrs.dataFormat === 'NCHW' || dy.dtype !== 'float32') return null;
    const info = tf.backend_util.computeConv2DInfo(
      attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad,
      attrs.dimRoundingMode, false, 'channelsLast',
    );
    const { filterHeight: fh, filterWidth: fw, padInfo } = info;
    const rotated = rotatedFilter(backend, filter);
    const implicitPadding = info.strideHeight === 1 && info.strideWidth === 1
      && [padInfo.top, padInfo.bottom].every((p) => p >= 0 && p <= fh - 1)
      && [padInfo.left, padInfo.right].every((p) => p >= 0 && p <= fw - 1);
    const source = implicitPadding ? dy : spreadGradient(backend, dy, info);
    const pad = implicitPadding
      ? [[0, 0], [fh - 1 - padInfo.top, fh - 1 - padInfo.bottom], [fw - 1 - padInfo.left, fw - 1 - padInfo.right], [0, 0]]
      : 'valid';
    const dx = callWasmKernel('Conv2D', backend, { x: source, filter: rotated }, {
      strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC',
    });
    disposeIntermediate(backend, rotated, ...(implicitPadding ? [] : [source]));
    return dx;
  },
);
