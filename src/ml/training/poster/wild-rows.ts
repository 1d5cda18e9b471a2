/**
 * In-the-wild pictures of training posters (phone photos, screenshots, ... from wild-features.ts) as extra training
 * rows of a head, labelled with their poster's labels, so the head learns to answer the same through the looks a
 * poster has when people post it. A wild row only ever trains where its poster trains: never for validation posters,
 * the final fit's early-stop slice or a held cross-validation fold, which all stay clean posters.
 */
import type * as tf from '@tensorflow/tfjs';
import { loadMovieTitles } from '../../../data/movie-titles.js';
import type { Poster } from '../../../data/posters.js';
import type { FeatureSpec, FeatureTable } from './feature-cache.js';
import { topGenreAgreement } from './gate-evaluation.js';
import type { TaskRows } from './poster-rows.js';
import type { Targets } from './task.js';
import { type ColumnFilter, predictRows, type TrainedHead } from './train-head.js';
import { kindOfWildId, loadOrExtractWildFeatures, posterOfWildId, titledTrainingPosters, trainingWildPlans } from './wild-features.js';

export interface WildTraining {
  /** The clean table with the usable wild rows appended (same views and columns). */
  readonly table: FeatureTable;
  /** `rows.targets` extended with each wild row's poster target. */
  readonly targets: Targets;
  /** Wild rows appended, by kind (`phone-photo`, `screenshot`, ...). */
  readonly added: Readonly<Record<string, number>>;
  /** The clean poster row of each appended wild row, in table order (the first is table row `clean.ids.length`). */
  readonly posterRows: readonly number[];
  /** The given clean rows, each followed by its poster's wild rows. */
  withWild(rows: readonly number[]): number[];
}

/** Appends the rows of `wild` whose poster is a training row of `rows`; other wild rows are left out. */
export function addWildRows(clean: FeatureTable, rows: TaskRows, wild: FeatureTable): WildTraining {
  if (wild.dim !== clean.dim || wild.views.join() !== clean.views.join()) {
    throw new Error(`Wild features are ${wild.views.length} x ${wild.dim}, the posters' ${clean.views.length} x ${clean.dim}: not the same backbone`);
  }
  const trainRowOf = new Map(rows.train.map((row) => [clean.ids[row]!, row]));
  const wildOf = new Map<number, number[]>();
  const kept: number[] = [];
  const targets = [...rows.targets];
  const added: Record<string, number> = {};
  wild.ids.forEach((id, wildRow) => {
    const posterRow = trainRowOf.get(posterOfWildId(id));
    if (posterRow === undefined) return;
    const row = clean.ids.length + kept.length;
    kept.push(wildRow);
    targets.push(rows.targets[posterRow]!);
    if (wildOf.has(posterRow)) wildOf.get(posterRow)!.push(row);
    else wildOf.set(posterRow, [row]);
    const kind = kindOfWildId(id);
    added[kind] = (added[kind] ?? 0) + 1;
  });
  const rowFloats = clean.views.length * clean.dim;
  const data = new Float32Array((clean.ids.length + kept.length) * rowFloats);
  data.set(clean.data.subarray(0, clean.ids.length * rowFloats));
  kept.forEach((wildRow, k) => data.set(wild.data.subarray(wildRow * rowFloats, (wildRow + 1) * rowFloats), (clean.ids.length + k) * rowFloats));
  return {
    table: { ...clean, ids: [...clean.ids, ...kept.map((wildRow) => wild.ids[wildRow]!)], data },
    targets,
    added,
    posterRows: kept.map((wildRow) => trainRowOf.get(posterOfWildId(wild.ids[wildRow]!))!),
    withWild: (posterRows) => posterRows.flatMap((row) => [row, ...(wildOf.get(row) ?? [])]),
  };
}

/** {@link addWildRows} with the training posters' wild features, when there are any; without, the clean rows alone. */
export function wildTraining(clean: FeatureTable, rows: TaskRows, wild: FeatureTable | undefined, log: (message: string) => void): WildTraining {
  if (wild === undefined) return { table: clean, targets: rows.targets, added: {}, posterRows: [], withWild: (posterRows) => [...posterRows] };
  const training = addWildRows(clean, rows, wild);
  log(`wild rows of training posters added: ${JSON.stringify(training.added)} (of ${wild.ids.length} wild pictures)`);
  return training;
}

/**
 * `targets` with each wild row's target moved `weight` of the way from its poster's labels to the head's answer
 * for the clean poster (`answers`, by poster row): a wild picture is then taught to be answered as its poster is,
 * genres outside the labels included, which is what keeps the top three in place. Wild rows whose poster has no
 * answer keep their labels.
 */
export function blendWildTargets(targets: Targets, training: Pick<WildTraining, 'posterRows'>, answers: ReadonlyMap<number, readonly number[]>, weight: number): Targets {
  const blended = [...targets];
  const firstWild = targets.length - training.posterRows.length;
  training.posterRows.forEach((posterRow, k) => {
    const answer = answers.get(posterRow);
    const labels = targets[firstWild + k]!;
    if (answer !== undefined) blended[firstWild + k] = labels.map((label, j) => (1 - weight) * label + weight * answer[j]!);
  });
  return blended;
}

/**
 * The training wild pictures (`perPoster` of each titled training poster; the first is the one build:similar's
 * projection uses) under `wildDir`, made and extracted where missing.
 */
export async function loadOrExtractTrainingWild(
  dataDir: string,
  wildDir: string,
  perPoster: number,
  posters: readonly Poster[],
  extractor: tf.LayersModel,
  spec: FeatureSpec,
  log: (message: string) => void,
): Promise<FeatureTable> {
  const titled = titledTrainingPosters(posters, await loadMovieTitles(dataDir));
  const plans = trainingWildPlans(titled.length, perPoster);
  return loadOrExtractWildFeatures(plans.map((_, k) => titled[k % titled.length]!), plans, extractor, spec, wildDir, log);
}

export interface WildStability {
  readonly pictures: number;
  readonly top3Agreement: number;
}

/**
 * How many of the final head's top-3 genres for an early-stop-slice poster survive in that poster's wild pictures:
 * the slice never trained the head, so this measures stability inside the training part, where choices may be
 * made, instead of on the validation split. With `blendWildTargets` the slice is not wholly independent (the
 * cross-validation heads that gave the answers learnt its labels). Undefined without wild rows of the slice.
 */
export async function stopSliceWildStability(
  head: Pick<TrainedHead, 'model' | 'stats'>,
  table: FeatureTable,
  withWild: WildTraining['withWild'],
  stop: readonly number[],
  filter: ColumnFilter,
): Promise<WildStability | undefined> {
  const pairs = stop.flatMap((row) => withWild([row]).slice(1).map((wildRow) => [row, wildRow] as const));
  if (pairs.length === 0) return undefined;
  const clean = await predictRows(head, table, pairs.map(([row]) => row), filter);
  const wild = await predictRows(head, table, pairs.map(([, wildRow]) => wildRow), filter);
  return { pictures: pairs.length, top3Agreement: topGenreAgreement(clean, wild) };
}
