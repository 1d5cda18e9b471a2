/**
 * Which words drove a rating, as sampled Shapley values: for a few random orders of the review's distinct words,
 * the words are put back one at a time into a review where they are blanked out (every occurrence; a blank is the
 * padding token, so every subset keeps the review's length and all are rated in one batch) and each word is
 * credited with the change in rating its arrival made. Averaged over the orders, a word's weight is its typical effect in
 * company, so two words that say the same thing ("terrible, boring") share the credit instead of each looking
 * useless when removed alone; and the weights add up to the rating minus the rating of the review without them.
 * Plain arithmetic on word lists and ratings: the predictor rates the subsets, in as few batched calls as it can.
 *
 * @example
 * const plan = attributionPlan(['not', 'bad'], ['not', 'bad'], 4, 7);
 * const weights = shapleyWeights(plan, ratingsOf(plan.masks)); // one weight per player
 */
import type { WordWeight } from '../../../core/predictions.js';
import { seededShuffle } from '../../../util/seeded-random.js';

export interface AttributionPlan {
  /** The words credited; every other word of the review stays in every subset. */
  readonly players: readonly string[];
  /** Each sampled order of the players. */
  readonly orders: readonly (readonly string[])[];
  /** For each order, the mask index after 0, 1, ... all of its players are back. */
  readonly prefixes: readonly (readonly number[])[];
  /** The distinct subsets to rate: per position of the review, whether its word is there (else blanked). */
  readonly masks: readonly boolean[][];
}

export function attributionPlan(words: readonly string[], players: readonly string[], orderCount: number, seed: number): AttributionPlan {
  const playerSet = new Set(players);
  const masks: boolean[][] = [];
  const indexOf = new Map<string, number>();
  const maskIndex = (present: ReadonlySet<string>): number => {
    const mask = words.map((word) => !playerSet.has(word) || present.has(word));
    const key = mask.map(Number).join('');
    const known = indexOf.get(key);
    if (known !== undefined) return known;
    indexOf.set(key, masks.length);
    return masks.push(mask) - 1;
  };
  const orders = Array.from({ length: orderCount }, (_, k) => seededShuffle(players, seed + k));
  const prefixes = orders.map((order) => {
    const present = new Set<string>();
    return [maskIndex(present), ...order.map((player) => maskIndex(present.add(player)))];
  });
  return { players, orders, prefixes, masks };
}

/** Each player's mean marginal change of rating over the sampled orders, in `plan.players` order. */
export function shapleyWeights(plan: AttributionPlan, maskRatings: ArrayLike<number>): number[] {
  const sums = new Map(plan.players.map((player) => [player, 0]));
  plan.orders.forEach((order, k) => {
    const prefix = plan.prefixes[k]!;
    order.forEach((player, j) => sums.set(player, sums.get(player)! + maskRatings[prefix[j + 1]!]! - maskRatings[prefix[j]!]!));
  });
  return plan.players.map((player) => sums.get(player)! / plan.orders.length);
}

/** The `maxWords` largest weights in absolute value, largest first; words that moved nothing are left out. */
export function strongestWeights(players: readonly string[], weights: readonly number[], maxWords: number): WordWeight[] {
  return players
    .map((word, i) => ({ word, weight: weights[i]! }))
    .filter(({ weight }) => weight !== 0 && Number.isFinite(weight))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, maxWords);
}

/**
 * The `count` words whose rating read alone lies farthest from `neutralRating`: the players worth crediting in a
 * long review, where sampling orders of all its distinct words would cost seconds.
 */
export function strongestAlone(words: readonly string[], ratingAlone: ArrayLike<number>, neutralRating: number, count: number): string[] {
  return words
    .map((word, i) => ({ word, strength: Math.abs(ratingAlone[i]! - neutralRating) }))
    .sort((a, b) => b.strength - a.strength)
    .slice(0, count)
    .map(({ word }) => word);
}
