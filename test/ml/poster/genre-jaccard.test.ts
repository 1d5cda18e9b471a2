import { describe, expect, it } from 'vitest';
import { genreJaccard } from '../../../src/ml/training/poster/evaluate-explain.js';

describe('genre overlap of a poster and a neighbour', () => {
  it('is the shared genres over the genres either has', () => {
    expect(genreJaccard([1, 1, 0, 0], [0, 1, 1, 0])).toBeCloseTo(1 / 3);
    expect(genreJaccard([1, 0, 1], [1, 0, 1])).toBe(1);
    expect(genreJaccard([1, 0], [0, 1])).toBe(0);
  });

  it('is 0, not NaN, when neither poster has a genre', () => {
    expect(genreJaccard([0, 0], [0, 0])).toBe(0);
  });
});
