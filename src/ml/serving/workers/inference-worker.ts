/** One inference thread: its own TensorFlow.js backend and its own copy of the poster and review models. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadModelsInThisThread } from '../load-in-this-thread.js';
import { wasmThreadCount } from '../../runtime/wasm-threads.js';
import type { WorkerMessage, WorkerRequest, WorkerSetup } from './protocol.js';
import { errorMessage } from '../../../util/error-message.js';

const port = parentPort!;
const send = (message: WorkerMessage) => port.postMessage(message);
const setup = workerData as WorkerSetup;

try {
  const notes: string[] = [];
  const { backend: chosen, poster, review } = await loadModelsInThisThread(setup, (note) => notes.push(note));
  port.on('message', async (request: WorkerRequest) => {
    try {
      if (request.kind === 'poster') send({ type: 'answer', id: request.id, posters: await poster.predict(request.images) });
      else if (request.kind === 'poster-explain') send({ type: 'answer', id: request.id, heatmap: await poster.explain!(request.image) });
      else if (request.kind === 'review') send({ type: 'answer', id: request.id, ratings: await review.predict(request.texts) });
      else send({ type: 'answer', id: request.id, explanation: await review.explain(request.text) });
    } catch (error) {
      send({ type: 'error', id: request.id, message: errorMessage(error) });
    }
  });
  send({
    type: 'ready', posterInputSize: poster.inputSize, backend: chosen, posterRuntime: poster.runtime, threads: wasmThreadCount(), explains: poster.explain !== undefined, notes,
  });
} catch (error) {
  send({ type: 'failed', message: errorMessage(error) });
}
