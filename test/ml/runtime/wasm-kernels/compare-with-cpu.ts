import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { seededRandom } from '../../../../src/util/seeded-random.js';

export interface HostTensor {
  values: Float32Array | Int32Array;
  shape: number[];
  dtype: 'float32' | 'int32';
}

/** Deterministic uniform values in [-1, 1) (mulberry32), so a failing case can be rerun exactly. */
export function randomTensor(shape: number[], seed: number): HostTensor {
  const random = seededRandom(seed);
  const values = Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => random() * 2 - 1);
  return { values, shape, dtype: 'float32' };
}

export function intTensor(values: number[], shape = [values.length]): HostTensor {
  return { values: Int32Array.from(values), shape, dtype: 'int32' };
}

/** Runs one kernel on `backend` with fresh tensors built there, returning host values. */
export async function runKernelOn(
  backend: 'cpu' | 'wasm',
  kernelName: string,
  inputs: Record<string, HostTensor>,
  attrs: Record<string, unknown>,
): Promise<{ values: Float32Array | Int32Array; shape: number[] }> {
  await tf.setBackend(backend);
  const tensors = Object.fromEntries(
    Object.entries(inputs).map(([name, t]) => [name, tf.tensor(t.values, t.shape, t.dtype)]),
  );
  const out = tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const result = { values: (await out.data()) as Float32Array | Int32Array, shape: out.shape };
  tf.dispose([out, ...Object.values(tensors)]);
  return result;
}

/** Relative tolerance used by every kernel test: |wasm - cpu| <= RELATIVE_TOLERANCE * max(1, max |cpu|). */
export const RELATIVE_TOLERANCE = 1e-4;

export async function expectWasmMatchesCpu(
  kernelName: string,
  inputs: Record<string, HostTensor>,
  attrs: Record<string, unknown>,
): Promise<void> {
  const cpu = await runKernelOn('cpu', kernelName, inputs, attrs);
  const wasm = await runKernelOn('wasm', kernelName, inputs, attrs);
  expect(wasm.shape).toEqual(cpu.shape);
  let scale = 1;
  for (const v of cpu.values) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < cpu.values.length; i++) {
    worst = Math.max(worst, Math.abs((wasm.values[i] as number) - (cpu.values[i] as number)));
  }
  expect(worst).toBeLessThanOrEqual(RELATIVE_TOLERANCE * scale);
}

/** Output shape of a (depthwise) convolution, for building a matching dy. */
export function convOutShape(
  xShape: number[], filterShape: number[], strides: number, pad: 'same' | 'valid', dilations = 1, depthwise = false,
): number[] {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    strides, dilations, pad, undefined, depthwise,
  ).outShape;
}
