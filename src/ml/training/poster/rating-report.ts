/**
 * The rating model's evaluation report: absolute and squared error and rank correlation beside the constant guess
 * (the training mean for every poster), and the scatter of predicted against true ratings.
 */
import type { Panel } from '../chart.js';
import { reliabilityBins, type ReliabilityBin } from '../curves.js';
import { meanAbsoluteError, spearmanCorrelation } from '../metrics.js';
import { reliabilityPanel, reliabilitySeries } from './evaluation-charts.js';

export interface RatingPairs {
  readonly predicted: readonly number[];
  readonly actual: readonly number[];
  /** The constant guess: the mean rating of the training part. */
  readonly trainingMean: number;
}

const RATING_RANGE = [1, 10] as const;

function rootMeanSquaredError(predicted: readonly number[], actual: readonly number[]): number {
  return Math.sqrt(predicted.reduce((sum, p, i) => sum + (p - actual[i]!) ** 2, 0) / predicted.length);
}

function errorFigures(predicted: readonly number[], actual: readonly number[]): Record<string, number> {
  return { mae: meanAbsoluteError(predicted, actual), rmse: rootMeanSquaredError(predicted, actual), spearman: spearmanCorrelation(predicted, actual) };
}

/** Mean true rating per bin of predicted rating (1-10 in 18 half-point bins): where the model over- or undershoots. */
function ratingBins(pairs: RatingPairs): ReliabilityBin[] {
  return reliabilityBins(pairs.predicted, pairs.actual, 18, RATING_RANGE);
}

export function ratingFigures(pairs: RatingPairs): Record<string, unknown> {
  const constant = pairs.actual.map(() => pairs.trainingMean);
  return {
    ...errorFigures(pairs.predicted, pairs.actual),
    baseline: { guess: pairs.trainingMean, ...errorFigures(constant, pairs.actual) },
    reliability: ratingBins(pairs),
  };
}

export function ratingPanels(pairs: RatingPairs, figures: Record<string, unknown>): Panel[] {
  const { mae, baseline } = figures as { mae: number; baseline: { mae: number } };
  const scatter: Panel = {
    title: 'Rating: predicted against true (validation)', xLabel: 'true IMDb rating', yLabel: 'predicted rating', x: RATING_RANGE, y: RATING_RANGE, legend: 'top-left',
    series: [
      { label: 'predicted = true', points: [[1, 1], [10, 10]], colour: '#bbbbbb', width: 1, dashed: true },
      { label: `constant guess ${pairs.trainingMean.toFixed(2)} (MAE ${baseline.mae.toFixed(3)})`, points: [[1, pairs.trainingMean], [10, pairs.trainingMean]], colour: '#7f7f7f', width: 2.5, dashed: true },
      { label: `one poster (MAE ${mae.toFixed(3)})`, points: pairs.actual.map((a, i) => [a, pairs.predicted[i]!] as const), colour: '#1f77b4', style: 'dots', width: 2, opacity: 0.35 },
    ],
  };
  const bins = ratingBins(pairs);
  // Zoomed to the bins (whole rating points, same on both axes), or the diagonal is all there is to see.
  const values = bins.flatMap((bin) => [bin.meanPredicted, bin.observed]);
  const zoom = [Math.floor(Math.min(...values)), Math.ceil(Math.max(...values))] as const;
  const calibration = reliabilityPanel('Rating: mean true rating per predicted bin', [reliabilitySeries(bins, 'model (bins of 0.5)', '#111111')], zoom,
    { x: 'mean predicted rating (bin)', y: 'mean true rating' });
  return [scatter, calibration];
}
