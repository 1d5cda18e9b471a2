import type { SimilarPoster } from '../../../core/predictions.js';

/**
 * Neighbours, nearest first, as the answer shows them: the nearest apart as the poster shown when it reaches the
 * index's recognition threshold (measured per embedding; none means the index never names a poster), then `count`
 * look-alikes. A poster thus never shows up as its own look-alike.
 */
export function recognisedAndSimilar(
  neighbours: readonly SimilarPoster[], count: number, threshold: number | undefined,
): { recognised?: SimilarPoster; similar: SimilarPoster[] } {
  const [nearest] = neighbours;
  if (nearest !== undefined && threshold !== undefined && nearest.similarity >= threshold) {
    return { recognised: nearest, similar: neighbours.slice(1, count + 1) };
  }
  return { similar: neighbours.slice(0, count) };
}
