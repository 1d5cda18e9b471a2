import * as tf from '@tensorflow/tfjs';

/** A backbone layer whose activations are pooled over space into part of the feature vector. */
export interface FeatureTap {
  readonly layer: string;
  readonly pools: ReadonlyArray<'avg' | 'max'>;
}

/**
 * Taps from low-level (colour, texture) to the last layer (objects, faces, lettering) of MobileNetV2: genre lives at
 * several levels of a poster, so pooling only the last layer throws most of it away.
 */
export const DEFAULT_TAPS: readonly FeatureTap[] = [
  { layer: 'block_3_expand_relu', pools: ['avg'] },
  { layer: 'block_6_expand_relu', pools: ['avg', 'max'] },
  { layer: 'block_10_expand_relu', pools: ['avg', 'max'] },
  { layer: 'block_13_expand_relu', pools: ['avg', 'max'] },
  { layer: 'block_16_expand_relu', pools: ['avg', 'max'] },
  { layer: 'out_relu', pools: ['avg', 'max'] },
];

/** Views of each poster whose features are averaged: the poster and its mirror image (test-time augmentation). */
export type PosterView = 'original' | 'flipped';
export const DEFAULT_VIEWS: readonly PosterView[] = ['original', 'flipped'];

/**
 * What the poster gate and the "looks like" index read, whatever views the genre and rating heads average: the mirror
 * made the gate let one more of 180 wild non-posters through (README, "Serving the mirror too"), and the index's
 * figures were measured on the poster alone. Serving still runs the network once for all of them.
 */
export const GATE_AND_INDEX_VIEWS: readonly PosterView[] = ['original'];

export interface FeatureBlock {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

/** The tapped layers' activations, in tap order. */
export function tapOutputs(backbone: tf.LayersModel, taps: readonly FeatureTap[]): tf.SymbolicTensor[] {
  return taps.map((tap) => backbone.getLayer(tap.layer).output as tf.SymbolicTensor);
}

/** Builds one model from image to the concatenated pooled taps, and names each block's column range. */
export function buildFeatureExtractor(backbone: tf.LayersModel, taps: readonly FeatureTap[]): { model: tf.LayersModel; blocks: FeatureBlock[] } {
  const pooled: tf.SymbolicTensor[] = [];
  const blocks: FeatureBlock[] = [];
  let offset = 0;
  for (const [t, output] of tapOutputs(backbone, taps).entries()) {
    const tap = taps[t]!;
    const channels = output.shape[3] ?? 0;
    for (const pool of tap.pools) {
      const layer = pool === 'avg' ? tf.layers.globalAveragePooling2d({}) : tf.layers.globalMaxPooling2d({});
      pooled.push(layer.apply(output) as tf.SymbolicTensor);
      blocks.push({ name: `${tap.layer}/${pool}`, offset, size: channels });
      offset += channels;
    }
  }
  const output = pooled.length === 1 ? pooled[0]! : (tf.layers.concatenate().apply(pooled) as tf.SymbolicTensor);
  return { model: tf.model({ inputs: backbone.inputs, outputs: output }), blocks };
}

/** RGB bytes (n x size x size x 3) as the float batch the backbone expects. */
export function pixelsToBatch(images: readonly Uint8Array[], size: number, scale: number): tf.Tensor4D {
  return tf.tidy(() => {
    const expected = size * size * 3;
    const flat = new Uint8Array(images.length * expected);
    images.forEach((image, i) => {
      if (image.length !== expected) throw new Error(`Image ${i} has ${image.length} bytes, expected ${size}x${size}x3`);
      flat.set(image, i * expected);
    });
    return tf.tensor4d(flat, [images.length, size, size, 3], 'int32').toFloat().mul(scale) as tf.Tensor4D;
  });
}

/**
 * Pooled features of each image for each view, as one Float32Array per view (n x dim, row-major). The caller
 * averages views for serving; training caches them separately so augmentation choices can be measured.
 */
export function extractViewFeatures(
  extractor: tf.LayersModel,
  batch: tf.Tensor4D,
  views: readonly PosterView[],
): Float32Array[] {
  return views.map((view) =>
    tf.tidy(() => {
      const input = view === 'flipped' ? tf.reverse(batch, 2) : batch;
      return (extractor.predict(input) as tf.Tensor2D).dataSync() as Float32Array;
    }),
  );
}
