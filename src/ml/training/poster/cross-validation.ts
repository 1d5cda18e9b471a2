import { idFraction } from '../../../util/id-hash.js';

/** Fold of an id among k, from its hash: stable across runs and independent of the validation split's hash. */
export function foldOf(id: string, folds: number, seed = 'moviebot-poster-cv'): number {
  return Math.floor(idFraction(id, seed) * folds);
}

export interface FoldOutcome {
  readonly metrics: Record<string, number>;
  readonly bestEpoch: number;
}

export interface CrossValidationSummary {
  readonly folds: number;
  /** Mean and standard deviation over folds of each metric. */
  readonly mean: Record<string, number>;
  readonly sd: Record<string, number>;
  readonly bestEpochs: number[];
  readonly perFold: FoldOutcome[];
}

/** Runs `runFold(trainRows, heldRows)` for each of k folds of `ids` (row i has id ids[i]) and summarises. */
export async function crossValidate(
  ids: readonly string[],
  folds: number,
  runFold: (trainRows: number[], heldRows: number[], fold: number) => Promise<FoldOutcome>,
): Promise<CrossValidationSummary> {
  const foldIndex = ids.map((id) => foldOf(id, folds));
  const perFold: FoldOutcome[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const trainRows = foldIndex.flatMap((f, row) => (f === fold ? [] : [row]));
    const heldRows = foldIndex.flatMap((f, row) => (f === fold ? [row] : []));
    perFold.push(await runFold(trainRows, heldRows, fold));
  }
  const names = Object.keys(perFold[0]?.metrics ?? {});
  const mean: Record<string, number> = {};
  const sd: Record<string, number> = {};
  for (const name of names) {
    const values = perFold.map((outcome) => outcome.metrics[name]!);
    mean[name] = values.reduce((a, b) => a + b, 0) / values.length;
    sd[name] = Math.sqrt(values.reduce((a, b) => a + (b - mean[name]!) ** 2, 0) / Math.max(values.length - 1, 1));
  }
  return { folds, mean, sd, bestEpochs: perFold.map((outcome) => outcome.bestEpoch), perFold };
}
