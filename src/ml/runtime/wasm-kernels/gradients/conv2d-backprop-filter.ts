import * as tf from '@tensorflow/tfjs';
import type { Conv2DGradientAttrs } from '../conv-attrs.js';
import { onnxConv2DBackpropFilter } from '../speed-ups/onnx-convolutions.js';
import { callWasmKernel, disposeIntermediate, wasmKernel, type WasmKernelArgs } from '../wasm-kernel-call.js';

interface Conv2DBackpropFilterAttrs extends Conv2DGradientAttrs {
  filterShape: [number, number, number, number];
}

/**
 * dW[kh,kw,ci,co] = sum over b,oh,ow of x[b, oh*s+kh-pt, ow*s+kw-pl, ci] * dy[b,oh,ow,co]: a convolution of x
 * seen as [ci,H,W,b] with dy seen as a [OH,OW,b,co] filter dilated by the stride, run by wasm's XNNPACK Conv2D
 * (large ones by ONNX Runtime when it is installed: see onnx-convolutions.ts).
 */
function conv2dBackpropFilter(args: WasmKernelArgs<Conv2DBackpropFilterAttrs>): tf.TensorInfo {
  const onnx = onnxConv2DBackpropFilter(args);
  if (onnx !== null) return onnx;
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports only NHWC (channelsLast)');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast',
  );
  const [, inHeight, inWidth] = x.shape as [number, number, number, number];
  const padBottom = (info.filterHeight - 1) + (info.outHeight - 1) * info.strideHeight + 1 - inHeight - info.padInfo.top;
  const padRight = (info.filterWidth - 1) + (info.outWidth - 1) * info.strideWidth + 1 - inWidth - info.padInfo.left;

  const intermediates: tf.TensorInfo[] = [];
  let xT = callWasmKernel('Transpose', backend, { x }, { perm: [3, 1, 2, 0] });
  intermediates.push(xT);
  if (padBottom < 0 || padRight < 0) {
    // Rows/columns past the last window are unused; cut them instead of padding negatively.
    const [c, h, w, b] = xT.shape as [number, number, number, number];
    xT = callWasmKernel('Slice', backend, { x: xT }, {
      begin: [0, 0, 0, 0], size: [c, h + Math.min(padBottom, 0), w + Math.min(padRight, 0), b],
    });
    intermediates.push(xT);
  }
  const dyT = callWasmKernel('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] });
  intermediates.push(dyT);
  const gradT = callWasmKernel('Conv2D', backend, { x: xT, filter: dyT }, {
    strides: [1, 1],
    dilations: [info.strideHeight, info.strideWidth],
    pad: [[0, 0], [info.padInfo.top, Math.max(padBottom, 0)], [info.padInfo.left, Math.max(padRight, 0)], [0, 0]],
    dataFormat: 'NHWC',
  });
  intermediates.push(gradT);
  const grad = callWasmKernel('Transpose', backend, { x: gradT }, { perm: [1, 2, 0, 3] });
  disposeIntermediate(backend, ...intermediates);
  return grad;
}

export const conv2dBackpropFilterConfig = wasmKernel('Conv2DBackpropFilter', conv2dBackpropFilter);
