import { setTimeout as delay } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { startModelWorker } from '../../runtime/start-worker.js';
import { type GradientWorkerMessage, type GradientWorkerSetup, type ShardRequest, type ShardResult, transferList } from './protocol.js';

interface Pending {
  readonly resolve: (result: ShardResult) => void;
  readonly reject: (error: Error) => void;
}

/** How long terminate() lets a shard in flight finish. */
const SHARD_GRACE_MS = 30_000;

/**
 * A gradient worker seen from the trainer: one shard at a time. Every way it can go wrong (failing to start, an
 * error on a shard, the thread stopping) rejects with a message naming the worker, so a step never hangs.
 */
export class GradientThread {
  private pending: Pending | undefined;
  /** Resolves when the latest shard is answered or failed (at once before the first). */
  private settled: Promise<void> = Promise.resolve();
  private stopped: Error | undefined;

  private constructor(private readonly worker: Worker, readonly name: string) {}

  static start(setup: GradientWorkerSetup, index: number): Promise<GradientThread> {
    const thread = new GradientThread(startModelWorker(import.meta.url, 'gradient-worker', setup), `data-parallel worker ${index + 1}`);
    return new Promise((resolve, reject) => {
      thread.worker.on('message', (message: GradientWorkerMessage) => {
        if (message.type === 'ready') resolve(thread);
        else if (message.type === 'failed') reject(new Error(`${thread.name} could not start: ${message.message}`));
        else thread.settle(message);
      });
      thread.worker.once('error', (error) => reject(thread.stop(new Error(`${thread.name} crashed: ${error.message}`))));
      thread.worker.once('exit', (code) => reject(thread.stop(new Error(`${thread.name} stopped (exit code ${code})`))));
    });
  }

  /** Gradients of one shard; the request's arrays are handed over to the worker. */
  compute(request: ShardRequest): Promise<ShardResult> {
    if (this.stopped) return Promise.reject(this.stopped);
    if (this.pending) return Promise.reject(new Error(`${this.name} is still computing a shard`));
    const result = new Promise<ShardResult>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(request, transferList([...request.weights, request.x, request.y]));
    });
    this.settled = result.then(() => undefined, () => undefined);
    return result;
  }

  /**
   * Stops the thread once its shard in flight (if any) is done, or after `graceMs`: stopping a worker inside an
   * ONNX Runtime call (large convolutions, see onnx-convolutions.ts) aborts the whole process.
   */
  async terminate(graceMs = SHARD_GRACE_MS): Promise<void> {
    await Promise.race([this.settled, delay(graceMs, undefined, { ref: false })]);
    await this.worker.terminate();
  }

  private settle(message: Extract<GradientWorkerMessage, { type: 'gradients' | 'error' }>): void {
    const pending = this.pending;
    this.pending = undefined;
    if (message.type === 'gradients') pending?.resolve(message);
    else pending?.reject(new Error(`${this.name} failed on its shard: ${message.message}`));
  }

  /** Marks the thread unusable and fails the shard it held. */
  private stop(error: Error): Error {
    this.stopped ??= error;
    this.pending?.reject(error);
    this.pending = undefined;
    return error;
  }
}
