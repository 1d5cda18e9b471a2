import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wasmKernel, type WasmKernelArgs } from '../wasm-kernel-call.js';

interface DepthwiseBackpropAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Called per tap with the flat offsets of x[b,ih,iw,0], dy[b,oh,ow,0] and w[kh,kw,0,0]. */
type TapVisitor = (xAt: number, dyAt: number, wAt: number) => void;

/**
 * Visits every (input pixel, output pixel, filter tap) triple of a depthwise convolution. Depthwise work has no
 * channel reduction, so plain loops over NHWC rows stay cheap next to the regular convolutions around them.
 */
function forEachTap(info: tf.backend_util.Conv2DInfo, visit: TapVisitor): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padInfo } = info;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let kh = 0; kh < filterHeight; kh++) {
        const ih = oh * strideHeight + kh * dilationHeight - padInfo.top;
        if (ih < 0 || ih >= inHeight) continue;
        for (let ow = 0; ow < outWidth; ow++) {
          const dyAt = ((b * outHeight + oh) * outWidth + ow) * outChannels;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth + kw * dilationWidth - padInfo.left;
            if (iw < 0 || iw >= inWidth) continue;
            visit(((b * inHeight + ih) * inWidth + iw) * inChannels, dyAt, (kh * filterWidth + kw) * outChannels);
          }
        }
      }
    }
  }
}

/**
 * Runs `accumulate` over every tap into a float64 buffer of `outShape` (float32 sums over a whole batch drift), and
 * returns it as a wasm tensor. `accumulate` receives heap views taken after the output is allocated.
 */
function accumulateGradient(
  backend: BackendWasm,
  outShape: number[],
  info: tf.backend_util.Conv2DInfo,
  operands: [tf.TensorInfo, tf.TensorInfo],
  accumulate: (sum: Float64Array, a: tf.backend_util.TypedArray, b: tf.backend_util.TypedArray, c: number, m: number) => TapVisitor,
): tf.TensorInfo {
  const out = backend.makeOutput(outShape, 'float32');
  const sum = new Float64Array(tf.util.sizeFromShape(outShape));
  const multiplier = info.outChannels / info.inChannels;
  const visit = accumulate(sum, backend.typedArrayFromHeap(operands[0]), backend.typedArrayFromHeap(operands[1]),
    info.inChannels, multiplier);
  forEachTap(info, visit);
  backend.typedArrayFromHeap(out).set(sum);
  return out;
}

function convInfo(xShape: number[], filterShape: number[], attrs: DepthwiseBackpropAttrs): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode, true, 'channelsLast',
  );
}

/** dx[b,ih,iw,c] += sum over q of dy[b,oh,ow,c*m+q] * w[kh,kw,c,q]. */
function depthwiseBackpropInput(
  { inputs, backend, attrs }: WasmKernelArgs<DepthwiseBackpropAttrs & { inputShape: number[] }>,
): tf.TensorInfo {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const info = convInfo(attrs.inputShape, filter.shape, attrs);
  return accumulateGradient(backend, attrs.inputShape, info, [dy, filter], (dx, dyValues, w, channels, multiplier) =>
    (xAt, dyAt, wAt) => {
      for (let c = 0, o = 0; c < channels; c++) {
        let sum = 0;
        for (let q = 0; q < multiplier; q++, o++) sum += (dyValues[dyAt + o] as number) * (w[wAt + o] as number);
        dx[xAt + c] = (dx[xAt + c] as number) + sum;
      }
    });
}

/** dw[kh,kw,c,q] += x[b,ih,iw,c] * dy[b,oh,ow,c*m+q]. */
function depthwiseBackpropFilter(
  { inputs, backend, attrs }: WasmKernelArgs<DepthwiseBackpropAttrs & { filterShape: number[] }>,
): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const info = convInfo(x.shape, attrs.filterShape, attrs);
  return accumulateGradient(backend, attrs.filterShape, info, [x, dy], (dw, xValues, dyValues, channels, multiplier) =>
    (xAt, dyAt, wAt) => {
      for (let c = 0, o = 0; c < channels; c++) {
        const xValue = xValues[xAt + c] as number;
        for (let q = 0; q < multiplier; q++, o++) dw[wAt + o] = (dw[wAt + o] as number) + xValue * (dyValues[dyAt + o] as number);
      }
    });
}

export const depthwiseConv2dBackpropInputConfig = wasmKernel('DepthwiseConv2dNativeBackpropInput', depthwiseBackpropInput);
export const depthwiseConv2dBackpropFilterConfig = wasmKernel('DepthwiseConv2dNativeBackpropFilter', depthwiseBackpropFilter);
