/**
 * One training epoch over variable-length examples: batches of similar length (reshuffled every epoch), each
 * padded only to its own longest example, one `trainOnBatch` each. `model.fit` needs one fixed-shape tensor for
 * the whole set, which would pad every SST sentence to the length of the longest review.
 *
 * @example
 * const loss = await trainEpoch(model, examples, 32, seededRandom(7), (done, total) => log(`${done}/${total}`));
 */
import * as tf from '@tensorflow/tfjs';
import { lengthBatches, padBatch } from './length-batches.js';

export interface TrainingExample {
  /** Word ids, at least one. */
  readonly ids: Int32Array;
  /** The model's target: the rating mapped onto [-1, 1]. */
  readonly target: number;
}

export type BatchListener = (done: number, total: number, meanLoss: number) => void;

/** Trains one pass over `examples`; returns the mean training loss, weighted by batch size. */
export async function trainEpoch(
  model: tf.LayersModel,
  examples: readonly TrainingExample[],
  batchSize: number,
  random: () => number,
  onBatch: BatchListener = () => {},
): Promise<number> {
  const batches = lengthBatches(examples.map((example) => example.ids.length), batchSize, random);
  let lossSum = 0;
  let seen = 0;
  for (const [index, rows] of batches.entries()) {
    const { ids, length } = padBatch(rows.map((row) => examples[row]!.ids));
    const x = tf.tensor2d(ids, [rows.length, length], 'int32');
    const y = tf.tensor2d(rows.map((row) => examples[row]!.target), [rows.length, 1]);
    const loss = (await model.trainOnBatch(x, y)) as number;
    tf.dispose([x, y]);
    lossSum += loss * rows.length;
    seen += rows.length;
    onBatch(index + 1, batches.length, lossSum / seen);
  }
  return lossSum / seen;
}
