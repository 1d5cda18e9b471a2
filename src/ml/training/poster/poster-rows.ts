import { isValidation } from '../../../data/split.js';
import { type Poster, POSTER_SPLIT_SEED, POSTER_VALIDATION_FRACTION } from '../../../data/posters.js';
import { foldOf } from './cross-validation.js';
import { isFeedbackPoster } from './feedback-posters.js';
import type { PosterTask, Targets } from './task.js';

export interface TaskRows {
  /** Targets of every row of the source (features table or pixel list); unused rows get an empty target. */
  readonly targets: Targets;
  readonly train: number[];
  readonly validation: number[];
}

/** Share of the training part held out to early-stop the final fit (the validation split decides nothing). */
export const STOP_SLICE_FOLDS = 8;

/** A poster's target row; `withGenres` follows a rating with the genre labels a rating head can learn beside it. */
export function targetOf(task: PosterTask, poster: Poster, withGenres = false): number[] | undefined {
  if (task === 'genre') return [...poster.genres];
  if (poster.rating === undefined) return undefined;
  return withGenres ? [poster.rating, ...poster.genres] : [poster.rating];
}

/**
 * Rows usable for `task` (rating needs a rating), split by the shared id hash into train and validation;
 * posters from feedback always train.
 */
export function taskRows(task: PosterTask, ids: readonly string[], posters: ReadonlyMap<string, Poster>, withGenres = false): TaskRows {
  const targets: Targets = [];
  const train: number[] = [];
  const validation: number[] = [];
  ids.forEach((id, row) => {
    const poster = posters.get(id);
    const target = poster && targetOf(task, poster, withGenres);
    targets.push(target ?? []);
    if (!target) return;
    const validates = !isFeedbackPoster(id) && isValidation(id, POSTER_VALIDATION_FRACTION, POSTER_SPLIT_SEED);
    (validates ? validation : train).push(row);
  });
  return { targets, train, validation };
}

/** Whether a poster early-stops a final fit instead of being learnt (by id hash, whichever rows the fit has). */
export const inStopSlice = (id: string): boolean => foldOf(id, STOP_SLICE_FOLDS, 'moviebot-poster-stop') === 0;

/** Splits training rows into the part the final fit learns from and the slice that early-stops it. */
export function stopSlice(ids: readonly string[], trainRows: readonly number[]): { fit: number[]; stop: number[] } {
  const fit: number[] = [];
  const stop: number[] = [];
  for (const row of trainRows) (inStopSlice(ids[row]!) ? stop : fit).push(row);
  return { fit, stop };
}
