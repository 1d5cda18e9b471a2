import { describe, expect, it } from 'vitest';
import {
  areaUnderPrecisionRecall, averageCurve, decisionFigures, expectedCalibrationError, precisionRecallCurve, reliabilityBins, rocCurve,
} from '../../../src/ml/training/curves.js';
import { averagePrecision, rocAuc } from '../../../src/ml/training/metrics.js';

const SCORES = [0.9, 0.8, 0.7, 0.1];
const POSITIVES = [true, false, true, false];
const xy = (curve: ReadonlyArray<{ x: number; y: number }>) => curve.map((p) => [p.x, p.y]);

describe('curves', () => {
  it('gives one PR point per score, highest first: recall 1/2 at precision 1, then 1/2, 1 at 2/3, 1 at 1/2', () => {
    const curve = precisionRecallCurve(SCORES, POSITIVES);
    expect(xy(curve)).toEqual([[0.5, 1], [0.5, 0.5], [1, 2 / 3], [1, 0.5]]);
    expect(curve.map((p) => p.threshold)).toEqual(SCORES);
  });

  it('makes the area under the step PR curve equal to average precision: 1/2 x 1 + 1/2 x 2/3 = 5/6', () => {
    expect(areaUnderPrecisionRecall(precisionRecallCurve(SCORES, POSITIVES))).toBeCloseTo(5 / 6, 12);
    expect(averagePrecision(SCORES, POSITIVES)).toBeCloseTo(5 / 6, 12);
  });

  it('takes tied scores as one threshold', () => {
    expect(xy(precisionRecallCurve([0.5, 0.5, 0.2], [true, false, true]))).toEqual([[0.5, 0.5], [1, 2 / 3]]);
    expect(xy(rocCurve([0.5, 0.5], [true, false]))).toEqual([[0, 0], [1, 1]]);
  });

  it('walks the ROC curve from (0, 0) to (1, 1), its area being the rank AUC', () => {
    const curve = rocCurve(SCORES, POSITIVES);
    expect(xy(curve)).toEqual([[0, 0], [0, 0.5], [0.5, 0.5], [0.5, 1], [1, 1]]);
    const area = curve.slice(1).reduce((sum, p, i) => sum + (p.x - curve[i]!.x) * (p.y + curve[i]!.y) / 2, 0);
    expect(area).toBeCloseTo(rocAuc(SCORES, POSITIVES), 12);
  });

  it('has no curve without positives (PR) or without both classes (ROC)', () => {
    expect(precisionRecallCurve([0.3, 0.2], [false, false])).toEqual([]);
    expect(rocCurve([0.3, 0.2], [true, true])).toEqual([]);
    expect(areaUnderPrecisionRecall([])).toBeNaN();
  });

  it('averages PR curves with interpolated precision and ROC curves with the best TPR so far', () => {
    const pr = precisionRecallCurve(SCORES, POSITIVES);
    const flat = precisionRecallCurve([0.5, 0.5], [true, false]);
    const average = averageCurve([pr, flat], 'pr', 10);
    expect(average).toHaveLength(11);
    expect(average[6]![1]).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12);
    expect(average[0]![1]).toBeCloseTo((1 + 1 / 2) / 2, 12);
    const roc = averageCurve([rocCurve(SCORES, POSITIVES)], 'roc', 4);
    expect(roc.map((p) => p[1])).toEqual([0.5, 0.5, 1, 1, 1]);
  });

  it('counts precision, recall and F1 at a threshold, precision 0 when nothing is called positive', () => {
    expect(decisionFigures(SCORES, POSITIVES, 0.75)).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(decisionFigures(SCORES, POSITIVES, 0.7)).toEqual({ precision: 2 / 3, recall: 1, f1: 0.8 });
    expect(decisionFigures(SCORES, POSITIVES, 0.95)).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('bins predictions by probability with the count, mean prediction and observed share of each bin', () => {
    const bins = reliabilityBins([0.05, 0.15, 0.12, 0.95, 1], [0, 1, 0, 1, 1]);
    expect(bins.map((b) => [b.from, b.count])).toEqual([[0, 1], [0.1, 2], [0.9, 2]]);
    expect(bins[1]!.meanPredicted).toBeCloseTo(0.135, 12);
    expect(bins[1]!.observed).toBe(0.5);
    expect(bins[2]!.meanPredicted).toBeCloseTo(0.975, 12);
    // (1 x 0.05 + 2 x 0.365 + 2 x 0.025) / 5
    expect(expectedCalibrationError(bins)).toBeCloseTo(0.166, 12);
  });

  it('bins ratings over their own range, values outside falling into the end bins', () => {
    const bins = reliabilityBins([0, 2.4, 5.5, 11], [3, 4, 6, 9], 2, [1, 10]);
    expect(bins.map((b) => [b.from, b.to, b.count, b.observed])).toEqual([[1, 5.5, 2, 3.5], [5.5, 10, 2, 7.5]]);
  });
});
