import type * as tf from '@tensorflow/tfjs';

/** Attributes shared by the Conv2D gradient kernels. */
export interface Conv2DGradientAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}
