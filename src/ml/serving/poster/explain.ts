/**
 * "Show why": a Grad-CAM heat map of the top genre over the backbone's last tap (MobileNetV2's `out_relu`,
 * 7 x 7 at 224 px). The genre head reads pooled, standardised features of several taps and both views; only the
 * last tap's pooling depends on the last block, so the gradient of the genre probability with respect to each
 * view's last-block activations is taken exactly through pooling, standardisation and the head, with no
 * backward pass through the convolutions.
 */
import * as tf from '@tensorflow/tfjs';
import type { PosterExplanation } from '../../../core/predictions.js';
import { compileForInference } from '../../runtime/graph-compiler/compile.js';
import type { FeatureTap } from './features.js';
import type { FeatureHead } from './serving-model.js';

/** One view's activations of the explained block, batch of one; `flipped` maps are mirrored back. */
export interface ViewActivations {
  readonly activations: tf.Tensor4D;
  readonly flipped: boolean;
}

/**
 * Grad-CAM over views: channel weights are the spatial mean of d score / d activations, each view's map is
 * ReLU(sum over channels of weight x activation), mirrored views are flipped back, and the average is scaled to
 * max 1 (all zeros when nothing speaks for the score). Row 0 is the top of the image.
 */
export function gradCamGrid(views: readonly ViewActivations[], score: (activations: tf.Tensor4D[]) => tf.Scalar): number[][] {
  const map = tf.tidy(() => {
    const gradients = tf.grads((...activations: tf.Tensor[]) => score(activations as tf.Tensor4D[]))(views.map((view) => view.activations));
    const maps = views.map((view, i) => {
      const weights = gradients[i]!.mean([1, 2], true);
      const cam = view.activations.mul(weights).sum(3).relu();
      return view.flipped ? tf.reverse(cam, 2) : cam;
    });
    const summed = tf.addN(maps).squeeze([0]);
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

export interface PosterExplainer {
  /** RGB bytes (size x size x 3, from decodePoster) to the top genre and its heat map. */
  explain(image: Uint8Array): Promise<PosterExplanation>;
  dispose(): void;
}

/** Explains a genre head on its shared backbone; `labels` name the head's outputs. */
export function createPosterExplainer(head: FeatureHead, labels: readonly string[]): PosterExplainer {
  const { backbone } = head;
  const { config, extractor, blocks, featureDim } = backbone;
  const lastTap = config.taps[config.taps.length - 1]!;
  const lastTapBlocks = blocks.filter((block) => block.name.startsWith(`${lastTap.layer}/`));
  const lastTapStart = lastTapBlocks[0]!.offset;
  if (lastTapStart + lastTapBlocks.reduce((width, block) => width + block.size, 0) !== featureDim) {
    throw new Error(`The explained tap ${lastTap.layer} must be the last columns of the feature row`);
  }
  const lastBlock = compileForInference(tf.model({ inputs: extractor.inputs, outputs: extractor.getLayer(lastTap.layer).output as tf.SymbolicTensor }));
  const size = config.inputSize;

  const explain = (image: Uint8Array): PosterExplanation => tf.tidy(() => {
    if (image.length !== size * size * 3) throw new Error(`Image has ${image.length} bytes, expected ${size}x${size}x3 RGB`);
    const input = tf.tensor4d(image, [1, size, size, 3], 'int32').toFloat().mul(config.scale) as tf.Tensor4D;
    const viewInputs = config.views.map((view) => ({ flipped: view === 'flipped', input: view === 'flipped' ? tf.reverse(input, 2) : input }));
    const earlierTaps = viewInputs.map((view) => (backbone.infer(view.input) as tf.Tensor2D).slice([0, 0], [1, lastTapStart]));
    const views = viewInputs.map((view) => ({ flipped: view.flipped, activations: lastBlock(view.input) as tf.Tensor4D }));
    const probabilities = (activations: tf.Tensor4D[]): tf.Tensor2D => {
      const perView = activations.map((a, i) => tf.concat([earlierTaps[i]!, poolTap(a, lastTap)], 1));
      const features = tf.addN(perView).div(perView.length) as tf.Tensor2D;
      return head.model.apply(head.standardise(features), { training: false }) as tf.Tensor2D;
    };
    const top = probabilities(views.map((view) => view.activations)).argMax(1).dataSync()[0]!;
    const grid = gradCamGrid(views, (activations) => probabilities(activations).slice([0, top], [1, 1]).reshape([]) as tf.Scalar);
    return { genre: labels[top]!, grid };
  });

  return {
    explain: async (image) => explain(image),
    dispose: () => lastBlock.dispose(),
  };
}
