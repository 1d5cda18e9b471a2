import { describe, expect, it } from 'vitest';
import {
  averagePrecision, binaryAccuracy, macroRocAuc, meanAbsoluteError, meanAveragePrecision, rocAuc, spearmanCorrelation, topKPrecision,
} from '../../../src/ml/training/metrics.js';

describe('metrics', () => {
  it('gives Spearman 1 for any increasing relation, -1 when reversed, and averages tied ranks', () => {
    expect(spearmanCorrelation([1, 2, 30, 400], [0, 1, 2, 3])).toBeCloseTo(1, 10);
    expect(spearmanCorrelation([4, 3, 2, 1], [0, 1, 2, 3])).toBeCloseTo(-1, 10);
    // Ranks of [0, 0, 1] are [1.5, 1.5, 3]; Pearson with [1, 2, 3] is sqrt(3)/2.
    expect(spearmanCorrelation([1, 2, 3], [0, 0, 1])).toBeCloseTo(Math.sqrt(3) / 2, 10);
    expect(spearmanCorrelation([5, 5, 5], [0, 1, 2])).toBe(0);
  });

  it('computes average precision by hand: positives ranked 1st and 3rd give (1 + 2/3) / 2', () => {
    expect(averagePrecision([0.9, 0.8, 0.7, 0.1], [true, false, true, false])).toBeCloseTo(5 / 6, 10);
  });

  it('treats tied scores as one threshold in average precision', () => {
    // All tied: one threshold with precision 1/2 and full recall.
    expect(averagePrecision([0.5, 0.5, 0.5, 0.5], [true, false, true, false])).toBeCloseTo(0.5, 10);
  });

  it('computes ROC-AUC as the share of correctly ordered positive/negative pairs, ties as half', () => {
    // pairs (pos, neg): (0.9,0.8)=1 (0.9,0.1)=1 (0.7,0.8)=0 (0.7,0.1)=1 -> 3/4
    expect(rocAuc([0.9, 0.8, 0.7, 0.1], [true, false, true, false])).toBeCloseTo(0.75, 10);
    expect(rocAuc([0.5, 0.5], [true, false])).toBeCloseTo(0.5, 10);
  });

  it('macro-averages over labels, skipping labels without positives (AP) or without both classes (AUC)', () => {
    const scores = [[0.9, 0.2, 0.1], [0.1, 0.8, 0.3], [0.4, 0.3, 0.2]];
    const labels = [[1, 0, 0], [0, 1, 0], [1, 0, 0]];
    expect(meanAveragePrecision(scores, labels)).toBeCloseTo(1, 10);
    expect(macroRocAuc(scores, labels)).toBeCloseTo(1, 10);
  });

  it('gives a constant guess an AUC of 0.5 and an AP equal to the prevalence', () => {
    const labels = [[1], [0], [0], [0]];
    const scores = [[0.3], [0.3], [0.3], [0.3]];
    expect(macroRocAuc(scores, labels)).toBeCloseTo(0.5, 10);
    expect(meanAveragePrecision(scores, labels)).toBeCloseTo(0.25, 10);
  });

  it('computes top-3 precision per example', () => {
    const scores = [[0.9, 0.8, 0.7, 0.1], [0.1, 0.2, 0.3, 0.4]];
    const labels = [[1, 0, 1, 1], [1, 0, 0, 0]];
    // first: top3 = 0,1,2 -> 2 hits; second: top3 = 3,2,1 -> 0 hits
    expect(topKPrecision(scores, labels, 3)).toBeCloseTo((2 / 3 + 0) / 2, 10);
  });

  it('computes MAE and binary accuracy at 5.5', () => {
    expect(meanAbsoluteError([1, 2, 3], [2, 2, 5])).toBeCloseTo(1, 10);
    expect(binaryAccuracy([7, 4, 6, 5.5], [8, 3, 2, 6])).toBeCloseTo(0.5, 10);
  });

  it('rejects mismatched or empty inputs with a clear message', () => {
    expect(() => meanAbsoluteError([1], [1, 2])).toThrow(/1 predictions but 2 targets/);
    expect(() => topKPrecision([], [])).toThrow(/no examples/);
  });
});
