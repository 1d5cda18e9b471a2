import * as tf from '@tensorflow/tfjs';
import { wasmOverride } from '../kernel-override.js';
import { callWasmKernel, disposeIntermediate } from '../wasm-kernel-call.js';

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

/**
 * wasm runs BatchMatMul through XNNPACK only without transposes and at batch 1; with a transpose flag (every
 * gradient of a dense layer) it falls back to a naive loop. This makes the transposes explicit and then computes
 * either A·B or (B^T·A^T)^T, whichever moves fewer floats (XNNPACK packs the right operand on every new tensor).
 */
export const batchMatMulOverride = wasmOverride<MatMulAttrs>('BatchMatMul', ({ inputs, backend, attrs }) => {
  const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const { transposeA, transposeB } = attrs;
  if (!transposeA && !transposeB) return null;
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return null;
  const batchA = a.shape.slice(0, -2);
  const batchB = b.shape.slice(0, -2);
  if (tf.util.sizeFromShape(batchA) !== 1 || tf.util.sizeFromShape(batchB) !== 1) return null;
  const [aRows, aCols] = a.shape.slice(-2) as [number, number];
  const [bRows, bCols] = b.shape.slice(-2) as [number, number];
  const [m, k] = transposeA ? [aCols, aRows] : [aRows, aCols];
  const n = transposeB ? bRows : bCols;
  if (k !== (transposeB ? bCols : bRows)) return null;

  const intermediates: tf.TensorInfo[] = [];
  const keep = (info: tf.TensorInfo): tf.TensorInfo => {
    intermediates.push(info);
    return info;
  };
  const matrix = (x: tf.TensorInfo, rows: number, cols: number) =>
    keep(callWasmKernel('Reshape', backend, { x }, { shape: [rows, cols] }));
  const transposed = (x: tf.TensorInfo) => keep(callWasmKernel('Transpose', backend, { x }, { perm: [1, 0] }));
  const plainMatMul = (left: tf.TensorInfo, right: tf.TensorInfo) =>
    callWasmKernel('BatchMatMul', backend, { a: left, b: right }, { transposeA: false, transposeB: false });

  const a2 = matrix(a, aRows, aCols);
  const b2 = matrix(b, bRows, bCols);
  const sizeA = m * k;
  const sizeB = k * n;
  const direct = (transposeA ? sizeA : 0) + (transposeB ? sizeB : 0) + sizeB;
  const swapped = (transposeA ? 0 : sizeA) + (transposeB ? 0 : sizeB) + sizeA + m * n;
  let product: tf.TensorInfo;
  if (direct <= swapped) {
    product = plainMatMul(transposeA ? transposed(a2) : a2, transposeB ? transposed(b2) : b2);
  } else {
    const productT = keep(plainMatMul(transposeB ? b2 : transposed(b2), transposeA ? a2 : transposed(a2)));
    product = callWasmKernel('Transpose', backend, { x: productT }, { perm: [1, 0] });
  }
  const outShape = [...tf.backend_util.assertAndGetBroadcastShape(batchA, batchB), m, n];
  const out = callWasmKernel('Reshape', backend, { x: product }, { shape: outShape });
  disposeIntermediate(backend, product, ...intermediates);
  return out;
});
