import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import type { PosterExplanation, PosterPredictor, PosterResult, ReviewExplanation, ReviewPredictor } from '../../../core/predictions.js';
import type { Logger } from '../../../logger.js';
import { startModelWorker } from '../../runtime/start-worker.js';
import { looksNotEnglish } from '../review/language.js';
import { readReviewTokenizer, REVIEW_MODEL_DIR } from '../review/metadata.js';
import type { ReviewTokenizer } from '../review/tokenizer.js';
import type { WorkerMessage, WorkerRequest, WorkerSetup } from './protocol.js';

/**
 * A worker's JavaScript makes little garbage (the tensors live in wasm memory), so a small young generation costs
 * no speed and saves about 30 MiB per worker against V8's default.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** Backends on which batching posters buys no speed (see InferencePool's poster predictor). */
const ONE_AT_A_TIME = new Set(['wasm', 'cpu']);

type Request = DistributiveOmit<WorkerRequest, 'id'>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
type Answer = Extract<WorkerMessage, { type: 'answer' }>;

interface Pending {
  readonly resolve: (answer: Answer) => void;
  readonly reject: (error: Error) => void;
}

/** How long close() lets the requests in flight finish before it stops the workers regardless. */
const CLOSE_GRACE_MS = 10_000;

class InferenceThread {
  readonly pending = new Map<number, Pending>();
  private idleWaiters: Array<() => void> = [];
  readonly ready: Promise<Extract<WorkerMessage, { type: 'ready' }>>;
  /** False once the worker failed to start or exited: it takes no more requests. */
  usable = true;
  private readonly worker: Worker;

  constructor(setup: WorkerSetup, onExit: (thread: InferenceThread, error: Error) => void) {
    this.worker = startModelWorker(import.meta.url, 'inference-worker', setup, RESOURCE_LIMITS);
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') resolve(message);
        else if (message.type === 'failed') reject(new Error(`inference worker could not start: ${message.message}`));
        else this.settle(message);
      });
      this.worker.once('error', reject);
    });
    this.ready.catch(() => (this.usable = false));
    this.worker.once('exit', (code) => {
      this.usable = false;
      const error = new Error(`inference worker stopped (exit code ${code})`);
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
      this.wakeIdleWaiters();
      onExit(this, error);
    });
  }

  send(request: WorkerRequest): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }

  /** Resolves once no request is in flight (at once when none is). */
  whenIdle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private settle(message: Extract<WorkerMessage, { type: 'answer' | 'error' }>): void {
    const pending = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.type === 'answer') pending?.resolve(message);
    else pending?.reject(new Error(message.message));
    if (this.pending.size === 0) this.wakeIdleWaiters();
  }

  private wakeIdleWaiters(): void {
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}

/**
 * The models in worker threads, so inference neither blocks the event loop (downloads, gateway heartbeats,
 * HTTP) nor leaves cores idle: the wasm backend computes on one thread each. A worker that dies is replaced;
 * the requests it held fail and reach the adapters' error boundary.
 *
 * @example
 * const pool = await InferencePool.start(2, { modelsDir: 'models' }, logger);
 * const [result] = await pool.posterPredictor.predict([pixels]);
 */
export class InferencePool {
  readonly posterPredictor: PosterPredictor;
  readonly reviewPredictor: ReviewPredictor;
  private nextId = 0;
  private closing = false;

  private constructor(
    private readonly threads: InferenceThread[],
    private readonly setup: WorkerSetup,
    private readonly logger: Logger,
    posterInputSize: number,
    readonly backend: string,
    explains: boolean,
    reviewTokenizer: ReviewTokenizer,
  ) {
    const predictPosters = async (images: readonly Uint8Array[]) => (await this.run({ kind: 'poster', images })).posters as PosterResult[];
    const batchesHelp = !ONE_AT_A_TIME.has(backend);
    this.posterPredictor = {
      inputSize: posterInputSize,
      batchesHelp,
      // On wasm and cpu a batch is no faster than its posters one by one, yet its activations grow the worker's
      // wasm heap for good (about +100 MiB at 8 posters): spread the posters over the workers, one at a time.
      predict: batchesHelp
        ? predictPosters
        : async (images) => (await Promise.all(images.map((image) => predictPosters([image])))).flat(),
      ...(explains ? { explain: async (image: Uint8Array) => (await this.run({ kind: 'poster-explain', image })).heatmap as PosterExplanation } : {}),
    };
    this.reviewPredictor = {
      predict: async (texts) => (await this.run({ kind: 'review', texts })).ratings as number[],
      explain: async (text) => (await this.run({ kind: 'review-explain', text })).explanation as ReviewExplanation,
      // Answered here, without a round trip: the vocabulary is all it needs.
      canRead: (text) => !looksNotEnglish(text, reviewTokenizer),
    };
  }

  static async start(count: number, setup: WorkerSetup, logger: Logger): Promise<InferencePool> {
    const threads: InferenceThread[] = [];
    let pool: InferencePool | undefined;
    const onExit = (thread: InferenceThread, error: Error) => pool?.replace(thread, error);
    for (let i = 0; i < count; i += 1) threads.push(new InferenceThread(setup, onExit));
    try {
      const [first] = await Promise.all(threads.map((thread) => thread.ready));
      const reviewTokenizer = await readReviewTokenizer(join(setup.modelsDir, REVIEW_MODEL_DIR));
      pool = new InferencePool(threads, setup, logger, first!.posterInputSize, first!.backend, first!.explains, reviewTokenizer);
      for (const note of first!.notes) logger.info(note);
      logger.info({ workers: count, backend: first!.backend, posterRuntime: first!.posterRuntime, threadsPerWorker: first!.threads }, 'inference workers ready');
      return pool;
    } catch (error) {
      // The others may be inside ONNX Runtime's session creation: stopping a worker there aborts the process.
      await Promise.allSettled(threads.map((thread) => thread.ready));
      await Promise.all(threads.map((thread) => thread.terminate()));
      throw error;
    }
  }

  get usableWorkers(): number {
    return this.threads.filter((thread) => thread.usable).length;
  }

  /**
   * Takes no new requests, lets those in flight finish (up to `graceMs`), then stops the workers. Stopping a worker
   * inside an ONNX Runtime call aborts the whole process ("terminate called after throwing an instance of
   * 'Napi::Error'", onnxruntime-node 1.30), so the pool never stops a busy worker unless the grace runs out.
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    this.closing = true;
    await Promise.race([Promise.all(this.threads.map((thread) => thread.whenIdle())), delay(graceMs, undefined, { ref: false })]);
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }

  private run(request: Request): Promise<Answer> {
    if (this.closing) return Promise.reject(new Error('the inference workers are shutting down'));
    const usable = this.threads.filter((thread) => thread.usable);
    if (usable.length === 0) return Promise.reject(new Error('no inference worker is running'));
    const thread = usable.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
    this.nextId += 1;
    return thread.send({ ...request, id: this.nextId });
  }

  private replace(thread: InferenceThread, error: Error): void {
    if (this.closing) return;
    this.logger.error({ err: error }, 'inference worker died: starting another');
    const replacement = new InferenceThread(this.setup, (dead, reason) => this.replace(dead, reason));
    this.threads[this.threads.indexOf(thread)] = replacement;
    replacement.ready.catch((reason: unknown) => this.logger.error({ err: reason }, 'replacement inference worker failed to start'));
  }
}
