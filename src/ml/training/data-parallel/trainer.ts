import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../../config.js';
import { mergedState, shardSizes, weightedMean } from './average.js';
import { GradientThread } from './gradient-thread.js';
import type { GradientWorkerSetup, ShardResult } from './protocol.js';
import { lossView, orderedWeights, readWeights, shardGradients, writeWeights } from './shard-gradients.js';

export interface DataParallelOptions {
  /** Gradient worker threads (default: one per core). */
  readonly workers?: number;
  /** The calling thread computes a shard too, instead of only coordinating (default false). */
  readonly computeOnMain?: boolean;
  /** The workers' backend (default: this thread's, which must be wasm or cpu: native backends use every core already). */
  readonly backend?: BackendName;
  /** Worker i seeds its dropout masks with seed + i, so a seeded run repeats exactly. */
  readonly seed?: number;
}

function lossName(model: tf.LayersModel): string {
  const loss = Array.isArray(model.loss) && model.loss.length === 1 ? model.loss[0] : model.loss;
  if (typeof loss !== 'string' || model.outputs.length !== 1) {
    throw new Error('data-parallel training needs a compiled single-output model whose loss is named (e.g. "binaryCrossentropy")');
  }
  return loss;
}

function currentBackend(): BackendName {
  const backend = tf.getBackend();
  if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`data-parallel training is for the one-thread backends (wasm, cpu), not "${backend}"`);
  return backend;
}

async function float32Data(tensor: tf.Tensor): Promise<Float32Array> {
  if (tensor.dtype !== 'float32') throw new Error(`data-parallel steps take float32 inputs and targets, got ${tensor.dtype}`);
  return tensor.data<'float32'>();
}

/**
 * Trains a compiled LayersModel with data-parallel steps: each step splits the batch into shards, worker threads
 * (each with its own backend and a copy of the model, built from its JSON topology) compute the gradients of their
 * shard's mean loss at the current weights, the gradients are averaged weighted by shard size and the model's own
 * optimizer takes one step on this thread. Weights travel to the workers with every step, so the model here stays
 * the only truth (callbacks, early stopping and saving use it as usual).
 *
 * Without batch norm a step equals `model.trainOnBatch` up to float rounding. Batch-norm layers normalise each
 * shard with its own statistics (PyTorch DDP without SyncBatchNorm), so gradients differ slightly from the
 * whole-batch ones; moving statistics are averaged (see `mergedState`).
 *
 * @example
 * const trainer = await DataParallelTrainer.start(model, { workers: 2 });
 * try { const loss = await trainer.step(xs, ys); } finally { await trainer.close(); }
 */
export class DataParallelTrainer {
  private failure: Error | undefined;
  /** Set when this thread computes a shard too. */
  private readonly mainView: tf.LayersModel | undefined;

  private constructor(private readonly model: tf.LayersModel, private readonly threads: GradientThread[], computeOnMain: boolean, loss: string) {
    this.mainView = computeOnMain ? lossView(model, loss) : undefined;
  }

  static async start(model: tf.LayersModel, options: DataParallelOptions = {}): Promise<DataParallelTrainer> {
    const setup: GradientWorkerSetup = { topology: model.toJSON(null, true) as string, loss: lossName(model), backend: options.backend ?? currentBackend() };
    const count = options.workers ?? availableParallelism();
    const seeded = (i: number): GradientWorkerSetup => (options.seed === undefined ? setup : { ...setup, seed: options.seed + i });
    const starting = Array.from({ length: count }, (_, i) => GradientThread.start(seeded(i), i));
    const started = await Promise.allSettled(starting);
    const threads = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) {
      await Promise.all(threads.map((thread) => thread.terminate()));
      throw failed.reason;
    }
    return new DataParallelTrainer(model, threads, options.computeOnMain ?? false, setup.loss);
  }

  /** One optimizer step on the batch; returns the batch's mean loss before the step, as `trainOnBatch` does. */
  async step(x: tf.Tensor, y: tf.Tensor): Promise<number> {
    if (this.failure) throw new Error(`an earlier data-parallel step failed: ${this.failure.message}`);
    try {
      return await this.runStep(x, y);
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw this.failure;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }

  private async runStep(x: tf.Tensor, y: tf.Tensor): Promise<number> {
    const batch = x.shape[0]!;
    const sizes = shardSizes(batch, this.threads.length + (this.mainView ? 1 : 0));
    const weights = await readWeights(orderedWeights(this.model));
    const results = await Promise.all(this.computeShards(sizes, weights, await float32Data(x), x.shape, await float32Data(y), y.shape));
    const shares = sizes.map((size) => size / batch);
    this.apply(weightedMean(results.map((r) => r.gradients), shares), mergedState(results.map((r) => r.state), shares));
    return results.reduce((sum, result, k) => sum + shares[k]! * result.loss, 0);
  }

  /** Sends the workers their shards first, then computes the last shard here if asked. */
  private computeShards(sizes: number[], weights: Float32Array[], x: Float32Array, xShape: number[], y: Float32Array, yShape: number[]): Promise<ShardResult>[] {
    const xRow = x.length / xShape[0]!;
    const yRow = y.length / yShape[0]!;
    let start = 0;
    return sizes.map((size, k) => {
      const [from, to] = [start, (start += size)];
      const thread = this.threads[k];
      if (thread === undefined) return this.computeHere(x.subarray(from * xRow, to * xRow), [size, ...xShape.slice(1)], y.subarray(from * yRow, to * yRow), [size, ...yShape.slice(1)]);
      return thread.compute({
        weights: weights.map((value) => value.slice()),
        x: x.slice(from * xRow, to * xRow), xShape: [size, ...xShape.slice(1)],
        y: y.slice(from * yRow, to * yRow), yShape: [size, ...yShape.slice(1)],
      });
    });
  }

  private async computeHere(x: Float32Array, xShape: number[], y: Float32Array, yShape: number[]): Promise<ShardResult> {
    const [xs, ys] = [tf.tensor(x, xShape), tf.tensor(y, yShape)];
    try {
      return await shardGradients(this.mainView!, xs, ys);
    } finally {
      tf.dispose([xs, ys]);
    }
  }

  private apply(gradients: Float32Array[], state: Float32Array[]): void {
    const variables = this.model.trainableWeights.map((weight) => weight.read() as tf.Variable);
    tf.tidy(() => {
      this.model.optimizer.applyGradients(Object.fromEntries(variables.map((v, i) => [v.name, tf.tensor(gradients[i]!, v.shape)])));
    });
    writeWeights(this.model.nonTrainableWeights, state);
  }
}
