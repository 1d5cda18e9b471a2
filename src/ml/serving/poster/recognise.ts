import type { SimilarPoster } from '../../../core/predictions.js';

/**
 * Cosine similarity from which the nearest training poster is taken to be the very poster shown. A training
 * poster's own file finds itself at 1.00; different films can come close (St. Elmo's Fire and Mickey Blue Eyes, two
 * rows of faces on red and blue: 0.958; the highest of 1,054 validation posters, never indexed, was 0.965), and a
 * WebP copy or a photo of a training poster stays below 0.97, so only copies of the file itself are named. The
 * others still list the film first among the look-alikes (96% of WebP copies, 87% of phone photos).
 */
export const RECOGNISED_SIMILARITY = 0.99;

/** Neighbours, nearest first, as the answer shows them: the recognised poster apart, then `count` look-alikes. */
export function recognisedAndSimilar(
  neighbours: readonly SimilarPoster[], count: number,
): { recognised?: SimilarPoster; similar: SimilarPoster[] } {
  const [nearest] = neighbours;
  if (nearest !== undefined && nearest.similarity >= RECOGNISED_SIMILARITY) return { recognised: nearest, similar: neighbours.slice(1, count + 1) };
  return { similar: neighbours.slice(0, count) };
}
