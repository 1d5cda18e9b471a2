/**
 * Run as a child process by wasm-threads.test.ts: a threaded wasm backend changes tfjs's global state for good,
 * so it is started here, away from the test workers. Prints one JSON line and exits on its own.
 */
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { wasmThreadCount } from '../../../src/ml/runtime/wasm-threads.js';

/** 16 x 16: on one thread, larger convolutions go to ONNX Runtime when it is installed (onnx-convolutions.ts). */
function convolve(): Float32Array {
  return tf.tidy(() => {
    const input = tf.linspace(-1, 1, 2 * 16 * 16 * 8).reshape([2, 16, 16, 8]) as tf.Tensor4D;
    const filter = tf.linspace(-0.5, 0.7, 3 * 3 * 8 * 64).reshape([3, 3, 8, 64]) as tf.Tensor4D;
    return tf.conv2d(input, filter, 1, 'same').relu().dataSync() as Float32Array;
  });
}

await initBackend('cpu');
const expected = convolve();
const logs: string[] = [];
await initBackend('wasm', (line) => logs.push(line), Number(process.argv[2]));
const actual = convolve();
const largest = expected.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
const relativeDifference = actual.reduce((max, value, i) => Math.max(max, Math.abs(value - expected[i]!)), 0) / largest;
const digest = createHash('sha256').update(new Uint8Array(actual.buffer)).digest('hex');
console.log(JSON.stringify({ threads: wasmThreadCount(), relativeDifference, digest, log: logs.at(-1) }));
