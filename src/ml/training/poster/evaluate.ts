import { readFile } from 'node:fs/promises';
import { decodePoster } from '../../../core/image.js';
import { loadPosterDataset, type Poster, splitPosters } from '../../../data/posters.js';
import { loadPosterPredictor } from '../../serving/poster/predictor.js';
import { meanGuessBaseline, taskMetrics } from './task.js';
import { GENRES } from '../../../core/genres.js';

export type EvaluationSplit = 'validation' | 'all';

const BATCH = 32;

/**
 * Scores the shipped genre and rating models on a poster folder through the same predictor the bot and the
 * predict CLI use. `validation` scores this project's validation split (baseline: training-part means);
 * `all` scores every poster, for a held-out folder (baseline: the folder's own means, a slightly easy bar).
 */
export async function evaluatePosterModels(modelsDir: string, dataDir: string, split: EvaluationSplit, log: (msg: string) => void = () => {}): Promise<Record<string, number>> {
  const data = await loadPosterDataset(dataDir);
  const parts = splitPosters(data.posters);
  const evaluated = split === 'all' ? data.posters : parts.validation;
  const reference = split === 'all' ? data.posters : parts.train;
  const predictor = await loadPosterPredictor(modelsDir);
  const scored: Array<{ poster: Poster; genres: number[]; rating: number }> = [];
  let unreadable = 0;
  try {
    for (let start = 0; start < evaluated.length; start += BATCH) {
      const batch = evaluated.slice(start, start + BATCH);
      const decoded = await Promise.all(batch.map((poster) => readFile(poster.imagePath).then((bytes) => decodePoster(bytes, predictor.inputSize)).catch(() => undefined)));
      const readable = batch.filter((_, i) => decoded[i] !== undefined);
      unreadable += batch.length - readable.length;
      const results = await predictor.predict(decoded.filter((d): d is Uint8Array => d !== undefined));
      results.forEach((result, i) => scored.push({ poster: readable[i]!, genres: GENRES.map((g) => result.genres[g]!), rating: result.rating }));
      log(`evaluated ${Math.min(start + BATCH, evaluated.length)}/${evaluated.length}`);
    }
  } finally {
    await predictor.dispose();
  }
  const genreTargets = scored.map((s) => [...s.poster.genres]);
  const rated = scored.filter((s) => s.poster.rating !== undefined);
  const ratingTargets = rated.map((s) => [s.poster.rating!]);
  const prefixed = (prefix: string, metrics: Record<string, number>) => Object.fromEntries(Object.entries(metrics).map(([k, v]) => [`${prefix}${k}`, v]));
  return {
    posters: scored.length,
    unreadable,
    rated: rated.length,
    ...taskMetrics('genre', scored.map((s) => s.genres), genreTargets),
    ...prefixed('baseline_', meanGuessBaseline('genre', reference.map((p) => [...p.genres]), genreTargets)),
    ...taskMetrics('rating', rated.map((s) => [s.rating]), ratingTargets),
    ...prefixed('baseline_', meanGuessBaseline('rating', reference.filter((p) => p.rating !== undefined).map((p) => [p.rating!]), ratingTargets)),
  };
}
