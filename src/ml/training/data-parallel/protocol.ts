/** Messages between the data-parallel trainer and its gradient workers. Arrays travel as transferables. */
import type { BackendName } from '../../../config.js';

/** What a gradient worker starts with: the model's JSON topology and loss name; weights come with each step. */
export interface GradientWorkerSetup {
  readonly topology: string;
  readonly loss: string;
  readonly backend: BackendName;
  /** Seeds this worker's dropout masks (seeded-tensorflow.ts); absent: unseeded. */
  readonly seed?: number;
}

/** One shard of a batch and the weights to compute its gradients at (trainable first, then non-trainable). */
export interface ShardRequest {
  readonly weights: Float32Array[];
  readonly x: Float32Array;
  readonly xShape: number[];
  readonly y: Float32Array;
  readonly yShape: number[];
}

/** Gradients of the shard's mean loss (trainable-weight order) and the non-trainable weights after its forward pass. */
export interface ShardResult {
  readonly loss: number;
  readonly gradients: Float32Array[];
  readonly state: Float32Array[];
}

export type GradientWorkerMessage =
  | { readonly type: 'ready'; readonly backend: string }
  | { readonly type: 'failed'; readonly message: string }
  | ({ readonly type: 'gradients' } & ShardResult)
  | { readonly type: 'error'; readonly message: string };

/** The buffers of a message, to hand over instead of copying. */
export function transferList(arrays: readonly Float32Array[]): ArrayBuffer[] {
  return arrays.map((array) => array.buffer as ArrayBuffer);
}
