import { GENRES } from '../../../core/genres.js';
import type { PosterTask } from '../../serving/poster/metadata.js';
import { macroRocAuc, meanAbsoluteError, meanAveragePrecision, topKPrecision } from '../metrics.js';

export type { PosterTask };
export const POSTER_TASKS: readonly PosterTask[] = ['genre', 'rating'];

/** Targets as rows: 25 0/1 values per poster for genre, one rating for rating. */
export type Targets = number[][];

/** The model's output names in order, as metadata.json records them. */
export function taskLabels(task: PosterTask): readonly string[] {
  return task === 'genre' ? GENRES : ['rating'];
}

export function outputUnits(task: PosterTask): number {
  return taskLabels(task).length;
}

/** The metric early stopping and model selection follow: mAP (higher is better) or MAE (lower is better). */
export const SELECTION_METRIC: Readonly<Record<PosterTask, { name: string; mode: 'max' | 'min' }>> = {
  genre: { name: 'mAP', mode: 'max' },
  rating: { name: 'mae', mode: 'min' },
};

export function taskMetrics(task: PosterTask, predictions: number[][], targets: Targets): Record<string, number> {
  if (task === 'genre') {
    return {
      mAP: meanAveragePrecision(predictions, targets),
      macroAuc: macroRocAuc(predictions, targets),
      top3Precision: topKPrecision(predictions, targets, 3),
    };
  }
  return { mae: meanAbsoluteError(predictions.map((p) => p[0]!), targets.map((t) => t[0]!)) };
}

/** What a constant guess fitted on the training targets scores on `targets`: the bar a model must clear. */
export function meanGuessBaseline(task: PosterTask, trainTargets: Targets, targets: Targets): Record<string, number> {
  const width = trainTargets[0]!.length;
  const mean = Array.from({ length: width }, (_, c) => trainTargets.reduce((sum, row) => sum + row[c]!, 0) / trainTargets.length);
  return taskMetrics(task, targets.map(() => mean), targets);
}

export function isBetter(task: PosterTask, a: number, b: number): boolean {
  return SELECTION_METRIC[task].mode === 'max' ? a > b : a < b;
}
