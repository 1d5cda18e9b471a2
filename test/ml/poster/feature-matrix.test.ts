import { describe, expect, it } from 'vitest';
import type { FeatureTable } from '../../../src/ml/training/poster/feature-cache.js';
import { eachView, meanOverViews } from '../../../src/ml/training/poster/feature-matrix.js';

/** Two posters, two views, two columns: poster p view v holds [10p + v, 10p + v + 0.5]. */
const table: FeatureTable = {
  ids: ['a', 'b'],
  data: Float32Array.of(0, 0.5, 1, 1.5, 10, 10.5, 11, 11.5),
  dim: 2,
  views: ['original', 'flipped'],
  unreadable: [],
};

describe('feature rows by view', () => {
  it('averages every cached view when serving computes them all', () => {
    expect(Array.from(meanOverViews(table, [1, 0]).data)).toEqual([10.5, 11, 0.5, 1]);
  });

  it('averages only the served views, while every view still trains', () => {
    const served = { ...table, served: ['original'] as const };
    expect(Array.from(meanOverViews(served, [1, 0]).data)).toEqual([10, 10.5, 0, 0.5]);
    expect(eachView(served, [1]).rows).toBe(2);
    expect(Array.from(eachView(served, [1]).data)).toEqual([10, 10.5, 11, 11.5]);
  });
});
