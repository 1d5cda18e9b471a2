import { readFile } from 'node:fs/promises';
import { type DecodedPoster, decodePosterRegion } from '../../../core/image.js';
import { GENRES } from '../../../core/genres.js';
import { POSTER_GATE_THRESHOLD, type PosterResult } from '../../../core/predictions.js';
import { loadPosterDataset } from '../../../data/posters.js';
import { type EvaluationSplit, splitForEvaluation } from './evaluate.js';
import { samplePosters } from './gate-data.js';
import { topGenreAgreement } from './gate-evaluation.js';
import { inTheWild, WILD_KINDS } from './in-the-wild.js';
import { loadPosterPredictor } from '../../serving/poster/predictor.js';

const genreRow = (result: PosterResult): number[] => GENRES.map((genre) => result.genres[genre]!);
const accepted = (results: readonly PosterResult[]): number =>
  results.filter((result) => (result.poster ?? 1) >= POSTER_GATE_THRESHOLD).length / results.length;
const cutOut = (decoded: readonly DecodedPoster[]): number => decoded.filter((d) => d.region !== undefined).length / decoded.length;

/**
 * Posters as people post them, through the serving predictor: for `count` posters of `split`, each made
 * into every in-the-wild kind, how many of the clean poster's top-3 genres survive (3 = all), and the share of
 * clean and wild pictures the poster gate lets through, and the share where the poster was found inside the picture
 * and read alone (`located`). Deterministic: the sample and the seeds are fixed.
 */
export async function evaluateInTheWild(modelsDir: string, dataDir: string, count: number, split: EvaluationSplit = 'validation', log: (msg: string) => void = () => {}): Promise<Record<string, number>> {
  const posters = samplePosters(splitForEvaluation((await loadPosterDataset(dataDir)).posters, split).evaluated, count, 'in-the-wild-evaluation');
  const predictor = await loadPosterPredictor(modelsDir);
  const clean: Array<PosterResult & DecodedPoster> = [];
  const wild = new Map(WILD_KINDS.map((kind) => [kind, [] as Array<PosterResult & DecodedPoster>]));
  try {
    for (const [index, poster] of posters.entries()) {
      const bytes = await readFile(poster.imagePath);
      const pictures = [bytes, ...(await Promise.all(WILD_KINDS.map(async (kind, k) => (await inTheWild(bytes, kind, index * WILD_KINDS.length + k)).bytes)))];
      const decoded = await Promise.all(pictures.map((picture) => decodePosterRegion(picture, predictor.inputSize)));
      const results = (await predictor.predict(decoded.map((d) => d.pixels))).map((result, i) => ({ ...result, ...decoded[i]! }));
      clean.push(results[0]!);
      WILD_KINDS.forEach((kind, k) => wild.get(kind)!.push(results[k + 1]!));
      log(`in the wild: ${index + 1}/${posters.length}`);
    }
  } finally {
    await predictor.dispose();
  }
  const metrics: Record<string, number> = { posters: clean.length, cleanPostersAccepted: accepted(clean), cleanPostersLocated: cutOut(clean) };
  const allWild = [...wild.values()].flat();
  metrics.wildPostersAccepted = accepted(allWild);
  metrics.top3Agreement = topGenreAgreement(WILD_KINDS.flatMap(() => clean.map(genreRow)), allWild.map(genreRow));
  for (const [kind, results] of wild) {
    metrics[`${kind}_top3Agreement`] = topGenreAgreement(clean.map(genreRow), results.map(genreRow));
    metrics[`${kind}_accepted`] = accepted(results);
    metrics[`${kind}_located`] = cutOut(results);
  }
  return metrics;
}
