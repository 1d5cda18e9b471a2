/**
 * Measures "show why" on validation posters through the serving predictor: the heat map's deletion test, and how
 * often a poster "in the wild" keeps a "looks like" neighbour of its clean self.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { decodePoster } from '../../../core/image.js';
import { listedGenres } from '../../../core/genres.js';
import { loadPosterDataset, splitPosters, type Poster } from '../../../data/posters.js';
import { mean, median } from '../metrics.js';
import { loadPosterPredictor } from '../../serving/poster/predictor.js';
import { genreOverlap } from '../../serving/poster/recognise.js';
import { deletionDrop } from './explain-deletion.js';
import { inTheWild, type WildKind } from './in-the-wild.js';

async function validationPosters(dataDir: string, count: number): Promise<Poster[]> {
  return splitPosters((await loadPosterDataset(dataDir)).posters).validation.slice(0, count);
}

export interface DeletionReport {
  readonly posters: number;
  readonly meanHeatDrop: number;
  readonly meanRandomDrop: number;
  /** heat / random drop; negative when greying at random raises the genre's probability on average. */
  readonly ratio: number;
  /** The heat map lowers the probability, and at least twice as much as random greying does. */
  readonly passes: boolean;
  readonly postersWhereHeatBeatsRandom: number;
  readonly explainMedianMs: number;
}

export async function evaluateDeletion(modelsDir: string, dataDir: string, count: number, log: (msg: string) => void): Promise<DeletionReport> {
  const predictor = await loadPosterPredictor(modelsDir);
  if (predictor.explain === undefined) throw new Error(`${modelsDir}/genre has no frozen backbone to explain`);
  const drops: Array<{ heat: number; random: number }> = [];
  const times: number[] = [];
  for (const [i, poster] of (await validationPosters(dataDir, count)).entries()) {
    const pixels = await decodePoster(await readFile(poster.imagePath), predictor.inputSize).catch(() => undefined);
    if (pixels === undefined) continue;
    const started = performance.now();
    const { genre, grid } = await predictor.explain(pixels);
    times.push(performance.now() - started);
    const probability = async (images: Uint8Array[]) => (await predictor.predict(images)).map((result) => result.genres[genre]!);
    drops.push(await deletionDrop(pixels, predictor.inputSize, grid, probability, i + 1));
    if (drops.length % 10 === 0) log(`deletion ${drops.length}: heat ${mean(drops.map((d) => d.heat)).toFixed(4)}, random ${mean(drops.map((d) => d.random)).toFixed(4)}`);
  }
  await predictor.dispose();
  const meanHeatDrop = mean(drops.map((d) => d.heat));
  const meanRandomDrop = mean(drops.map((d) => d.random));
  return {
    posters: drops.length,
    meanHeatDrop,
    meanRandomDrop,
    ratio: meanHeatDrop / meanRandomDrop,
    passes: meanHeatDrop > 0 && meanHeatDrop >= 2 * meanRandomDrop,
    postersWhereHeatBeatsRandom: drops.filter((d) => d.heat > d.random).length,
    explainMedianMs: Math.round(median(times)),
  };
}

/** Kinds where the poster fills only part of the picture: the hardest for "looks like". */
const WILD_CHECK_KINDS: readonly WildKind[] = ['phone-photo', 'screenshot'];

/**
 * Shared neighbour per kind and per half of the posters (one lucky half shows), and the mean genre overlap of a
 * clean poster with its three neighbours: an embedding that ignored the picture would fail one or the other.
 */
export async function evaluateSimilarInTheWild(modelsDir: string, dataDir: string, count: number, log: (msg: string) => void): Promise<Record<string, number>> {
  const predictor = await loadPosterPredictor(modelsDir);
  const { train, validation } = splitPosters((await loadPosterDataset(dataDir)).posters);
  const trainGenres = new Map(train.map((poster) => [poster.id, listedGenres(poster.genres)]));
  const shared: Record<string, boolean[]> = {};
  const overlaps: Record<string, number[]> = {};
  for (const [i, poster] of validation.slice(0, count).entries()) {
    const bytes = await readFile(poster.imagePath);
    const kind = WILD_CHECK_KINDS[i % WILD_CHECK_KINDS.length]!;
    const images = await Promise.all([bytes, (await inTheWild(bytes, kind, i + 1)).bytes].map((b) => decodePoster(b, predictor.inputSize))).catch(() => undefined);
    if (images === undefined) continue;
    const [clean, wild] = await predictor.predict(images);
    if (clean?.similar === undefined) throw new Error(`${modelsDir}/similar is not installed: run npm run build:similar first`);
    const cleanIds = new Set(clean.similar.map((s) => s.id));
    const half = i < count / 2 ? 'firstHalf' : 'secondHalf';
    for (const group of [kind, half]) (shared[group] ??= []).push(wild!.similar!.some((s) => cleanIds.has(s.id)));
    const overlap = clean.similar.map((s) => genreOverlap(listedGenres(poster.genres), trainGenres.get(s.id) ?? []));
    for (const group of ['all', half]) (overlaps[group] ??= []).push(...overlap);
    if (i % 20 === 19) log(`similar in the wild: ${i + 1} posters`);
  }
  await predictor.dispose();
  const all = WILD_CHECK_KINDS.flatMap((kind) => shared[kind] ?? []);
  const fraction = (flags: readonly boolean[]) => flags.filter(Boolean).length / Math.max(1, flags.length);
  return {
    posters: all.length,
    sharedNeighbour: fraction(all),
    ...Object.fromEntries(Object.entries(shared).map(([group, flags]) => [`sharedNeighbour.${group}`, fraction(flags)])),
    neighbourGenreJaccard: mean(overlaps.all ?? []),
    ...Object.fromEntries(Object.entries(overlaps).filter(([group]) => group !== 'all').map(([group, values]) => [`neighbourGenreJaccard.${group}`, mean(values)])),
  };
}
