import { describe, expect, it } from 'vitest';
import { occlusionVariants, wordWeights } from '../../../src/ml/review/occlusion.js';

describe('occlusion', () => {
  it('makes one variant per distinct word, without every occurrence of it', () => {
    expect(occlusionVariants(['not', 'bad', 'not', 'great'])).toEqual({
      distinct: ['not', 'bad', 'great'],
      variants: [['bad', 'great'], ['not', 'not', 'great'], ['not', 'bad', 'not']],
    });
  });

  it('weighs each word by how far the rating falls without it, largest first, words that moved nothing left out', () => {
    const words = wordWeights(['a', 'wonderful', 'slow', 'film'], 7, [7, 4.5, 7.8, 7.1], 8);
    expect(words.map(({ word }) => word)).toEqual(['wonderful', 'slow', 'film']);
    expect(words[0]!.weight).toBeCloseTo(2.5);
    expect(words[1]!.weight).toBeCloseTo(-0.8);
    expect(wordWeights(['a', 'b', 'c'], 5, [4, 3, 2], 2).map(({ word }) => word)).toEqual(['c', 'b']);
  });
});
