/**
 * The curves behind the ranking metrics (precision-recall, ROC) and calibration bins, as plain points, so the
 * evaluation report can both print the figures and draw them from one computation.
 */

/** One point of a curve; `threshold` is the score at or above which an example is called positive. */
export interface CurvePoint {
  readonly x: number;
  readonly y: number;
  readonly threshold: number;
}

/** Cumulative true and false positives at each distinct score, highest first (tied scores are one threshold). */
function sweep(scores: readonly number[], positives: readonly boolean[]): { steps: Array<{ threshold: number; tp: number; fp: number }>; p: number; n: number } {
  if (scores.length !== positives.length) throw new Error(`curve: ${scores.length} scores but ${positives.length} labels`);
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const steps: Array<{ threshold: number; tp: number; fp: number }> = [];
  let [tp, fp] = [0, 0];
  for (let i = 0; i < order.length;) {
    const threshold = scores[order[i]!]!;
    for (; i < order.length && scores[order[i]!] === threshold; i++) positives[order[i]!] ? tp++ : fp++;
    steps.push({ threshold, tp, fp });
  }
  const p = positives.filter(Boolean).length;
  return { steps, p, n: positives.length - p };
}

/** Precision (y) against recall (x), one point per distinct score; empty without positives. */
export function precisionRecallCurve(scores: readonly number[], positives: readonly boolean[]): CurvePoint[] {
  const { steps, p } = sweep(scores, positives);
  return p === 0 ? [] : steps.map(({ threshold, tp, fp }) => ({ x: tp / p, y: tp / (tp + fp), threshold }));
}

/** Area under the step PR curve: sum of (recall gain) x precision, which is sklearn's average precision. */
export function areaUnderPrecisionRecall(curve: readonly CurvePoint[]): number {
  let [previousRecall, area] = [0, 0];
  for (const point of curve) [area, previousRecall] = [area + (point.x - previousRecall) * point.y, point.x];
  return curve.length === 0 ? Number.NaN : area;
}

/** True-positive rate (y) against false-positive rate (x), from (0, 0) to (1, 1); empty without both classes. */
export function rocCurve(scores: readonly number[], positives: readonly boolean[]): CurvePoint[] {
  const { steps, p, n } = sweep(scores, positives);
  if (p === 0 || n === 0) return [];
  return [{ x: 0, y: 0, threshold: Number.POSITIVE_INFINITY }, ...steps.map(({ threshold, tp, fp }) => ({ x: fp / n, y: tp / p, threshold }))];
}

/**
 * The average of several curves on a common x grid (0, 0.01, ..., 1). PR curves are interpolated the usual way
 * (best precision at this recall or more); ROC curves take the best TPR at this FPR or less.
 */
export function averageCurve(curves: ReadonlyArray<readonly CurvePoint[]>, kind: 'pr' | 'roc', steps = 100): Array<readonly [number, number]> {
  const usable = curves.filter((curve) => curve.length > 0);
  const valueAt = (curve: readonly CurvePoint[], x: number) =>
    Math.max(0, ...curve.filter((point) => (kind === 'pr' ? point.x >= x : point.x <= x)).map((point) => point.y));
  return Array.from({ length: steps + 1 }, (_, i) => {
    const x = i / steps;
    return [x, usable.reduce((sum, curve) => sum + valueAt(curve, x), 0) / usable.length] as const;
  });
}

/** Precision, recall and F1 of calling `score >= threshold` positive; precision is 0 when nothing is called (sklearn). */
export function decisionFigures(scores: readonly number[], positives: readonly boolean[], threshold: number): { precision: number; recall: number; f1: number } {
  let [tp, fp, fn] = [0, 0, 0];
  scores.forEach((score, i) => {
    if (score >= threshold) positives[i] ? tp++ : fp++;
    else if (positives[i]) fn++;
  });
  return { precision: tp + fp === 0 ? 0 : tp / (tp + fp), recall: tp + fn === 0 ? 0 : tp / (tp + fn), f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn) };
}

export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly meanPredicted: number;
  /** Mean of the bin's outcomes: the share of positives for 0/1 outcomes, the mean true value for ratings. */
  readonly observed: number;
}

/**
 * Equal-width bins of the prediction over `range` (values outside go to the end bins), empty bins left out: for
 * probabilities against 0/1 outcomes, a calibration (reliability) table; for ratings, the mean true value per bin.
 */
export function reliabilityBins(predicted: readonly number[], outcomes: readonly number[], binCount = 10, range: readonly [number, number] = [0, 1]): ReliabilityBin[] {
  const [low, high] = range;
  const sums = Array.from({ length: binCount }, () => ({ count: 0, predicted: 0, outcome: 0 }));
  predicted.forEach((value, i) => {
    const bin = sums[Math.min(binCount - 1, Math.max(0, Math.floor(((value - low) / (high - low)) * binCount)))]!;
    bin.count++;
    bin.predicted += value;
    bin.outcome += outcomes[i]!;
  });
  const width = (high - low) / binCount;
  return sums.flatMap((bin, b) => (bin.count === 0 ? [] : [{
    from: low + b * width, to: low + (b + 1) * width, count: bin.count, meanPredicted: bin.predicted / bin.count, observed: bin.outcome / bin.count,
  }]));
}

/** Expected calibration error: the count-weighted mean gap between predicted and observed frequency. */
export function expectedCalibrationError(bins: readonly ReliabilityBin[]): number {
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  return bins.reduce((sum, bin) => sum + (bin.count / total) * Math.abs(bin.meanPredicted - bin.observed), 0);
}
