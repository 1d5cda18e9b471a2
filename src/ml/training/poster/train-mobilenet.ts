import { GENRES } from '../../../core/genres.js';
import type { Poster } from '../../../data/posters.js';
import { saveModel } from '../../runtime/model-io.js';
import { writeTrainingReport } from '../training-report.js';
import { type BackboneConfig, DEFAULT_BACKBONE, loadPosterBackbone } from '../../serving/poster/backbone.js';
import { nsfwjsVersion } from '../../serving/poster/mobilenet-source.js';
import { extractedBackbone, type HeadCandidate, selectedBlocks, servingBackbone } from './candidates.js';
import { crossValidate, type CrossValidationSummary } from './cross-validation.js';
import { featureSpec, type FeatureTable, loadOrExtractFeatures } from './feature-cache.js';
import { selectColumns } from './feature-matrix.js';
import { writeFeatureNorm, writePosterMetadata } from '../../serving/poster/metadata.js';
import { auxiliaryUnits } from './head.js';
import { stopSlice, taskRows } from './poster-rows.js';
import { blendWildTargets, loadOrExtractTrainingWild, stopSliceWildStability, type WildStability, wildTraining } from './wild-rows.js';
import { SELECTION_METRIC, isBetter, meanGuessBaseline, taskLabels, taskMetrics } from './task.js';
import { macroF1, perLabelThresholds } from './thresholds.js';
import { type ColumnFilter, predictRows, trainFeatureHead, type TrainedHead } from './train-head.js';
import type { FeatureBlock } from '../../serving/poster/features.js';
import type { PosterRunContext } from './run-context.js';

/** Targets of every table row, the clean training rows, and how to add their wild rows to a set that trains. */
interface TrainingRows {
  readonly targets: number[][];
  readonly train: number[];
  withWild(rows: readonly number[]): number[];
}

interface CandidateResult {
  readonly candidate: HeadCandidate;
  readonly cv: CrossValidationSummary;
  readonly outOfFold: { rows: number[]; predictions: number[][] };
}

/**
 * Frozen MobileNetV2 features (cached) + a trained head: cross-validates each candidate on the training part,
 * refits the winner on the training part (early-stopped on a slice of it), scores the validation split once and
 * writes the model folder; with `fitValidation`, the folder gets the winner fitted again on both parts.
 */
export async function trainMobilenetPoster(ctx: PosterRunContext, posters: readonly Poster[], candidates: readonly HeadCandidate[]): Promise<Record<string, number>> {
  const { task, log } = ctx;
  const started = Date.now();
  const backbone = await loadPosterBackbone(extractedBackbone({ ...DEFAULT_BACKBONE, source: ctx.backbone, package: await nsfwjsVersion() }, candidates));
  log(`feature extraction: ${backbone.featureDim} features x ${backbone.config.views.length} views per poster, cache ${ctx.cacheDir}`);
  const spec = featureSpec(backbone);
  const clean = await loadOrExtractFeatures(posters, backbone.extractor, spec, ctx.cacheDir, ctx.progress);
  const wildPictures = ctx.wildDir === undefined ? undefined : await loadOrExtractTrainingWild(ctx.dataDir, ctx.wildDir, ctx.wildPictures, posters, backbone.extractor, spec, log);
  backbone.extractor.dispose();
  if (clean.unreadable.length > 0) log(`${clean.unreadable.length} unreadable posters skipped (first: ${clean.unreadable[0]!.id}: ${clean.unreadable[0]!.reason})`);
  const byId = new Map(posters.map((poster) => [poster.id, poster]));
  // The script lets a run learn genres beside the rating only when its one candidate does.
  const cleanRows = taskRows(task, clean.ids, byId, candidates.some((candidate) => auxiliaryUnits(task, candidate.head) > 0));
  log(`${task}: ${cleanRows.train.length} training posters, ${cleanRows.validation.length} validation posters`);
  const wild = wildTraining(clean, cleanRows, wildPictures, log);
  const table = { ...wild.table, served: ctx.servedViews };
  const rows = { ...cleanRows, targets: wild.targets, withWild: wild.withWild };

  const { results, winner } = await selectByCrossValidation(ctx, table, backbone.blocks, rows, candidates);

  const blocks = selectedBlocks(backbone.blocks, winner.candidate.blocks);
  const filter = (m: Parameters<typeof selectColumns>[0]) => selectColumns(m, blocks);
  const { fit, stop } = stopSlice(table.ids, rows.train);
  const finalTargets = ctx.wildAnswerWeight > 0 ? blendWildTargets(rows.targets, wild, outOfFoldAnswers(winner), ctx.wildAnswerWeight) : rows.targets;
  const fitFinal: FinalFit = (fitRows, stopRows, monitor) => trainFeatureHead(task, table, finalTargets, rows.withWild(fitRows), stopRows,
    winner.candidate.head, { epochs: ctx.epochs, batchSize: winner.candidate.head.batchSize, patience: ctx.patience, seed: ctx.seed, progress: true },
    filter, monitor);
  const final = await fitFinal(fit, stop, rows.validation);
  const validationTargets = rows.validation.map((row) => rows.targets[row]!);
  const validationPredictions = await predictRows(final, table, rows.validation, filter);
  const validation = taskMetrics(task, validationPredictions, validationTargets);
  const baselines = meanGuessBaseline(task, rows.train.map((row) => rows.targets[row]!), validationTargets);

  const wildStability = task === 'genre' ? await stopSliceWildStability(final, table, rows.withWild, stop, filter) : undefined;
  if (wildStability) log(`early-stop slice in the wild: ${JSON.stringify(wildStability)}`);
  const thresholds = task === 'genre' ? genreThresholds(winner, rows.targets, validationPredictions, validationTargets, validation) : undefined;
  log(`validation ${JSON.stringify(validation)} (mean guess ${JSON.stringify(baselines)})`);

  const refit = ctx.fitValidation ? await refitWithValidation(task, table, rows, final, fitFinal, filter, log) : undefined;
  await saveMobilenetModel(ctx, { final, refit, winner, results, table: clean, wildAdded: wild.added, rows, fit, stop, backboneConfig: { ...backbone.config, views: ctx.servedViews }, blocks, validation, baselines, thresholds, wildStability, started });
  final.model.dispose();
  refit?.head.model.dispose();
  return validation;
}

interface TrainedMobilenetModel {
  /** The fit on the training part, scored on the validation split. */
  readonly final: TrainedHead;
  /** With --fit-validation, the same recipe fitted on the training part and the validation split: what ships. */
  readonly refit: Refit | undefined;
  readonly winner: CandidateResult;
  readonly results: readonly CandidateResult[];
  readonly table: FeatureTable;
  /** Wild training rows by kind (empty without --wild). */
  readonly wildAdded: Readonly<Record<string, number>>;
  readonly rows: { train: number[]; validation: number[] };
  readonly fit: readonly number[];
  readonly stop: readonly number[];
  readonly backboneConfig: BackboneConfig;
  readonly blocks: readonly FeatureBlock[];
  readonly validation: Record<string, number>;
  readonly baselines: Record<string, number>;
  readonly thresholds: Record<string, number> | undefined;
  readonly wildStability: WildStability | undefined;
  readonly started: number;
}

/** Writes the model folder: weights, feature standardisation, metadata.json and the training report. */
async function saveMobilenetModel(ctx: PosterRunContext, trained: TrainedMobilenetModel): Promise<void> {
  const { task } = ctx;
  const { final, refit, winner, results, table, wildAdded, rows, fit, stop, backboneConfig, blocks, validation, baselines, thresholds, wildStability, started } = trained;
  const shipped = refit?.head ?? final;
  await saveModel(shipped.model, ctx.outDir, { float16: true });
  await writeFeatureNorm(ctx.outDir, shipped.stats);
  const trainingSeconds = Math.round((Date.now() - started) / 1000);
  const crossValidation = {
    folds: ctx.folds,
    selectedBy: `mean ${SELECTION_METRIC[task].name} over folds`,
    candidates: results.map((r) => ({ name: r.candidate.name, blocks: r.candidate.blocks, head: r.candidate.head, ...r.cv, perFold: undefined })),
    winner: winner.candidate.name,
  };
  await writePosterMetadata(ctx.outDir, {
    task,
    labels: taskLabels(task),
    architecture: 'mobilenet',
    inputSize: backboneConfig.inputSize,
    normalisation: 'RGB from decodePoster (whole poster squashed to a square), x/255; pooled features standardised with feature-norm.bin',
    backbone: { ...servingBackbone(backboneConfig, blocks), package: await nsfwjsVersion() },
    hyperparams: winner.candidate.head,
    trainedWith: ctx.command,
    seed: ctx.seed,
    data: {
      ...ctx.dataSummary,
      featureRows: table.ids.length,
      unreadableImages: table.unreadable.length,
      train: rows.train.length,
      trainFit: fit.length,
      trainEarlyStopSlice: stop.length,
      ...(Object.keys(wildAdded).length > 0 ? { wildTrainingRows: wildAdded } : {}),
      ...(ctx.wildAnswerWeight > 0 ? { wildTargets: `${ctx.wildAnswerWeight} x the CV winner's out-of-fold answer for the clean poster + ${1 - ctx.wildAnswerWeight} x its labels (final fit only)` } : {}),
      validation: rows.validation.length,
      ...(refit ? { validationFitted: refit.summary } : {}),
    },
    validation,
    baselines,
    crossValidation,
    ...(thresholds ? { thresholds } : {}),
    ...(wildStability ? { earlyStopSliceInTheWild: wildStability } : {}),
    backend: ctx.backend,
    date: new Date().toISOString(),
    trainingSeconds,
  });
  await writeTrainingReport(ctx.outDir, {
    history: final.history,
    metrics: validation,
    baselines,
    bestEpoch: final.best?.epoch ?? 0,
    heldout: final.metrics,
    crossValidation,
  });
}

/** The winner's final fit on `fitRows` (their wild rows added), early-stopped on `stopRows`. */
type FinalFit = (fitRows: readonly number[], stopRows: readonly number[], monitorRows?: readonly number[]) => Promise<TrainedHead>;

interface Refit {
  readonly head: TrainedHead;
  /** For metadata.json's `data.validationFitted`, which `npm run evaluate` looks for. */
  readonly summary: Record<string, unknown>;
}

/**
 * The recipe refitted on the training part and the validation split, early-stopped on a slice of both. Its slice's
 * score (and, for genre, its slice's wild pictures) are the only figures left that it never fitted; the held-out fit
 * is scored on the same slice, which it never fitted either, so the two compare like for like.
 */
async function refitWithValidation(
  task: PosterRunContext['task'],
  table: FeatureTable,
  rows: TrainingRows & { validation: readonly number[] },
  heldOutFit: TrainedHead,
  fitFinal: FinalFit,
  filter: ColumnFilter,
  log: (message: string) => void,
): Promise<Refit> {
  const { fit, stop } = stopSlice(table.ids, [...rows.train, ...rows.validation]);
  const head = await fitFinal(fit, stop);
  const heldOutFitScore = taskMetrics(task, await predictRows(heldOutFit, table, stop, filter), stop.map((row) => rows.targets[row]!));
  const inTheWild = (trained: TrainedHead) => (task === 'genre' ? stopSliceWildStability(trained, table, rows.withWild, stop, filter) : undefined);
  const [refitWild, heldOutFitWild] = [await inTheWild(head), await inTheWild(heldOutFit)];
  const summary = {
    note: 'the shipped head learnt the validation split too (--fit-validation): `validation` holds the figures of the same recipe fitted on the training part alone',
    posters: fit.length + stop.length,
    fit: fit.length,
    earlyStopSlice: stop.length,
    earlyStopSliceScore: head.metrics,
    heldOutFitOnTheSameSlice: heldOutFitScore,
    ...(refitWild && heldOutFitWild ? { earlyStopSliceInTheWild: refitWild, heldOutFitInTheWild: heldOutFitWild } : {}),
  };
  log(`refit on the training part and the validation split: ${JSON.stringify(summary)}`);
  return { head, summary };
}

/** Cross-validates every candidate on the training rows and picks the best by the task's selection metric. */
async function selectByCrossValidation(
  ctx: PosterRunContext,
  table: FeatureTable,
  allBlocks: readonly FeatureBlock[],
  rows: TrainingRows,
  candidates: readonly HeadCandidate[],
): Promise<{ results: CandidateResult[]; winner: CandidateResult }> {
  const results: CandidateResult[] = [];
  for (const candidate of candidates) {
    const result = await crossValidateCandidate(ctx, table, allBlocks, rows, candidate);
    results.push(result);
    const { mean, sd, bestEpochs } = result.cv;
    ctx.log(`CV ${candidate.name}: ${Object.entries(mean).map(([k, v]) => `${k} ${v.toFixed(4)}±${sd[k]!.toFixed(4)}`).join(' ')} best epochs ${bestEpochs.join(',')}`);
  }
  const metricName = SELECTION_METRIC[ctx.task].name;
  const winner = results.reduce((best, r) => (isBetter(ctx.task, r.cv.mean[metricName]!, best.cv.mean[metricName]!) ? r : best));
  ctx.log(`winner by CV ${metricName}: ${winner.candidate.name}`);
  return { results, winner };
}

/** The winner's cross-validated answer for each training row, by row. */
const outOfFoldAnswers = ({ outOfFold }: CandidateResult): Map<number, number[]> =>
  new Map(outOfFold.rows.map((row, i) => [row, outOfFold.predictions[i]!]));

/** Per-genre thresholds from the winner's out-of-fold predictions; adds their macro F1 on validation to `validation`. */
function genreThresholds(
  winner: CandidateResult,
  targets: number[][],
  validationPredictions: number[][],
  validationTargets: number[][],
  validation: Record<string, number>,
): Record<string, number> {
  const perGenre = perLabelThresholds(winner.outOfFold.predictions, winner.outOfFold.rows.map((row) => targets[row]!));
  validation.macroF1PerGenreThresholds = macroF1(validationPredictions, validationTargets, perGenre);
  validation.macroF1Threshold05 = macroF1(validationPredictions, validationTargets, perGenre.map(() => 0.5));
  return Object.fromEntries(GENRES.map((genre, i) => [genre, perGenre[i]!]));
}

async function crossValidateCandidate(
  ctx: PosterRunContext,
  table: FeatureTable,
  allBlocks: readonly FeatureBlock[],
  rows: TrainingRows,
  candidate: HeadCandidate,
): Promise<CandidateResult> {
  const { task } = ctx;
  const { targets, train: trainRows } = rows;
  const blocks = selectedBlocks(allBlocks, candidate.blocks);
  const filter = (m: Parameters<typeof selectColumns>[0]) => selectColumns(m, blocks);
  const outOfFold = { rows: [] as number[], predictions: [] as number[][] };
  const ids = trainRows.map((row) => table.ids[row]!);
  const cv = await crossValidate(ids, ctx.folds, async (foldTrain, foldHeld) => {
    const trainIdx = rows.withWild(foldTrain.map((i) => trainRows[i]!));
    const heldIdx = foldHeld.map((i) => trainRows[i]!);
    const head = await trainFeatureHead(task, table, targets, trainIdx, heldIdx, candidate.head,
      { epochs: ctx.epochs, batchSize: candidate.head.batchSize, patience: ctx.patience, seed: ctx.seed, progress: false }, filter);
    head.model.dispose();
    outOfFold.rows.push(...heldIdx);
    outOfFold.predictions.push(...head.predictions);
    return { metrics: head.metrics, bestEpoch: head.best?.epoch ?? 0 };
  });
  return { candidate, cv, outOfFold };
}
