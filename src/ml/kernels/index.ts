import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropFilterConfig, depthwiseConv2dBackpropInputConfig } from './depthwise-conv2d-backprop.js';
import { maxPoolGradConfig } from './max-pool-grad.js';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum.js';

/** Kernels the wasm backend lacks (or runs slowly) for training the team's models. */
const WASM_KERNELS: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseConv2dBackpropInputConfig,
  depthwiseConv2dBackpropFilterConfig,
  unsortedSegmentSumConfig,
  maxPoolGradConfig,
];

let registered = false;

/** Registers every custom wasm kernel once; call before `tf.setBackend('wasm')`. */
export function registerWasmKernels(): void {
  if (registered) return;
  for (const config of WASM_KERNELS) {
    if (tf.getKernel(config.kernelName, 'wasm') !== undefined) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
  registered = true;
}
