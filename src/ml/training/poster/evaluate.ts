import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodePoster } from '../../../core/image.js';
import { loadPosterDataset, type Poster, splitPosters } from '../../../data/posters.js';
import { inStopSlice } from './poster-rows.js';
import { type DisposablePosterPredictor, loadPosterPredictor } from '../../serving/poster/predictor.js';
import { readPosterMetadata } from '../../serving/poster/metadata.js';
import { meanGuessBaseline, POSTER_TASKS, taskMetrics } from './task.js';
import { GENRES } from '../../../core/genres.js';

export type EvaluationSplit = 'validation' | 'unfitted' | 'all';

/**
 * The posters a split scores and the reference its constant guess comes from. `unfitted` is the part of the
 * validation split that early-stops a --fit-validation refit: posters no shipped head learnt, whether it was fitted
 * on the training part alone or refitted, so such models compare there like for like (about a seventh of it).
 */
export function splitForEvaluation<T extends Poster>(posters: readonly T[], split: EvaluationSplit): { evaluated: readonly T[]; reference: readonly T[] } {
  if (split === 'all') return { evaluated: posters, reference: posters };
  const { train, validation } = splitPosters(posters);
  return { evaluated: split === 'unfitted' ? validation.filter((poster) => inStopSlice(poster.id)) : validation, reference: train };
}

/** The poster models in `modelsDir` whose shipped head learnt the validation split (train:genre|rating --fit-validation). */
export async function modelsFittedOnValidation(modelsDir: string): Promise<string[]> {
  const fitted: string[] = [];
  for (const task of POSTER_TASKS) {
    const meta = await readPosterMetadata(join(modelsDir, task)).catch(() => undefined);
    if (meta?.data.validationFitted !== undefined) fitted.push(task);
  }
  return fitted;
}

const BATCH = 32;

/** What the serving predictor answered for one image: 25 genre probabilities, a rating, and the gate's score. */
export interface ScoredImage {
  readonly genres: number[];
  readonly rating: number;
  readonly poster?: number;
}

/** Every image at `paths` through `predictor`, in order; `undefined` where the file could not be read or decoded. */
export async function scoreImages(predictor: DisposablePosterPredictor, paths: readonly string[], log: (msg: string) => void): Promise<Array<ScoredImage | undefined>> {
  const scored: Array<ScoredImage | undefined> = [];
  for (let start = 0; start < paths.length; start += BATCH) {
    const decoded = await Promise.all(paths.slice(start, start + BATCH).map((path) => readFile(path).then((bytes) => decodePoster(bytes, predictor.inputSize)).catch(() => undefined)));
    const results = await predictor.predict(decoded.filter((d): d is Uint8Array => d !== undefined));
    let next = 0;
    for (const image of decoded) {
      const result = image === undefined ? undefined : results[next++]!;
      scored.push(result && { genres: GENRES.map((g) => result.genres[g]!), rating: result.rating, ...(result.poster === undefined ? {} : { poster: result.poster }) });
    }
    log(`evaluated ${Math.min(start + BATCH, paths.length)}/${paths.length}`);
  }
  return scored;
}

/** The evaluated posters that could be read, with their answers; `reference` is what baselines are fitted on. */
export interface ScoredPosters {
  readonly posters: readonly Poster[];
  readonly scored: readonly ScoredImage[];
  readonly unreadable: number;
  readonly reference: readonly Poster[];
}

/**
 * `validation` scores this project's validation split and `unfitted` its part no head learnt (baseline:
 * training-part means); `all` scores every poster, for a held-out folder (baseline: the folder's own means, a
 * slightly easy bar).
 */
export async function scorePosters(predictor: DisposablePosterPredictor, dataDir: string, split: EvaluationSplit, log: (msg: string) => void): Promise<ScoredPosters> {
  const { evaluated, reference } = splitForEvaluation((await loadPosterDataset(dataDir)).posters, split);
  const results = await scoreImages(predictor, evaluated.map((poster) => poster.imagePath), log);
  const readable = evaluated.flatMap((poster, i) => (results[i] ? [{ poster, scored: results[i] }] : []));
  return {
    posters: readable.map((r) => r.poster),
    scored: readable.map((r) => r.scored),
    unreadable: evaluated.length - readable.length,
    reference,
  };
}

/**
 * Scores the shipped genre and rating models on a poster folder through the same predictor the bot and the
 * predict CLI use: the headline figures beside the constant guess, as one flat record.
 */
export async function evaluatePosterModels(modelsDir: string, dataDir: string, split: EvaluationSplit, log: (msg: string) => void = () => {}): Promise<Record<string, number>> {
  const predictor = await loadPosterPredictor(modelsDir);
  const { posters, scored, unreadable, reference } = await scorePosters(predictor, dataDir, split, log).finally(() => predictor.dispose());
  const genreTargets = posters.map((p) => [...p.genres]);
  const rated = posters.flatMap((p, i) => (p.rating === undefined ? [] : [{ rating: p.rating, predicted: scored[i]!.rating }]));
  const ratingTargets = rated.map((r) => [r.rating]);
  const prefixed = (prefix: string, metrics: Record<string, number>) => Object.fromEntries(Object.entries(metrics).map(([k, v]) => [`${prefix}${k}`, v]));
  return {
    posters: posters.length,
    unreadable,
    rated: rated.length,
    ...taskMetrics('genre', scored.map((s) => s.genres), genreTargets),
    ...prefixed('baseline_', meanGuessBaseline('genre', reference.map((p) => [...p.genres]), genreTargets)),
    ...taskMetrics('rating', rated.map((r) => [r.predicted]), ratingTargets),
    ...prefixed('baseline_', meanGuessBaseline('rating', reference.filter((p) => p.rating !== undefined).map((p) => [p.rating!]), ratingTargets)),
  };
}
