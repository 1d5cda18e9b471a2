/** Per-genre yes/no thresholds, for callers that need a genre list rather than probabilities. */
import { decisionFigures } from '../curves.js';

const f1At = (scores: readonly number[], positives: readonly boolean[], threshold: number): number =>
  decisionFigures(scores, positives, threshold).f1;

const CANDIDATES = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

/** The threshold in 0.01..0.99 that maximises F1 of one genre on (out-of-fold) predictions. */
export function bestF1Threshold(scores: readonly number[], positives: readonly boolean[]): number {
  let best = 0.5;
  let bestF1 = -1;
  for (const threshold of CANDIDATES) {
    const f1 = f1At(scores, positives, threshold);
    if (f1 > bestF1) [best, bestF1] = [threshold, f1];
  }
  return best;
}

export function perLabelThresholds(predictions: readonly number[][], targets: readonly number[][]): number[] {
  const width = targets[0]?.length ?? 0;
  return Array.from({ length: width }, (_, c) =>
    bestF1Threshold(predictions.map((p) => p[c]!), targets.map((t) => t[c]! > 0.5)));
}

/** Macro F1 over labels with at least one positive, deciding with `thresholds` (one per label). */
export function macroF1(predictions: readonly number[][], targets: readonly number[][], thresholds: readonly number[]): number {
  const values: number[] = [];
  thresholds.forEach((threshold, c) => {
    const positives = targets.map((t) => t[c]! > 0.5);
    if (positives.some(Boolean)) values.push(f1At(predictions.map((p) => p[c]!), positives, threshold));
  });
  return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
}
