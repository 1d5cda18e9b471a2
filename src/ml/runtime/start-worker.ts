import type { ResourceLimits, Worker } from 'node:worker_threads';
import { startWorkerModule } from '../../util/worker-module.js';
import { disableOnnxRuntimeTelemetry } from './onnx/telemetry.js';

/**
 * {@link startWorkerModule} for a worker that runs the models, which may load ONNX Runtime: its telemetry is turned
 * off first, from this thread (see telemetry.ts).
 *
 * @example
 * const worker = startModelWorker(import.meta.url, 'inference-worker', setup);
 */
export function startModelWorker(callerUrl: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  disableOnnxRuntimeTelemetry();
  return startWorkerModule(callerUrl, name, workerData, resourceLimits);
}
