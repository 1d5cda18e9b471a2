// Opens an ONNX Runtime session for a one-layer model with whatever command line it was given and prints its output.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/ml/runtime/backend.js';
import { compileForOnnxRuntime } from '../../../../src/ml/runtime/onnx/native-inference.js';

await initBackend('cpu');
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2, kernelInitializer: 'ones' })] });
const native = await compileForOnnxRuntime(model, 1);
if ('unavailable' in native) throw new Error(native.unavailable);
const [output] = await native.run(new Float32Array([1, 2, 3, 4]), [1, 4]);
process.stdout.write(`${JSON.stringify(Array.from(output!))}\n`);
await native.release();
