import * as tf from '@tensorflow/tfjs';
import { type Logs, resolveLogs } from './progress-bar.js';

export interface EarlyStoppingOptions {
  /** Name under which the metric appears in the epoch logs and the history, e.g. `val_mAP`. */
  readonly name: string;
  /** Computes the validation metric for the model as it is at the end of an epoch. */
  readonly evaluate: (model: tf.LayersModel) => Promise<number> | number;
  readonly mode: 'min' | 'max';
  /** Epochs without improvement before training stops. */
  readonly patience: number;
  readonly minDelta?: number;
}

export interface EpochRecord {
  readonly epoch: number;
  readonly [metric: string]: number;
}

/**
 * Evaluates a caller-provided validation metric after every epoch, keeps a copy of the best weights in memory,
 * stops after `patience` epochs without improvement and restores the best weights when training ends. The
 * metric is written into the epoch logs (so a progress bar placed after it prints it) and into `history`.
 *
 * @example
 * const stopper = earlyStopping({ name: 'val_mae', mode: 'min', patience: 5, evaluate: (m) => maeOn(m, val) });
 * await model.fit(x, y, { epochs: 50, callbacks: [stopper, progressBar({ epochs: 50, batchesPerEpoch })] });
 * stopper.best; // { epoch, value }
 */
export class EarlyStoppingWithRestore extends tf.Callback {
  readonly history: EpochRecord[] = [];
  best: { epoch: number; value: number } | undefined;
  private bestWeights: tf.Tensor[] | undefined;
  private sinceBest = 0;

  constructor(private readonly options: EarlyStoppingOptions) {
    super();
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const value = await this.options.evaluate(this.model);
    if (logs) logs[this.options.name] = value;
    const record: Record<string, number> = { epoch: epoch + 1, ...(await resolveLogs(logs)) };
    this.history.push(record as EpochRecord);

    if (this.isImprovement(value)) {
      this.best = { epoch: epoch + 1, value };
      this.sinceBest = 0;
      this.disposeBest();
      this.bestWeights = this.model.getWeights().map((weight) => weight.clone());
    } else if (++this.sinceBest >= this.options.patience) {
      this.model.stopTraining = true;
    }
  }

  override async onTrainEnd(): Promise<void> {
    if (this.bestWeights) this.model.setWeights(this.bestWeights);
    this.disposeBest();
  }

  private isImprovement(value: number): boolean {
    if (Number.isNaN(value)) return false;
    if (!this.best) return true;
    const delta = this.options.minDelta ?? 0;
    return this.options.mode === 'max' ? value > this.best.value + delta : value < this.best.value - delta;
  }

  private disposeBest(): void {
    this.bestWeights?.forEach((tensor) => tensor.dispose());
    this.bestWeights = undefined;
  }
}

export function earlyStopping(options: EarlyStoppingOptions): EarlyStoppingWithRestore {
  return new EarlyStoppingWithRestore(options);
}
