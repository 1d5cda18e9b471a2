import { UserFacingError } from './reply.js';

export interface BatchQueueOptions {
  /** How long the first input of a batch waits for company. */
  readonly windowMs: number;
  readonly maxBatch: number;
  /** Batches running at once. */
  readonly maxConcurrent: number;
  /** Inputs allowed to wait; past this, callers are told to come back later. */
  readonly maxQueue: number;
  readonly onDepthChange?: (depth: number) => void;
}

interface Pending<I, O> {
  readonly input: I;
  readonly resolve: (output: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Bounded queue in front of a model: inputs that arrive within `windowMs` run as one batch, at most
 * `maxConcurrent` batches run, and a full queue refuses at once instead of growing without bound.
 */
export class BatchQueue<I, O> {
  private readonly waiting: Array<Pending<I, O>> = [];
  private running = 0;
  private timer: NodeJS.Timeout | undefined;
  private meanBatchMs = 500;

  constructor(
    private readonly runBatch: (inputs: I[]) => Promise<O[]>,
    private readonly options: BatchQueueOptions,
  ) {}

  get depth(): number {
    return this.waiting.length;
  }

  get idle(): boolean {
    return this.waiting.length === 0 && this.running === 0;
  }

  run(input: I): Promise<O> {
    if (this.waiting.length >= this.options.maxQueue) {
      const seconds = Math.max(1, Math.ceil(((this.waiting.length / this.options.maxBatch + 1) * this.meanBatchMs) / 1000));
      return Promise.reject(new UserFacingError(`I'm busy with other requests right now: try again in ${seconds} s.`, 'busy', seconds));
    }
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.options.onDepthChange?.(this.waiting.length);
      this.schedule();
    });
  }

  private freeSlots(): number {
    return Math.max(0, this.options.maxConcurrent - this.running);
  }

  private schedule(): void {
    if (this.freeSlots() === 0 || this.waiting.length === 0) return;
    if (this.waiting.length >= this.options.maxBatch || this.options.windowMs === 0) {
      this.dispatch();
    } else {
      this.timer ??= setTimeout(() => this.dispatch(), this.options.windowMs);
    }
  }

  private dispatch(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.freeSlots() > 0 && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.options.onDepthChange?.(this.waiting.length);
      void this.execute(batch);
    }
  }

  private async execute(batch: Array<Pending<I, O>>): Promise<void> {
    this.running += 1;
    const started = performance.now();
    try {
      const outputs = await this.runBatch(batch.map((pending) => pending.input));
      batch.forEach((pending, index) => pending.resolve(outputs[index] as O));
      this.meanBatchMs = 0.8 * this.meanBatchMs + 0.2 * (performance.now() - started);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    } finally {
      this.running -= 1;
      this.schedule();
    }
  }
}
