import * as tf from '@tensorflow/tfjs';
import { wasmKernel, type WasmKernelArgs } from '../wasm-kernel-call.js';

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Routes each dy value to the first maximum of its window in row-major order, as the cpu backend and TensorFlow do.
 * Replaces wasm's own kernel, which takes the last of equal maxima (ReLU then batch norm makes many) and starts its
 * search at FLT_MIN, so a window of only negative values sends its gradient to element 0 of the tensor.
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
  const windowStarts = new Int32Array(filterHeight * filterWidth);
  const overlapping = info.strideHeight < filterHeight || info.strideWidth < filterWidth;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const top = oh * info.strideHeight - info.padInfo.top;
      const rowFrom = Math.max(0, top);
      const rowTo = Math.min(inHeight, top + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const left = ow * info.strideWidth - info.padInfo.left;
        const colFrom = Math.max(0, left);
        const colTo = Math.min(inWidth, left + filterWidth);
        let taps = 0;
        for (let ih = rowFrom; ih < rowTo; ih++) {
          for (let iw = colFrom; iw < colTo; iw++) windowStarts[taps++] = ((b * inHeight + ih) * inWidth + iw) * channels;
        }
        const dyAt = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) {
          let best = -Infinity;
          let bestAt = -1;
          for (let t = 0; t < taps; t++) {
            const at = (windowStarts[t] as number) + c;
            const value = x[at] as number;
            if (value > best) {
              best = value;
              bestAt = at;
            }
          }
          if (bestAt < 0) continue;
          // Windows that tile the input own each position, so a store suffices; overlapping ones accumulate.
          dx[bestAt] = overlapping ? (dx[bestAt] as number) + (dyValues[dyAt + c] as number) : dyValues[dyAt + c] as number;
        }
      }
    }
  }
  return dxInfo;
}

export const maxPoolGradConfig = wasmKernel('MaxPoolGrad', maxPoolGrad);
