/**
 * Runs a compiled plan on ONNX Runtime (the optional `onnxruntime-node` package, which ships its CPU binaries
 * inside the npm tarball, so it installs offline). Its convolutions use the CPU's widest vector units (AVX2,
 * AVX-512), where wasm has 128-bit SIMD without fused multiply-add: the poster backbone runs about three times faster.
 *
 * @example
 * const native = await compileForOnnxRuntime(model, 2);
 * if ('unavailable' in native) log(native.unavailable);
 * else const [rows] = await native.run(pixels, [2, 224, 224, 3]); // the tfjs model's numbers, to float rounding
 */
import type * as tf from '@tensorflow/tfjs';
import { buildPlan } from '../graph-compiler/build-plan.js';
import { UnsupportedLayerError } from '../graph-compiler/lower-layer.js';
import { optimizePlan } from '../graph-compiler/optimize.js';
import { ONNX_INPUT, onnxOutput, planToOnnx } from './plan-to-onnx.js';
import { sessionOptions } from './session-options.js';
import { disableOnnxRuntimeTelemetry } from './telemetry.js';
import { errorMessage } from '../../../util/error-message.js';

/** The few parts of onnxruntime-node's API used here, typed locally because the package is optional. */
interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}
interface OrtSession {
  run(feeds: Record<string, OrtTensor>, fetches: readonly string[]): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface OrtModule {
  readonly Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;
  readonly InferenceSession: { create(model: Uint8Array, options: Record<string, unknown>): Promise<OrtSession> };
}

export interface NativeInference {
  /**
   * Channels-last input in; out come the model's outputs numbered in `outputs` (row-major, channels-last, in that
   * order). Only what they need is computed.
   */
  run(input: Float32Array, dims: readonly number[], outputs?: readonly number[]): Promise<Float32Array[]>;
  release(): Promise<void>;
}

const PACKAGE = 'onnxruntime-node';

async function importOnnxRuntime(): Promise<OrtModule | { unavailable: string }> {
  disableOnnxRuntimeTelemetry();
  try {
    const module = (await import(PACKAGE)) as OrtModule & { default?: OrtModule };
    return module.default ?? module;
  } catch (error) {
    return { unavailable: `${PACKAGE} is not installed or does not load here (${errorMessage(error).split('\n')[0]})` };
  }
}

/**
 * Compiles the model's graph (batch norm folded) to ONNX and opens a session with `threads` intra-op threads that
 * sleep between calls, so an idle bot does not spin a core. Returns why when the package is missing or a layer
 * does not translate; the caller then keeps the tfjs path.
 */
export async function compileForOnnxRuntime(model: tf.LayersModel, threads: number): Promise<NativeInference | { unavailable: string }> {
  const ort = await importOnnxRuntime();
  if ('unavailable' in ort) return ort;
  let bytes: Uint8Array;
  try {
    bytes = planToOnnx(optimizePlan(buildPlan(model)));
  } catch (error) {
    if (error instanceof UnsupportedLayerError) return { unavailable: `the model does not translate to ONNX: ${error.message}` };
    throw error;
  }
  const session = await ort.InferenceSession.create(bytes, sessionOptions(threads));
  return {
    async run(input, dims, outputs = [0]) {
      const names = outputs.map(onnxOutput);
      const results = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', input, dims) }, names);
      return names.map((name) => results[name]!.data as Float32Array);
    },
    release: () => session.release(),
  };
}
