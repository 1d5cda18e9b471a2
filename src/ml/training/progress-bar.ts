import * as tf from '@tensorflow/tfjs';

export interface ProgressBarOptions {
  /** Batches per epoch, for the bar's width; tfjs does not pass it to callbacks. */
  readonly batchesPerEpoch: number;
  readonly epochs: number;
  readonly stream?: NodeJS.WritableStream;
  readonly width?: number;
}

export type Logs = Record<string, number | tf.Tensor> | undefined;

/** tfjs may hand callbacks scalar tensors instead of numbers; this reads them. */
export async function resolveLogs(logs: Logs): Promise<Record<string, number>> {
  const resolved: Record<string, number> = {};
  for (const [key, value] of Object.entries(logs ?? {})) {
    resolved[key] = typeof value === 'number' ? value : ((await value.data())[0] ?? Number.NaN);
  }
  return resolved;
}

/** tfjs puts the batch index and size into batch logs; they are not metrics. */
const NOT_METRICS = new Set(['batch', 'size']);

function formatLogs(logs: Record<string, number>): string {
  return Object.entries(logs)
    .filter(([name]) => !NOT_METRICS.has(name))
    .map(([name, value]) => `${name} ${value.toFixed(4)}`)
    .join('  ');
}

/**
 * Draws `epoch 3/20 [#######.....] 120/192 loss 0.2310` on one stderr line, rewritten per batch, then leaves one
 * line per finished epoch with its logs (including any validation metrics other callbacks added).
 *
 * @example await model.fit(x, y, { epochs, batchSize, callbacks: [progressBar({ epochs, batchesPerEpoch })] });
 */
export class ProgressBar extends tf.Callback {
  private epoch = 0;
  private started = Date.now();

  constructor(private readonly options: ProgressBarOptions) {
    super();
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epoch = epoch;
    this.started = Date.now();
  }

  override async onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    const { batchesPerEpoch, epochs, width = 30 } = this.options;
    const done = Math.min(batch + 1, batchesPerEpoch);
    const filled = Math.round((done / Math.max(batchesPerEpoch, 1)) * width);
    const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
    const line = `epoch ${this.epoch + 1}/${epochs} [${bar}] ${done}/${batchesPerEpoch} ${formatLogs(await resolveLogs(logs))}`;
    this.write(`\r${line}\u001b[K`);
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    this.write(`\repoch ${epoch + 1}/${this.options.epochs} ${seconds}s  ${formatLogs(await resolveLogs(logs))}\u001b[K\n`);
  }

  private write(text: string): void {
    (this.options.stream ?? process.stderr).write(text);
  }
}

export function progressBar(options: ProgressBarOptions): ProgressBar {
  return new ProgressBar(options);
}
