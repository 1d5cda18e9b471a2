import type { SimilarPoster } from '../../../core/predictions.js';

/** How look-alikes are ordered (`lookAlike` in the similar index's metadata); absent, by similarity alone. */
export interface LookAlikeOrder {
  /** Added to a candidate's similarity per unit of genre overlap with the answer (see genreOverlap). */
  readonly genreWeight: number;
  /** The genres the answer shows: the card's top genres, or a recognised film's listed ones (which win). */
  readonly genres: readonly string[];
}

/** |both| / |either| of two genre lists; 0 when neither has one. */
export function genreOverlap(a: readonly string[], b: readonly string[]): number {
  const either = new Set([...a, ...b]).size;
  return either === 0 ? 0 : a.filter((genre) => b.includes(genre)).length / either;
}

/**
 * Look-alikes the answer's genres agree with come first, among posters that look alike: a card that says
 * "Comedy, Romance" then shows romantic comedies rather than the horror film with the nearest colours.
 */
function inLookAlikeOrder(candidates: readonly SimilarPoster[], genres: readonly string[], genreWeight: number): readonly SimilarPoster[] {
  if (genreWeight === 0) return candidates;
  const score = (poster: SimilarPoster) => poster.similarity + genreWeight * genreOverlap(genres, poster.genres ?? []);
  return candidates.map((poster) => ({ poster, score: score(poster) })).sort((a, b) => b.score - a.score).map(({ poster }) => poster);
}

/**
 * Neighbours, nearest first, as the answer shows them: the nearest apart as the poster shown when it reaches the
 * index's recognition threshold (measured per embedding; none means the index never names a poster), then `count`
 * look-alikes from the rest. A poster thus never shows up as its own look-alike.
 */
export function recognisedAndSimilar(
  neighbours: readonly SimilarPoster[], count: number, threshold: number | undefined, order?: LookAlikeOrder,
): { recognised?: SimilarPoster; similar: SimilarPoster[] } {
  const [nearest] = neighbours;
  const recognised = nearest !== undefined && threshold !== undefined && nearest.similarity >= threshold ? nearest : undefined;
  const candidates = recognised ? neighbours.slice(1) : neighbours;
  const genres = recognised?.genres ?? order?.genres ?? [];
  const similar = inLookAlikeOrder(candidates, genres, order?.genreWeight ?? 0).slice(0, count);
  return recognised ? { recognised, similar } : { similar };
}
