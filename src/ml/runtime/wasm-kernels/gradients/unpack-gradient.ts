import * as tf from '@tensorflow/tfjs';

/**
 * tfjs's gradient of Unpack (`tf.unstack`) hands `dy` straight to `tf.stack`, but the engine passes a lone tensor,
 * not an array, when the op had a single output. An LSTM unstacks its input over time, so training any recurrent
 * layer on a one-step sequence (a review of up to 8 words after the rater's pooling) threw
 * "Argument tensors passed to stack must be a `Tensor[]`". This registers the same gradient, reading both forms.
 */
export function registerUnpackGradient(): void {
  tf.registerGradient({
    kernelName: 'Unpack',
    gradFunc: (dy, _saved, attrs) => {
      const { axis } = attrs as unknown as { axis: number };
      return { value: () => tf.stack(Array.isArray(dy) ? dy : [dy], axis) };
    },
  });
}
