/**
 * The review rater's training loss: MAE (or Huber) on the [-1, 1] target, plus, when `sideWeight` > 0, a logistic
 * term on which side of the middle of the scale (5.5) the output falls. Positive/negative accuracy is decided by
 * that side alone, while MAE on the five SST levels pays as much for 7.5 vs 9.5 as for 5.4 vs 5.6: the side term
 * spends its gradient where the side is wrong or close to the middle. It reads the served output itself
 * (sigmoid of the rating minus 5.5 is the probability of "positive"), so the model keeps one output and the
 * serving code is unchanged.
 *
 * @example
 * model.compile({ optimizer, loss: reviewLoss('mae', 0.5) });
 */
import * as tf from '@tensorflow/tfjs';

export type ReviewLoss = 'mae' | 'huber';

type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** Logit per target unit: 4.5, the target's half range, makes one logit unit one rating point. */
export const SIDE_LOGIT_SCALE = 4.5;

/**
 * Binary cross-entropy of sigmoid(SIDE_LOGIT_SCALE * output) against the target's side, averaged over the rows
 * that have one: a target of exactly 0 (SST's neutral level, rating 5.5) is on neither side and weighs nothing.
 */
export function sideLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const side = tf.sign(yTrue);
  const hasSide = tf.abs(side);
  // -log sigmoid(z) = softplus(-z), with z the logit signed towards the target's side.
  const crossEntropy = tf.softplus(tf.mul(tf.mul(yPred, side), -SIDE_LOGIT_SCALE)).mul(hasSide);
  return tf.div(crossEntropy.sum(), tf.maximum(hasSide.sum(), 1));
}

/** Huber's delta 0.25 is about one rating point. */
function baseLoss(loss: ReviewLoss): LossFunction {
  if (loss === 'mae') return (yTrue, yPred) => tf.losses.absoluteDifference(yTrue, yPred);
  return (yTrue, yPred) => tf.losses.huberLoss(yTrue, yPred, undefined, 0.25);
}

/** What `model.compile` gets; plain MAE stays tfjs's own 'meanAbsoluteError', as the shipped model trained. */
export function reviewLoss(loss: ReviewLoss, sideWeight: number): string | LossFunction {
  if (loss === 'mae' && sideWeight === 0) return 'meanAbsoluteError';
  const base = baseLoss(loss);
  if (sideWeight === 0) return base;
  return (yTrue, yPred) => tf.add(base(yTrue, yPred), tf.mul(sideLoss(yTrue, yPred), sideWeight));
}
