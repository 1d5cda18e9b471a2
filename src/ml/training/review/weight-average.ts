/**
 * A running mean of a model's weights over the epochs it is given (stochastic weight averaging, Izmailov et al.
 * 2018): late epochs wander around a minimum, and their mean usually sits nearer its centre than any one of them.
 * The mean has the model's own shapes, so it serves through the same model with no extra cost per review.
 *
 * @example
 * const average = new WeightAverage();
 * average.add(model);                          // after each epoch from the chosen one on
 * const score = await average.scoreWith(model, validate); // the model briefly carries the mean
 */
import * as tf from '@tensorflow/tfjs';

export class WeightAverage {
  private mean: tf.Tensor[] | undefined;
  private epochs = 0;

  get count(): number {
    return this.epochs;
  }

  /** Folds the model's current weights into the mean. */
  add(model: tf.LayersModel): void {
    const weights = model.getWeights();
    this.epochs += 1;
    const share = 1 / this.epochs;
    const previous = this.mean;
    this.mean = tf.tidy(() => weights.map((weight, i) => (previous ? previous[i]!.add(weight.sub(previous[i]!).mul(share)) : weight.clone())));
    if (previous) tf.dispose(previous);
  }

  /** Runs `use` with the mean loaded into `model`, then gives the model back its own weights. */
  async scoreWith<T>(model: tf.LayersModel, use: (model: tf.LayersModel) => Promise<T>): Promise<T> {
    if (!this.mean) throw new Error('WeightAverage.scoreWith before any add()');
    const own = model.getWeights().map((weight) => weight.clone());
    model.setWeights(this.mean);
    try {
      return await use(model);
    } finally {
      model.setWeights(own);
      tf.dispose(own);
    }
  }

  dispose(): void {
    if (this.mean) tf.dispose(this.mean);
    this.mean = undefined;
  }
}
