/**
 * "Show why": where in the poster the top genre comes from. The genre head reads pooled, standardised features of
 * several taps of the backbone, averaged over both views. Each tap's activations get the gradient of the genre
 * probability through its pooling, the standardisation and the head (Grad-CAM's weights, taken for every tap the
 * head reads, not only the last block); gradient x activation is summed inside each cell of the last block's grid
 * (7 x 7 at 224 px), over taps and views (mirrored views flipped back). That is the first-order share of each image
 * region in the probability; only the backbone's forward pass runs (on ONNX Runtime when it serves the backbone),
 * no backward pass through its convolutions. With a second head on another backbone, the explained genre is the top
 * of the averaged answer the user sees, and the map shows where the first head's backbone finds it (the second
 * head's answer is a constant in that average).
 */
import * as tf from '@tensorflow/tfjs';
import type { PosterExplanation } from '../../../core/predictions.js';
import { type FeatureTap, tapOutputs } from './features.js';
import { viewBatch } from './native-views.js';
import { type FeatureHead, servedFeatures } from './serving-model.js';

/** One tap's activations for one view, batch of one; `flipped` maps are mirrored back. */
export interface ViewActivations {
  readonly activations: tf.Tensor4D;
  readonly flipped: boolean;
}

/**
 * Gradient x activation of `score` summed over channels and inside each cell of a `cells` x `cells` grid (taps of
 * higher resolution are summed over their blocks of positions), added over all activations, then ReLU and scaled
 * to max 1 (all zeros when nothing speaks for the score). Row 0 is the top of the image.
 */
export function attributionGrid(views: readonly ViewActivations[], cells: number, score: (activations: tf.Tensor4D[]) => tf.Scalar): number[][] {
  const map = tf.tidy(() => {
    const gradients = tf.grads((...activations: tf.Tensor[]) => score(activations as tf.Tensor4D[]))(views.map((view) => view.activations));
    const maps = views.map((view, i) => {
      const contribution = view.activations.mul(gradients[i]!).sum(3, true) as tf.Tensor4D;
      const stride = (view.activations.shape[1] ?? cells) / cells;
      const perCell = stride === 1 ? contribution : tf.avgPool(contribution, stride, stride, 'valid').mul(stride * stride);
      const cam = perCell.squeeze([0, 3]);
      return view.flipped ? tf.reverse(cam, 1) : cam;
    });
    const summed = tf.addN(maps).relu();
    return summed.div(summed.max().maximum(1e-12));
  });
  const grid = map.arraySync() as number[][];
  map.dispose();
  return grid;
}

function poolTap(activations: tf.Tensor4D, tap: FeatureTap): tf.Tensor2D {
  const pooled = tap.pools.map((pool) => (pool === 'avg' ? activations.mean([1, 2]) : activations.max([1, 2])) as tf.Tensor2D);
  return pooled.length === 1 ? pooled[0]! : tf.concat(pooled, 1);
}

/** RGB bytes (size x size x 3, from decodePoster) to the top genre and its heat map. */
export type PosterExplainer = (image: Uint8Array) => Promise<PosterExplanation>;

/** Explains a genre head on its shared backbone (averaged with `secondHead`'s answer); `labels` name the outputs. */
export function createPosterExplainer(head: FeatureHead, labels: readonly string[], secondHead?: FeatureHead): PosterExplainer {
  const { config, extractor, native } = head.backbone;
  // Shares the extractor's layers and weights: nothing of its own to dispose.
  const tapModel = tf.model({ inputs: extractor.inputs, outputs: tapOutputs(extractor, config.taps) });
  const tapShapes = tapModel.outputs.map((output) => output.shape.slice(1) as [number, number, number]);
  const cells = tapShapes[tapShapes.length - 1]?.[0] ?? 1;
  const size = config.inputSize;
  const tapCount = config.taps.length;

  /** Every tap's activations for every view, view-major, each a batch of one. */
  const activationsOf = async (image: Uint8Array): Promise<tf.Tensor4D[]> => {
    if (native === undefined) {
      return tf.tidy(() => {
        const input = tf.tensor4d(image, [1, size, size, 3], 'int32').toFloat().mul(config.scale) as tf.Tensor4D;
        return config.views.flatMap((view) => tapModel.predict(view === 'flipped' ? tf.reverse(input, 2) : input) as tf.Tensor4D[]);
      });
    }
    const taps = await native.run(viewBatch([image], config), [config.views.length, size, size, 3], config.taps.map((_, t) => t + 1));
    return config.views.flatMap((_, v) => taps.map((values, t) => {
      const [height, width, channels] = tapShapes[t]!;
      const length = height * width * channels;
      return tf.tensor4d(values.subarray(v * length, (v + 1) * length), [1, height, width, channels]);
    }));
  };

  /** The second head's answer for the image, or undefined without one; the caller disposes it. */
  const secondAnswerOf = async (image: Uint8Array): Promise<tf.Tensor2D | undefined> => {
    if (secondHead === undefined) return undefined;
    const pixels = tf.tidy(() => tf.tensor4d(image, [1, size, size, 3], 'int32').toFloat() as tf.Tensor4D);
    const features = await servedFeatures(secondHead.backbone, [image], pixels).finally(() => pixels.dispose());
    const answer = secondHead.predict(features);
    features.dispose();
    return answer;
  };

  /** The top genre and its grid, from the activations (which the caller disposes). */
  const explainFrom = (activations: tf.Tensor4D[], secondAnswer: tf.Tensor2D | undefined): PosterExplanation => tf.tidy(() => {
    const probabilities = (taps: tf.Tensor4D[]): tf.Tensor2D => {
      const perView = config.views.map((_, v) => tf.concat(config.taps.map((tap, t) => poolTap(taps[v * tapCount + t]!, tap)), 1));
      const features = tf.addN(perView).div(perView.length) as tf.Tensor2D;
      const answer = head.model.apply(head.standardise(features), { training: false }) as tf.Tensor2D;
      return secondAnswer === undefined ? answer : answer.add(secondAnswer).div(2);
    };
    const views = activations.map((tap, i) => ({ activations: tap, flipped: config.views[Math.floor(i / tapCount)] === 'flipped' }));
    const top = probabilities(activations).argMax(1).dataSync()[0]!;
    const grid = attributionGrid(views, cells, (taps) => probabilities(taps).slice([0, top], [1, 1]).reshape([]) as tf.Scalar);
    return { genre: labels[top]!, grid };
  });

  return async (image) => {
    if (image.length !== size * size * 3) throw new Error(`Image has ${image.length} bytes, expected ${size}x${size}x3 RGB`);
    const secondAnswer = await secondAnswerOf(image);
    const activations = await activationsOf(image).catch((error: unknown) => {
      secondAnswer?.dispose();
      throw error;
    });
    try {
      return explainFrom(activations, secondAnswer);
    } finally {
      tf.dispose([...activations, ...(secondAnswer ? [secondAnswer] : [])]);
    }
  };
}
