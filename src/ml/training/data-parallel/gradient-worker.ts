/** One gradient thread: its own TensorFlow.js backend and a copy of the model, computing one shard per request. */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../runtime/backend.js';
import { seedTensorflowRandomness } from '../seeded-tensorflow.js';
import { errorMessage } from '../../../util/error-message.js';
import { type GradientWorkerMessage, type GradientWorkerSetup, type ShardRequest, transferList } from './protocol.js';
import { lossView, orderedWeights, shardGradients, writeWeights } from './shard-gradients.js';

const port = parentPort!;
const send = (message: GradientWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const setup = workerData as GradientWorkerSetup;

async function computeShard(model: tf.LayersModel, request: ShardRequest): Promise<void> {
  writeWeights(orderedWeights(model), request.weights);
  const x = tf.tensor(request.x, request.xShape);
  const y = tf.tensor(request.y, request.yShape);
  try {
    const result = await shardGradients(model, x, y);
    send({ type: 'gradients', ...result }, transferList([...result.gradients, ...result.state]));
  } finally {
    tf.dispose([x, y]);
  }
}

try {
  if (setup.seed !== undefined) seedTensorflowRandomness(setup.seed);
  const backend = await initBackend(setup.backend);
  const topology = JSON.parse(setup.topology) as tf.io.ModelJSON['modelTopology'];
  const model = lossView(await tf.models.modelFromJSON({ modelTopology: topology }), setup.loss);
  port.on('message', (request: ShardRequest) => {
    computeShard(model, request).catch((error: unknown) => send({ type: 'error', message: errorMessage(error) }));
  });
  send({ type: 'ready', backend });
} catch (error) {
  send({ type: 'failed', message: errorMessage(error) });
}
