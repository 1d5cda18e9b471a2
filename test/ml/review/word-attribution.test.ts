import { describe, expect, it } from 'vitest';
import { attributionPlan, shapleyWeights, strongestAlone, strongestWeights } from '../../../src/ml/serving/review/word-attribution.js';

/** A stand-in rater: 5, minus 4 if either negative word is there (they say the same thing), plus 3 for 'great'. */
const rate = (words: readonly string[]): number => 5 - (words.includes('terrible') || words.includes('boring') ? 4 : 0) + (words.includes('great') ? 3 : 0);

describe('word attribution', () => {
  const words = ['terrible', 'and', 'boring', 'not', 'great', 'boring'];
  const players = ['terrible', 'and', 'boring', 'not', 'great'];
  const plan = attributionPlan(words, players, 40, 3);
  const kept = (mask: readonly boolean[]) => words.filter((_, i) => mask[i]);
  const weights = shapleyWeights(plan, plan.masks.map((mask) => rate(kept(mask))));

  it('rates each subset once, from none of the players to the whole review, every occurrence of a word together', () => {
    expect(plan.masks[plan.prefixes[0]![0]!]).toEqual(words.map(() => false));
    expect(plan.masks[plan.prefixes[0]!.at(-1)!]).toEqual(words.map(() => true));
    expect(new Set(plan.masks.map((mask) => mask.join())).size).toBe(plan.masks.length);
    expect(plan.masks).toContainEqual([false, false, true, false, true, true]);
    expect(plan.masks.every((mask) => mask[2] === mask[5])).toBe(true);
  });

  it('gives weights that add up to the rating of the review minus the rating without its players', () => {
    expect(weights.reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(rate(words) - rate([]), 10);
    expect(weights[players.indexOf('great')]).toBeCloseTo(3, 10);
    expect(weights[players.indexOf('and')]).toBe(0);
  });

  it('shares the credit between two words that say the same thing, where removing either alone shows nothing', () => {
    const terrible = weights[players.indexOf('terrible')]!;
    const boring = weights[players.indexOf('boring')]!;
    expect(terrible + boring).toBeCloseTo(-4, 10);
    expect(terrible).toBeLessThan(-1);
    expect(boring).toBeLessThan(-1);
  });

  it('keeps only the words that moved the rating, largest first, at most as many as asked', () => {
    expect(strongestWeights(players, weights, 2).map(({ word }) => word)).toEqual(['great', weights[0]! < weights[2]! ? 'terrible' : 'boring']);
    expect(strongestWeights(players, weights, 8).map(({ word }) => word)).not.toContain('and');
  });

  it('picks the words that rate farthest from neutral on their own, either way', () => {
    expect(strongestAlone(['the', 'awful', 'film', 'superb'], [5.4, 2, 5.8, 8.8], 5.5, 2)).toEqual(['awful', 'superb']);
  });
});
