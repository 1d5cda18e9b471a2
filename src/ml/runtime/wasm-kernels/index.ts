/**
 * Kernels registered on the wasm backend: `gradients/` are the training gradients wasm lacks or gets wrong,
 * `speed-ups/` replace wasm kernels that dominated a training step or a poster's forward pass. Hand-written
 * because no package provides them for tfjs' wasm backend; each is tested against the `cpu` backend.
 */
import * as tf from '@tensorflow/tfjs';
import { batchMatMulOverride } from './speed-ups/batch-mat-mul.js';
import { batchNormGradConfig, registerBatchNormGradient } from './gradients/batch-norm-gradient.js';
import { registerBatchNormLayerTraining } from './speed-ups/batch-norm-layer.js';
import { batchNormTrainingConfig, batchNormTrainingGradConfig, registerBatchNormTrainingGradient } from './speed-ups/batch-norm-training.js';
import { castOverride } from './speed-ups/cast.js';
import { conv2dBackpropFilterConfig } from './gradients/conv2d-backprop-filter.js';
import { conv2dBackpropInputOverride } from './gradients/conv2d-backprop-input.js';
import { depthwiseConv2dBackpropFilterConfig, depthwiseConv2dBackpropInputConfig } from './gradients/depthwise-conv2d-backprop.js';
import { fusedBatchNormOverride } from './speed-ups/fused-batch-norm.js';
import { identityOverride } from './speed-ups/identity.js';
import { overrideConfig, type WasmKernelOverride } from './kernel-override.js';
import { maxPoolGradConfig } from './gradients/max-pool-grad.js';
import { meanGradConfig, registerMomentsGradients, squareGradConfig } from './gradients/moments-gradients.js';
import { meanOverride, sumOverride } from './speed-ups/reduce-block.js';
import { conv2dOverride } from './speed-ups/onnx-convolutions.js';
import { reverseOverride } from './speed-ups/reverse.js';
import { tileOverride } from './speed-ups/tile.js';
import { registerUnpackGradient } from './gradients/unpack-gradient.js';
import { unsortedSegmentSumConfig } from './gradients/unsorted-segment-sum.js';

/** Kernels the wasm backend lacks for training the team's models, and the fused batch-norm training pair. */
const NEW_KERNELS: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseConv2dBackpropInputConfig,
  depthwiseConv2dBackpropFilterConfig,
  unsortedSegmentSumConfig,
  maxPoolGradConfig,
  batchNormGradConfig,
  meanGradConfig,
  squareGradConfig,
  batchNormTrainingConfig,
  batchNormTrainingGradConfig,
];

/** Faster paths for wasm kernels that dominated a training step; wasm's own kernel remains their fallback. */
const OVERRIDES: readonly WasmKernelOverride[] = [
  conv2dOverride,
  conv2dBackpropInputOverride,
  batchMatMulOverride,
  sumOverride,
  meanOverride,
  tileOverride,
  identityOverride,
  fusedBatchNormOverride,
  castOverride,
  reverseOverride,
];

let registered = false;

/** Registers every custom wasm kernel once; call before `tf.setBackend('wasm')` (or it runs their setup itself). */
export function registerWasmKernels(): void {
  if (registered) return;
  const configs = [...NEW_KERNELS, ...OVERRIDES.map(overrideConfig)];
  for (const config of configs) {
    if (tf.getKernel(config.kernelName, 'wasm') !== undefined) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
  // Not tf.findBackend: it would start a second wasm instance beside the one tf.setBackend('wasm') makes.
  const initialised = tf.engine().registry['wasm'];
  if (initialised !== undefined) for (const config of configs) config.setupFunc?.(initialised);
  registerBatchNormGradient();
  registerMomentsGradients();
  registerUnpackGradient();
  registerBatchNormTrainingGradient();
  registerBatchNormLayerTraining();
  registered = true;
}
