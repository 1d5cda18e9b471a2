import { describe, expect, it } from 'vitest';
import { occlusionVariants, strongestAlone, wordWeights } from '../../../src/ml/review/occlusion.js';

describe('occlusion', () => {
  it('makes one variant per candidate word, without every occurrence of it', () => {
    expect(occlusionVariants(['not', 'bad', 'not', 'great'], ['not', 'bad', 'great'])).toEqual([['bad', 'great'], ['not', 'not', 'great'], ['not', 'bad', 'not']]);
  });

  it('picks the words that rate farthest from neutral on their own, either way', () => {
    expect(strongestAlone(['the', 'awful', 'film', 'superb'], [5.4, 2, 5.8, 8.8], 5.5, 2)).toEqual(['awful', 'superb']);
  });

  it('weighs each word by how far the rating falls without it, largest first, words that moved nothing left out', () => {
    const words = wordWeights(['a', 'wonderful', 'slow', 'film'], 7, [7, 4.5, 7.8, 7.1], 8);
    expect(words.map(({ word }) => word)).toEqual(['wonderful', 'slow', 'film']);
    expect(words[0]!.weight).toBeCloseTo(2.5);
    expect(words[1]!.weight).toBeCloseTo(-0.8);
    expect(wordWeights(['a', 'b', 'c'], 5, [4, 3, 2], 2).map(({ word }) => word)).toEqual(['c', 'b']);
  });
});
