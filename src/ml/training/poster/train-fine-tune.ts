import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { Poster } from '../../../data/posters.js';
import { loadNsfwjsMobileNet } from '../../serving/poster/mobilenet-source.js';
import { crossValidate, type CrossValidationSummary } from './cross-validation.js';
import type { PosterTargets } from './fine-tune-batches.js';
import { type FineTuneOutcome, type FrozenFeatures, fineTuneAndScore, scorePredictions } from './fine-tune-cv.js';
import { viewFeatures } from './fine-tune-loop.js';
import { disposeNet, type FineTuneHyperparams } from './fine-tune-model.js';
import { taskRows } from './poster-rows.js';
import { saveFineTunedNet } from './save-fine-tune.js';
import { loadOrExtractCutActivations } from './top-activations.js';
import { buildTrainableTop } from './trainable-top.js';

export interface FineTuneRun {
  readonly outDir: string;
  readonly cacheDir: string;
  readonly folds: number;
  readonly seed: number;
  readonly skipCrossValidation: boolean;
  readonly log: (message: string) => void;
  readonly progress: (done: number, total: number) => void;
}

/** Each fold's scores as flat names: `frozen.mAP`, `epoch1.mAP`, ... so one summary holds the whole comparison. */
function flatScores(outcome: Pick<FineTuneOutcome, 'frozen' | 'tuned'>): Record<string, number> {
  const named = [['frozen', outcome.frozen] as const, ...outcome.tuned.map((score, i) => [`epoch${i + 1}`, score] as const)];
  return Object.fromEntries(named.flatMap(([stage, score]) => Object.entries(score).map(([name, value]) => [`${stage}.${name}`, value])));
}

/** What the constant guess (training prior, training mean rating) scores on `rows`. */
function constantGuess(targets: PosterTargets, trainRows: readonly number[], rows: readonly number[]): Record<string, number> {
  const width = targets.genre[trainRows[0]!]!.length;
  const prior = Array.from({ length: width }, (_, c) => trainRows.reduce((sum, row) => sum + targets.genre[row]![c]!, 0) / trainRows.length);
  const rated = trainRows.flatMap((row) => (targets.rating[row] === undefined ? [] : [targets.rating[row]!]));
  const meanRating = rated.reduce((a, b) => a + b, 0) / rated.length;
  return scorePredictions({ genre: rows.map(() => prior), rating: rows.map(() => meanRating) }, rows, targets);
}

/**
 * Fine-tunes MobileNetV2's blocks 15-16 + Conv_1 with a genre and a rating head: k-fold cross-validation inside
 * the training part (frozen top vs each fine-tuning epoch, same folds as the head training), then one fit on the
 * whole training part scored on the validation split. Writes report.json and returns the fitted net.
 */
export async function trainFineTunedTop(run: FineTuneRun, posters: readonly Poster[], hp: FineTuneHyperparams): Promise<{ top: tf.LayersModel; outcome: FineTuneOutcome; backbone: tf.LayersModel }> {
  const { log } = run;
  const table = await loadOrExtractCutActivations(posters, run.cacheDir, run.progress);
  const byId = new Map(posters.map((poster) => [poster.id, poster]));
  const targets: PosterTargets = {
    // The cache may hold posters outside this run (--limit); taskRows leaves their rows out.
    genre: table.ids.map((id) => [...(byId.get(id)?.genres ?? [])]),
    rating: table.ids.map((id) => byId.get(id)?.rating),
  };
  const { train, validation } = taskRows('genre', table.ids, byId);
  log(`${train.length} training posters, ${validation.length} validation posters, ${table.views.length} views`);
  const backbone = await loadNsfwjsMobileNet();
  const top = buildTrainableTop(backbone);
  const pretrained = top.getWeights().map((weight) => weight.clone());
  const allRows = [...train, ...validation];
  const frozen: FrozenFeatures = { rows: allRows, ...viewFeatures(top, table, allRows) };
  log(`frozen-top features: ${frozen.width} per view`);

  const report: Record<string, unknown> = { hyperparams: hp, folds: run.folds, seed: run.seed, trainPosters: train.length, validationPosters: validation.length };
  if (!run.skipCrossValidation) {
    const cv = await crossValidateFineTune(run, top, pretrained, table, frozen, targets, train, hp);
    report.crossValidation = { mean: cv.mean, sd: cv.sd, perFold: cv.perFold.map((fold) => fold.metrics) };
    await writeReport(run.outDir, report);
  }
  const outcome = await fineTuneAndScore(top, table, frozen, targets, train, validation, hp, run.seed, (m) => log(`final: ${m}`));
  report.validation = { ...flatScores(outcome), ...prefixed('constant', constantGuess(targets, train, validation)) };
  await writeReport(run.outDir, report);
  await saveFineTunedNet(run.outDir, outcome.net, train.map((row) => targets.genre[row]!), hp);
  return { top, outcome, backbone };
}

async function writeReport(dir: string, report: Record<string, unknown>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
}

function prefixed(prefix: string, metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).map(([name, value]) => [`${prefix}.${name}`, value]));
}

async function crossValidateFineTune(
  run: FineTuneRun, top: tf.LayersModel, pretrained: tf.Tensor[], table: Awaited<ReturnType<typeof loadOrExtractCutActivations>>,
  frozen: FrozenFeatures, targets: PosterTargets, train: readonly number[], hp: FineTuneHyperparams,
): Promise<CrossValidationSummary> {
  const ids = train.map((row) => table.ids[row]!);
  const cv = await crossValidate(ids, run.folds, async (foldTrain, foldHeld, fold) => {
    const trainRows = foldTrain.map((i) => train[i]!);
    const heldRows = foldHeld.map((i) => train[i]!);
    const outcome = await fineTuneAndScore(top, table, frozen, targets, trainRows, heldRows, hp, run.seed, (m) => run.log(`fold ${fold + 1}: ${m}`));
    disposeNet(outcome.net);
    top.setWeights(pretrained);
    return { metrics: { ...flatScores(outcome), ...prefixed('constant', constantGuess(targets, trainRows, heldRows)) }, bestEpoch: 0 };
  });
  for (const name of Object.keys(cv.mean)) run.log(`CV ${name}: ${cv.mean[name]!.toFixed(4)} ± ${cv.sd[name]!.toFixed(4)}`);
  return cv;
}
