import { seededRandom } from '../../util/seeded-random.js';

/**
 * Makes a training run repeat exactly: tfjs draws every unseeded initial weight and dropout mask from Math.random
 * (tfjs-core's rand_util: `seed ? seed : Math.random()`), so seeding Math.random seeds them all, as seedrandom's
 * `{ global: true }` does. A `seed` on a dropout layer is no substitute: tfjs rebuilds the generator from it on
 * every call, so such a layer drops the same units at every step. Training code only: the bot never calls this.
 */
export function seedTensorflowRandomness(seed: number): void {
  Math.random = seededRandom(seed);
}
