import * as tf from '@tensorflow/tfjs';
import type { DataParallelTrainer } from './trainer.js';

export interface DataParallelFitOptions {
  readonly epochs: number;
  readonly batchesPerEpoch: number;
  readonly callbacks: readonly tf.Callback[];
}

type Batch = { xs: tf.Tensor; ys: tf.Tensor };

async function each(callbacks: readonly tf.Callback[], call: (callback: tf.Callback) => Promise<void>): Promise<void> {
  for (const callback of callbacks) await call(callback);
}

/**
 * `model.fitDataset` with data-parallel steps: the same callback calls (train, epoch and batch begin/end, with `loss`
 * in the logs, the epoch's being the example-weighted mean) and `model.stopTraining` honoured after each batch,
 * so early stopping and progress bars work unchanged. Takes and disposes `batchesPerEpoch` batches per epoch.
 */
export async function fitDataParallel(model: tf.LayersModel, trainer: DataParallelTrainer, batches: Iterator<Batch>, options: DataParallelFitOptions): Promise<void> {
  const { callbacks, epochs, batchesPerEpoch } = options;
  model.stopTraining = false;
  for (const callback of callbacks) {
    callback.setModel(model);
    callback.setParams({ epochs, steps: batchesPerEpoch });
  }
  await each(callbacks, (c) => c.onTrainBegin());
  for (let epoch = 0; epoch < epochs && !model.stopTraining; epoch++) {
    await each(callbacks, (c) => c.onEpochBegin(epoch));
    let [lossSum, examples] = [0, 0];
    for (let batch = 0; batch < batchesPerEpoch && !model.stopTraining; batch++) {
      const next = batches.next();
      if (next.done === true) throw new Error(`the batches ran out in epoch ${epoch + 1} after ${batch} of ${batchesPerEpoch}`);
      const { xs, ys } = next.value;
      const size = xs.shape[0]!;
      const begin = { batch, size };
      await each(callbacks, (c) => c.onBatchBegin(batch, begin));
      const loss = await trainer.step(xs, ys).finally(() => tf.dispose([xs, ys]));
      [lossSum, examples] = [lossSum + loss * size, examples + size];
      const logs = { batch, size, loss };
      await each(callbacks, (c) => c.onBatchEnd(batch, logs));
    }
    // One logs object for all callbacks: a callback may add metrics (val_mAP) for the ones after it.
    const logs = { loss: lossSum / examples };
    await each(callbacks, (c) => c.onEpochEnd(epoch, logs));
  }
  await each(callbacks, (c) => c.onTrainEnd());
}
