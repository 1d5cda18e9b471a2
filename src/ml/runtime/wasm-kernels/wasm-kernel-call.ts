import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Inputs = Record<string, tf.TensorInfo>;

/**
 * Runs another wasm kernel directly, the way wasm's own composite kernels do: no tape, no engine bookkeeping,
 * so intermediates must be freed with {@link disposeIntermediate}.
 */
export function callWasmKernel(
  kernelName: string,
  backend: BackendWasm,
  inputs: Inputs,
  attrs: Record<string, unknown> = {},
): tf.TensorInfo {
  const kernel = tf.getKernel(kernelName, 'wasm');
  if (kernel === undefined) throw new Error(`wasm kernel ${kernelName} is not registered`);
  return kernel.kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
}

export function disposeIntermediate(backend: BackendWasm, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

export interface WasmKernelArgs<Attrs> {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: Attrs;
}

/** A wasm kernel config from a typed kernel function. */
export function wasmKernel<Attrs>(
  kernelName: string,
  kernelFunc: (args: WasmKernelArgs<Attrs>) => tf.TensorInfo,
): tf.KernelConfig {
  return { kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc };
}
