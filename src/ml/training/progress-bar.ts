import * as tf from '@tensorflow/tfjs';
import { SingleBar } from 'cli-progress';

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
 * Draws `epoch 3/20 [#######.....] 120/192 loss 0.2310` on one stderr line (cli-progress), rewritten per batch, then
 * leaves one line per finished epoch with its logs (including any validation metrics other callbacks added).
 * Training usually runs in the background with stderr in a log file, so the bar draws without a TTY too.
 *
 * @example await model.fit(x, y, { epochs, batchSize, callbacks: [progressBar({ epochs, batchesPerEpoch })] });
 */
export class ProgressBar extends tf.Callback {
  private epoch = 0;
  private started = Date.now();
  private readonly bar: SingleBar;

  constructor(private readonly options: ProgressBarOptions) {
    super();
    this.bar = new SingleBar({
      format: `epoch {epoch}/${options.epochs} [{bar}] {value}/{total} {logs}`,
      barCompleteChar: '#',
      barIncompleteChar: '.',
      barsize: options.width ?? 30,
      stream: options.stream ?? process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 0,
      synchronousUpdate: true,
      clearOnComplete: true,
      hideCursor: false,
    });
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epoch = epoch;
    this.started = Date.now();
    this.bar.start(this.options.batchesPerEpoch, 0, { epoch: epoch + 1, logs: '' });
  }

  override async onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    this.bar.update(Math.min(batch + 1, this.options.batchesPerEpoch), { epoch: this.epoch + 1, logs: formatLogs(await resolveLogs(logs)) });
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    this.bar.stop();
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    (this.options.stream ?? process.stderr).write(`epoch ${epoch + 1}/${this.options.epochs} ${seconds}s  ${formatLogs(await resolveLogs(logs))}\n`);
  }
}

export function progressBar(options: ProgressBarOptions): ProgressBar {
  return new ProgressBar(options);
}
