/**
 * Training batches of similar length, so a batch of short sentences is short and a long review pads nothing much.
 *
 * @example
 * lengthBatches([3, 40, 5, 41], 2, seededRandom(1)); // [[1, 3], [0, 2]] or [[0, 2], [1, 3]]
 */
import { PAD_INDEX } from '../../serving/review/tokenizer.js';

/**
 * Row indices grouped `batchSize` at a time after sorting by length. Rows of equal length are shuffled before
 * sorting (the sort is stable) and the batch order is shuffled, so every epoch sees new batches.
 */
export function lengthBatches(lengths: readonly number[], batchSize: number, random: () => number): number[][] {
  const rows = lengths.map((_, row) => row);
  shuffleInPlace(rows, random);
  rows.sort((a, b) => lengths[a]! - lengths[b]!);
  const batches: number[][] = [];
  for (let start = 0; start < rows.length; start += batchSize) batches.push(rows.slice(start, start + batchSize));
  shuffleInPlace(batches, random);
  return batches;
}

function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/**
 * Row-major `[sequences.length, longest]` ids with padding after each shorter sequence, for `tf.tensor2d`. After,
 * not before: the convolutions read the words at the same positions whatever the padding, and batches are made of
 * similar lengths (see `lengthBuckets`), so little padding is ever added.
 */
export function padBatch(sequences: readonly Int32Array[]): { ids: Int32Array; length: number } {
  const length = Math.max(1, ...sequences.map((sequence) => sequence.length));
  const ids = new Int32Array(sequences.length * length).fill(PAD_INDEX);
  sequences.forEach((sequence, row) => ids.set(sequence, row * length));
  return { ids, length };
}
