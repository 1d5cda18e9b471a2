import * as tf from '@tensorflow/tfjs';
import { seededShuffle } from '../../../util/seeded-random.js';
import { fitDataParallel } from '../data-parallel/fit-loop.js';
import { DataParallelTrainer } from '../data-parallel/trainer.js';
import { earlyStopping, type EpochRecord } from '../early-stopping.js';
import { type Logs, progressBar } from '../progress-bar.js';
import { type PosterTask, SELECTION_METRIC, taskMetrics, type Targets } from './task.js';

/** Inputs of any shape (features n x d, or pixels n x h x w x 3), built lazily per batch by the caller. */
export interface Examples {
  readonly count: number;
  /** Inputs of examples [start, end) as a tensor; the caller owns nothing, fit disposes it. */
  batch(start: number, end: number): tf.Tensor;
  readonly targets: Targets;
}

export interface FitOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly patience: number;
  readonly seed: number;
  /** Print a progress bar to stderr (off inside cross-validation). */
  readonly progress: boolean;
  /**
   * Data-parallel steps over this many gradient worker threads (wasm and cpu compute on one thread each); 0 or
   * absent: `model.fitDataset` on this thread. Batch norm then normalises each shard with its own statistics.
   */
  readonly workers?: number;
}

export interface FitResult {
  readonly history: EpochRecord[];
  readonly best: { epoch: number; value: number } | undefined;
}

/** Predictions for all examples, batch by batch, without keeping tensors alive. */
export async function predictAll(model: tf.LayersModel, examples: Pick<Examples, 'count' | 'batch'>, batchSize = 256): Promise<number[][]> {
  const rows: number[][] = [];
  for (let start = 0; start < examples.count; start += batchSize) {
    const input = examples.batch(start, Math.min(start + batchSize, examples.count));
    const output = model.predict(input) as tf.Tensor2D;
    rows.push(...((await output.array()) as number[][]));
    tf.dispose([input, output]);
  }
  return rows;
}

/** Adds the task metrics on a set that takes no part in any decision (the validation split) to each epoch's logs. */
class MonitorMetrics extends tf.Callback {
  constructor(private readonly task: PosterTask, private readonly examples: Examples) {
    super();
  }

  override async onEpochEnd(_epoch: number, logs?: Logs): Promise<void> {
    const metrics = taskMetrics(this.task, await predictAll(this.model, this.examples), this.examples.targets);
    for (const [name, value] of Object.entries(metrics)) if (logs) logs[`val_${name}`] = value;
  }
}

/** Deterministic Fisher-Yates shuffle from a seed (mulberry32): the batch order repeats. */
export function shuffledIndices(count: number, seed: number): number[] {
  return seededShuffle(Array.from({ length: count }, (_, i) => i), seed);
}

/**
 * Trains `model` (already compiled) on shuffled mini-batches, scoring the task's selection metric on `heldout`
 * after each epoch; stops early and restores the best epoch's weights. `monitor` (the validation split) is only
 * scored for the training curve, never used to decide anything. Batches are built lazily through
 * `train.batch` over a shuffled order, so pixel-level models never hold the whole set as one tensor.
 */
export async function fitModel(
  model: tf.LayersModel,
  task: PosterTask,
  train: Examples & { gather(indices: readonly number[]): tf.Tensor },
  heldout: Examples,
  options: FitOptions,
  monitor?: Examples,
): Promise<FitResult> {
  const metric = SELECTION_METRIC[task];
  const stopper = earlyStopping({
    name: `heldout_${metric.name}`,
    mode: metric.mode,
    patience: options.patience,
    evaluate: async (m) => taskMetrics(task, await predictAll(m, heldout), heldout.targets)[metric.name]!,
  });
  const batchesPerEpoch = Math.ceil(train.count / options.batchSize);
  const callbacks: tf.Callback[] = monitor ? [new MonitorMetrics(task, monitor), stopper] : [stopper];
  if (options.progress) callbacks.push(progressBar({ epochs: options.epochs, batchesPerEpoch }));
  const targetWidth = train.targets[0]!.length;
  // Endless, reshuffled each epoch: fitDataset with batchesPerEpoch keeps one iterator across epochs.
  const batches = function* (): Generator<{ xs: tf.Tensor; ys: tf.Tensor }> {
    for (let epoch = 0; ; epoch++) {
      const order = shuffledIndices(train.count, options.seed + epoch);
      for (let start = 0; start < order.length; start += options.batchSize) {
        const indices = order.slice(start, start + options.batchSize);
        const ys = tf.tensor2d(indices.map((i) => train.targets[i]!), [indices.length, targetWidth]);
        yield { xs: train.gather(indices), ys };
      }
    }
  };
  if ((options.workers ?? 0) > 0) {
    const trainer = await DataParallelTrainer.start(model, { workers: options.workers, seed: options.seed });
    try {
      await fitDataParallel(model, trainer, batches(), { epochs: options.epochs, batchesPerEpoch, callbacks });
    } finally {
      await trainer.close();
    }
  } else {
    await model.fitDataset(tf.data.generator(batches), { epochs: options.epochs, batchesPerEpoch, callbacks, verbose: 0 });
  }
  return { history: stopper.history, best: stopper.best };
}
