import { rocAuc } from '../metrics.js';
import { topGenres } from '../../../core/predictions.js';
import { GENRES } from '../../../core/genres.js';
import { type GateItem, isPosterItem } from './gate-data.js';
import { WILD_KINDS } from './in-the-wild.js';

const share = (values: readonly boolean[]): number => (values.length === 0 ? Number.NaN : values.filter(Boolean).length / values.length);

/**
 * What the gate is judged by on held-out items: the share of non-posters (clean and in the wild) it rejects, of
 * clean posters it lets through, and of in-the-wild posters it lets through (overall and per kind), at
 * `threshold`; plus ROC-AUC.
 */
export function gateFigures(items: readonly GateItem[], scores: readonly number[], threshold: number): Record<string, number> {
  const of = (keep: (item: GateItem) => boolean) => items.flatMap((item, i) => (keep(item) ? [scores[i]!] : []));
  const nonPosters = of((item) => item.source === 'non-poster');
  const clean = of((item) => item.source === 'poster');
  const wild = of((item) => item.source === 'wild-poster');
  const wildNonPosters = of((item) => item.source === 'wild-non-poster');
  const figures: Record<string, number> = {
    nonPostersBelowThreshold: share(nonPosters.map((p) => p < threshold)),
    wildNonPostersBelowThreshold: share(wildNonPosters.map((p) => p < threshold)),
    cleanPostersAtOrAbove: share(clean.map((p) => p >= threshold)),
    wildPostersAtOrAbove: share(wild.map((p) => p >= threshold)),
    rocAuc: rocAuc([...scores], items.map(isPosterItem)),
    nonPosters: nonPosters.length,
    wildNonPosters: wildNonPosters.length,
    cleanPosters: clean.length,
    wildPosters: wild.length,
  };
  for (const kind of WILD_KINDS) {
    figures[`wild_${kind}_atOrAbove`] = share(of((item) => item.source === 'wild-poster' && item.wildKind === kind).map((p) => p >= threshold));
  }
  return figures;
}

/**
 * How stable the genre answer is when a poster is posted the way people post it: the mean number of the clean
 * poster's top-3 genres that the in-the-wild picture's top 3 also has (3 = unchanged), over pairs of rows.
 */
export function topGenreAgreement(clean: readonly (readonly number[])[], wild: readonly (readonly number[])[]): number {
  const top3 = (row: readonly number[]) => topGenres(Object.fromEntries(GENRES.map((genre, g) => [genre, row[g]!]))).map(([genre]) => genre);
  let shared = 0;
  clean.forEach((row, i) => {
    const wildTop = new Set(top3(wild[i]!));
    shared += top3(row).filter((genre) => wildTop.has(genre)).length;
  });
  return clean.length === 0 ? Number.NaN : shared / clean.length;
}
