import * as tf from '@tensorflow/tfjs';
import { wasmKernel, type WasmKernelArgs } from './wasm-kernel-call.js';

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Routes each dy value to the first maximum of its window in row-major order, as the cpu backend and TensorFlow do.
 * Replaces wasm's own kernel, which breaks ties differently (ReLU then batch norm makes many equal values) and is slow.
 */
function maxPoolGrad({ inputs, backend, attrs }: WasmKernelArgs<MaxPoolGradAttrs>): tf.TensorInfo {
  const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, filterHeight, filterWidth } = info;
  const dxInfo = backend.makeOutput(input.shape, 'float32');
  const x = backend.typedArrayFromHeap(input);
  const dyValues = backend.typedArrayFromHeap(dy);
  const dx = backend.typedArrayFromHeap(dxInfo);
  dx.fill(0);
  const best = new Float32Array(channels);
  const bestAt = new Int32Array(channels);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const top = oh * info.strideHeight - info.padInfo.top;
      const rowFrom = Math.max(0, top);
      const rowTo = Math.min(inHeight, top + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const left = ow * info.strideWidth - info.padInfo.left;
        const colFrom = Math.max(0, left);
        const colTo = Math.min(inWidth, left + filterWidth);
        best.fill(-Infinity);
        bestAt.fill(-1);
        for (let ih = rowFrom; ih < rowTo; ih++) {
          for (let iw = colFrom; iw < colTo; iw++) {
            const at = ((b * inHeight + ih) * inWidth + iw) * channels;
            for (let c = 0; c < channels; c++) {
              const value = x[at + c] as number;
              if (value > (best[c] as number)) {
                best[c] = value;
                bestAt[c] = at + c;
              }
            }
          }
        }
        const dyAt = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) {
          const target = bestAt[c] as number;
          if (target >= 0) dx[target] = (dx[target] as number) + (dyValues[dyAt + c] as number);
        }
      }
    }
  }
  return dxInfo;
}

export const maxPoolGradConfig = wasmKernel('MaxPoolGrad', maxPoolGrad);
