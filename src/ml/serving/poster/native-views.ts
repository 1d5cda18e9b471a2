/**
 * The poster views for a native backbone, built in plain arrays with the float32 arithmetic of the tfjs path
 * (`backboneFeatures`): pixels times the backbone's scale, the mirror image, and the views' mean.
 */
import type { BackboneConfig } from './backbone.js';

/** Every image in every view, view-major (all originals, then all mirrors), channels-last and scaled. */
export function viewBatch(images: readonly Uint8Array[], config: Pick<BackboneConfig, 'inputSize' | 'scale' | 'views'>): Float32Array {
  const size = config.inputSize;
  const imageLength = size * size * 3;
  const scale = Math.fround(config.scale);
  const batch = new Float32Array(config.views.length * images.length * imageLength);
  config.views.forEach((view, v) => {
    images.forEach((image, i) => {
      const base = (v * images.length + i) * imageLength;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const from = (y * size + x) * 3;
          const to = base + (y * size + (view === 'flipped' ? size - 1 - x : x)) * 3;
          batch[to] = image[from]! * scale;
          batch[to + 1] = image[from + 1]! * scale;
          batch[to + 2] = image[from + 2]! * scale;
        }
      }
    });
  });
  return batch;
}

/**
 * View-major rows [views x count, dim] averaged over the views at `viewRows` into [count, dim], summed in that order
 * as tf.addN does.
 */
export function meanOverViews(rows: Float32Array, count: number, viewRows: readonly number[], dim: number): Float32Array {
  const [first, ...rest] = viewRows.map((v) => v * count * dim);
  const mean = new Float32Array(count * dim);
  for (let i = 0; i < count * dim; i++) {
    let sum = rows[first! + i]!;
    for (const offset of rest) sum = Math.fround(sum + rows[offset + i]!);
    mean[i] = sum / viewRows.length;
  }
  return mean;
}
