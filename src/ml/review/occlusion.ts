/**
 * Occlusion, the explanation behind `ReviewRater.explain`: the review re-rated without each of its distinct
 * words. Plain arithmetic on word lists and ratings, so it is tested without a model.
 */
import type { WordWeight } from '../../core/predictions.js';

/** For each candidate word, the review with every occurrence of that word removed. */
export function occlusionVariants(words: readonly string[], candidates: readonly string[]): string[][] {
  return candidates.map((word) => words.filter((other) => other !== word));
}

/**
 * The `count` words whose rating read alone lies farthest from `neutralRating`: the candidates worth occluding
 * in a long review, where re-rating it once per distinct word would cost seconds.
 */
export function strongestAlone(words: readonly string[], ratingAlone: ArrayLike<number>, neutralRating: number, count: number): string[] {
  return words
    .map((word, i) => ({ word, strength: Math.abs(ratingAlone[i]! - neutralRating) }))
    .sort((a, b) => b.strength - a.strength)
    .slice(0, count)
    .map(({ word }) => word);
}

/**
 * `rating - ratingWithout[i]` per distinct word: positive when the word pushed the rating up. The `maxWords`
 * largest in absolute value, largest first; words that moved nothing are left out.
 */
export function wordWeights(distinct: readonly string[], rating: number, ratingWithout: ArrayLike<number>, maxWords: number): WordWeight[] {
  return distinct
    .map((word, i) => ({ word, weight: rating - ratingWithout[i]! }))
    .filter(({ weight }) => weight !== 0 && Number.isFinite(weight))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, maxWords);
}
