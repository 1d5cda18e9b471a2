import * as tf from '@tensorflow/tfjs';
import type { WasmKernelArgs } from './wasm-kernel-call.js';

/**
 * A faster path for an existing wasm kernel. `fastPath` returns null for inputs it does not handle, which then go
 * to wasm's own kernel, kept (with its setup) as the fallback.
 */
export interface WasmKernelOverride<Attrs = Record<string, unknown>> {
  kernelName: string;
  fastPath(args: WasmKernelArgs<Attrs>): tf.TensorInfo | null;
}

export function wasmOverride<Attrs>(
  kernelName: string,
  fastPath: (args: WasmKernelArgs<Attrs>) => tf.TensorInfo | null,
): WasmKernelOverride {
  return { kernelName, fastPath: fastPath as WasmKernelOverride['fastPath'] };
}

/** Wraps wasm's registered kernel so unsupported cases still run it. */
export function overrideConfig(override: WasmKernelOverride): tf.KernelConfig {
  const original = tf.getKernel(override.kernelName, 'wasm');
  if (original === undefined) throw new Error(`wasm kernel ${override.kernelName} is not registered, cannot override it`);
  const kernelFunc: tf.KernelFunc = (args) =>
    override.fastPath(args as unknown as WasmKernelArgs<Record<string, unknown>>) ?? original.kernelFunc(args);
  return { kernelName: original.kernelName, backendName: 'wasm', setupFunc: original.setupFunc, kernelFunc };
}
