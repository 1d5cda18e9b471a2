/**
 * Occlusion, the explanation behind `ReviewRater.explain`: the review re-rated without each of its distinct
 * words. Plain arithmetic on word lists and ratings, so it is tested without a model.
 */
import type { WordWeight } from '../../core/predictions.js';

/** For each distinct word (first-seen order), the review with every occurrence of that word removed. */
export function occlusionVariants(words: readonly string[]): { distinct: string[]; variants: string[][] } {
  const distinct = [...new Set(words)];
  return { distinct, variants: distinct.map((word) => words.filter((other) => other !== word)) };
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
