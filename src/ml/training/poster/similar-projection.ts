/**
 * The "looks like" projection's training data and run: every training poster paired with one wild picture of it
 * (phone photo or screenshot, alternately), both through the serving preprocessing, then InfoNCE on the pairs.
 * The pictures are the training wild pictures of wild-features.ts, which the genre head's wild rows use too.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BlockNorm } from '../../serving/poster/similar-index.js';
import type { FeatureBlock } from '../../serving/poster/features.js';
import type { ImageItem } from './decode-files.js';
import type { FeatureSpec, FeatureTable } from './feature-cache.js';
import { meanOverViews, selectColumns, standardise, type Matrix } from './feature-matrix.js';
import { DEFAULT_PROJECTION, trainInvariantProjection } from './invariant-projection.js';
import { loadOrExtractWildFeatures, TRAINING_WILD_KINDS, TRAINING_WILD_SEED_BASE, trainingWildPlans, wildId } from './wild-features.js';

/** The block's columns of each row, standardised as the index standardises them: what the projection sees. */
export function standardisedBlock(matrix: Matrix, block: FeatureBlock, norm: BlockNorm): Matrix {
  return standardise(selectColumns(matrix, [block]), norm);
}

export interface ProjectionRun {
  readonly posters: readonly ImageItem[];
  /** Clean features of (at least) `posters`. */
  readonly clean: FeatureTable;
  readonly extractor: tf.LayersModel;
  readonly spec: FeatureSpec;
  readonly wildCacheRoot: string;
  readonly block: FeatureBlock;
  readonly norm: BlockNorm;
  readonly dim: number;
  readonly log: (message: string) => void;
}

export interface TrainedProjection {
  readonly weights: Float32Array;
  readonly trainedOn: Readonly<Record<string, unknown>>;
}

export async function trainSimilarProjection(run: ProjectionRun): Promise<TrainedProjection> {
  const plans = trainingWildPlans(run.posters.length);
  const wild = await loadOrExtractWildFeatures(run.posters, plans, run.extractor, run.spec, run.wildCacheRoot, run.log);
  const cleanRows = new Map(run.clean.ids.map((id, row) => [id, row]));
  const wildRows = new Map(wild.ids.map((id, row) => [id, row]));
  const pairs = run.posters.flatMap((poster, i) => {
    const [cleanRow, wildRow] = [cleanRows.get(poster.id), wildRows.get(wildId(poster.id, plans[i]!))];
    return cleanRow === undefined || wildRow === undefined ? [] : [{ cleanRow, wildRow }];
  });
  run.log(`projection: ${pairs.length} (clean, wild) training pairs`);
  const side = (table: FeatureTable, rows: number[]) => standardisedBlock(meanOverViews(table, rows), run.block, run.norm);
  const options = { ...DEFAULT_PROJECTION, dim: run.dim, log: run.log };
  const weights = trainInvariantProjection(side(run.clean, pairs.map((p) => p.cleanRow)), side(wild, pairs.map((p) => p.wildRow)), options);
  const { log: _, ...hyperparameters } = options;
  return {
    weights,
    trainedOn: {
      loss: 'InfoNCE (both directions) over (clean, wild) training-poster pairs, every other poster of a batch a negative',
      pairs: pairs.length,
      kinds: TRAINING_WILD_KINDS,
      seeds: `${TRAINING_WILD_SEED_BASE} + training-poster index (validation pictures use 1..N)`,
      ...hyperparameters,
    },
  };
}
