/** Shard sizes as even as possible: 10 examples over 3 parts are 4, 3, 3; never an empty shard. */
export function shardSizes(batchSize: number, parts: number): number[] {
  const count = Math.min(batchSize, parts);
  return Array.from({ length: count }, (_, i) => Math.floor(batchSize / count) + (i < batchSize % count ? 1 : 0));
}

/**
 * Σ_k share_k · values_k, array by array, written over the first shard's arrays (ours: they came from the shards
 * by transfer): shard gradients weighted by shard size give the whole batch's gradient. Averaging in place spares
 * a step the allocation of a second copy of every gradient.
 */
export function weightedMean(perShard: readonly (readonly Float32Array[])[], shares: readonly number[]): Float32Array[] {
  return perShard[0]!.map((_, a) => averageInto(perShard, a, shares));
}

function averageInto(perShard: readonly (readonly Float32Array[])[], a: number, shares: readonly number[]): Float32Array {
  const sum = perShard[0]![a]!;
  const first = shares[0]!;
  for (let i = 0; i < sum.length; i++) sum[i] = first * (sum[i] as number);
  for (let k = 1; k < perShard.length; k++) {
    const values = perShard[k]![a]!;
    const share = shares[k]!;
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + share * (values[i] as number);
  }
  return sum;
}

const sameValues = (a: Float32Array, b: Float32Array): boolean => a.every((value, i) => value === b[i]);

/**
 * Non-trainable weights after a step. Batch-norm moving statistics moved towards each shard's statistics, so they
 * are averaged weighted by shard size: the moving mean then equals the whole batch's update exactly (it is linear in
 * the batch mean); the moving variance misses the spread of the shard means around the batch mean (mean of shard
 * variances <= batch variance), as in PyTorch's DistributedDataParallel without SyncBatchNorm. Weights that every
 * shard left alike (frozen layers) are kept as they are, not re-summed with rounding.
 */
export function mergedState(perShard: readonly (readonly Float32Array[])[], shares: readonly number[]): Float32Array[] {
  return perShard[0]!.map((first, a) => (perShard.every((arrays) => sameValues(arrays[a]!, first)) ? first : averageInto(perShard, a, shares)));
}
