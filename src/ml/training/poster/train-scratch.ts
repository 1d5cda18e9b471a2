import type { Poster } from '../../../data/posters.js';
import { saveModel } from '../../runtime/model-io.js';
import { writeTrainingReport } from '../training-report.js';
import { fitModel, predictAll } from './fit.js';
import { writePosterMetadata } from '../../serving/poster/metadata.js';
import { decodeAllPosters, pixelExamples } from './pixel-examples.js';
import { stopSlice, taskRows } from './poster-rows.js';
import type { PosterRunContext } from './run-context.js';
import { buildScratchModel, type ScratchHyperparams } from './scratch-model.js';
import { meanGuessBaseline, taskLabels, taskMetrics } from './task.js';
import { seedTensorflowRandomness } from '../seeded-tensorflow.js';

/**
 * The CNN from random weights: one fit on the training part, early-stopped on a slice of it, scored once on the
 * validation split. Not cross-validated: on two CPU cores one fit already takes tens of minutes.
 */
export async function trainScratchPoster(ctx: PosterRunContext, posters: readonly Poster[], hp: ScratchHyperparams): Promise<Record<string, number>> {
  const { task, log } = ctx;
  const started = Date.now();
  const table = await decodeAllPosters(posters, hp.inputSize, ctx.progress);
  if (table.unreadable.length > 0) log(`${table.unreadable.length} unreadable posters skipped (first: ${table.unreadable[0]!.id}: ${table.unreadable[0]!.reason})`);
  const rows = taskRows(task, table.ids, new Map(posters.map((poster) => [poster.id, poster])));
  const { fit, stop } = stopSlice(table.ids, rows.train);
  log(`${task}: ${fit.length} fit + ${stop.length} early-stop posters, ${rows.validation.length} validation posters, ${hp.inputSize}px`);
  const ratingMean = task === 'rating' ? fit.reduce((sum, row) => sum + rows.targets[row]![0]!, 0) / fit.length : 0;
  seedTensorflowRandomness(ctx.seed);
  const model = buildScratchModel(task, hp, ratingMean);
  const validationExamples = pixelExamples(table, rows.validation, rows.targets);
  const result = await fitModel(model, task, pixelExamples(table, fit, rows.targets), pixelExamples(table, stop, rows.targets),
    { epochs: ctx.epochs, batchSize: hp.batchSize, patience: ctx.patience, seed: ctx.seed, progress: true, workers: ctx.workers }, validationExamples);
  const validation = taskMetrics(task, await predictAll(model, validationExamples, 64), validationExamples.targets);
  const baselines = meanGuessBaseline(task, rows.train.map((row) => rows.targets[row]!), validationExamples.targets);
  log(`validation ${JSON.stringify(validation)} (mean guess ${JSON.stringify(baselines)})`);

  await saveModel(model, ctx.outDir);
  await writePosterMetadata(ctx.outDir, {
    task,
    labels: taskLabels(task),
    architecture: 'scratch',
    inputSize: hp.inputSize,
    normalisation: 'RGB from decodePoster (whole poster squashed to a square), x/255',
    hyperparams: hp,
    trainedWith: ctx.command,
    seed: ctx.seed,
    data: { ...ctx.dataSummary, unreadableImages: table.unreadable.length, train: rows.train.length, trainFit: fit.length, trainEarlyStopSlice: stop.length, validation: rows.validation.length },
    validation,
    baselines,
    backend: ctx.backend,
    date: new Date().toISOString(),
    trainingSeconds: Math.round((Date.now() - started) / 1000),
  });
  await writeTrainingReport(ctx.outDir, { history: result.history, metrics: validation, baselines, bestEpoch: result.best?.epoch ?? 0 });
  model.dispose();
  return validation;
}
