import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';

/** Kernels the wasm backend lacks (or runs slowly) for training the team's models. */
const WASM_KERNELS: readonly tf.KernelConfig[] = [conv2dBackpropFilterConfig];

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
