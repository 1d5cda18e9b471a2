import * as tf from '@tensorflow/tfjs';
import { decodePosterFiles, firstLine, type ImageItem } from './decode-files.js';
import type { Examples } from './fit.js';
import type { Targets } from './task.js';

export interface PixelTable {
  readonly ids: string[];
  /** ids.length x size x size x 3 RGB bytes. */
  readonly pixels: Uint8Array;
  readonly size: number;
  readonly unreadable: Array<{ id: string; reason: string }>;
}

/** Decodes every poster with the serving preprocessing (`decodePoster`), skipping and counting unreadable ones. */
export async function decodeAllPosters(items: readonly ImageItem[], size: number, onProgress: (done: number, total: number) => void = () => {}): Promise<PixelTable> {
  const frame = size * size * 3;
  const decoded: Array<Uint8Array | Error> = [];
  const CONCURRENCY = 8;
  for (let start = 0; start < items.length; start += CONCURRENCY) {
    decoded.push(...await decodePosterFiles(items.slice(start, start + CONCURRENCY), size));
    onProgress(Math.min(start + CONCURRENCY, items.length), items.length);
  }
  const ids: string[] = [];
  const unreadable: PixelTable['unreadable'] = [];
  const good: Uint8Array[] = [];
  decoded.forEach((result, i) => {
    if (result instanceof Error) unreadable.push({ id: items[i]!.id, reason: firstLine(result) });
    else {
      ids.push(items[i]!.id);
      good.push(result);
    }
  });
  const pixels = new Uint8Array(good.length * frame);
  good.forEach((image, i) => pixels.set(image, i * frame));
  return { ids, pixels, size, unreadable };
}

function mirror(image: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(image.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 3;
      const to = (y * size + (size - 1 - x)) * 3;
      out[to] = image[from]!;
      out[to + 1] = image[from + 1]!;
      out[to + 2] = image[from + 2]!;
    }
  }
  return out;
}

/**
 * Rows of a pixel table as examples scaled to 0-1. `gather` (training batches) mirrors every other time it sees an
 * example, a deterministic horizontal-flip augmentation; `batch` (evaluation) never does.
 */
export function pixelExamples(table: PixelTable, rows: readonly number[], targets: Targets): Examples & { gather(indices: readonly number[]): tf.Tensor } {
  const { size } = table;
  const frame = size * size * 3;
  const seen = new Uint32Array(rows.length);
  const build = (indices: readonly number[], augment: boolean): tf.Tensor => {
    const data = new Uint8Array(indices.length * frame);
    indices.forEach((index, i) => {
      const row = rows[index]!;
      const image = table.pixels.subarray(row * frame, (row + 1) * frame);
      data.set(augment && seen[index]!++ % 2 === 1 ? mirror(image, size) : image, i * frame);
    });
    return tf.tidy(() => tf.tensor4d(data, [indices.length, size, size, 3], 'int32').toFloat().div(255));
  };
  return {
    count: rows.length,
    targets: rows.map((row) => targets[row]!),
    batch: (start, end) => build(Array.from({ length: end - start }, (_, i) => start + i), false),
    gather: (indices) => build(indices, true),
  };
}
