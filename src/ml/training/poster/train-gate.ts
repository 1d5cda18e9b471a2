/**
 * Trains the poster gate: a small binary head on the frozen backbone features the genre and rating heads read
 * (same taps and input size, so serving runs the backbone once for all three; the poster alone,
 * `GATE_AND_INDEX_VIEWS`, whatever views the heads average), from training-split posters (clean and in the wild)
 * against training non-poster groups; scores the held-out parts once.
 */
import { mkdir } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import type { Poster } from '../../../data/posters.js';
import { loadLayersModel, saveModel } from '../../runtime/model-io.js';
import { loadPosterBackbone } from '../../serving/poster/backbone.js';
import { GATE_AND_INDEX_VIEWS } from '../../serving/poster/features.js';
import { type FeatureTable, loadOrExtractFeatures, featureSpec } from './feature-cache.js';
import { featureExamples } from './feature-examples.js';
import { columnStats, meanOverViews, standardise } from './feature-matrix.js';
import { predictAll } from './fit.js';
import { type GateDataPlan, type GateItem, gateItems, isPosterItem } from './gate-data.js';
import { gateFigures, topGenreAgreement } from './gate-evaluation.js';
import { type GateHyperparams, writeGateMetadata } from '../../serving/poster/gate-model.js';
import { readFeatureNorm, readPosterMetadata, writeFeatureNorm } from '../../serving/poster/metadata.js';
import { nsfwjsVersion } from '../../serving/poster/mobilenet-source.js';
import type { FeatureStats } from './train-head.js';
import { seedTensorflowRandomness } from '../seeded-tensorflow.js';

export const DEFAULT_GATE: GateHyperparams = { hidden: 0, dropout: 0, l2: 1e-3, learningRate: 1e-3, epochs: 25, batchSize: 64 };
export const GATE_THRESHOLD = 0.5;

export interface GateRun {
  readonly posters: readonly Poster[];
  readonly nonPosterDir: string;
  /** Where the in-the-wild posters are written (outside the repo); reruns reuse them. */
  readonly wildDir: string;
  /** The genre model whose backbone the gate must share, and whose stability in the wild is measured. */
  readonly genreDir: string;
  readonly outDir: string;
  readonly cacheDir: string;
  readonly plan: GateDataPlan;
  readonly hp: GateHyperparams;
  readonly seed: number;
  readonly command: string;
  readonly backend: string;
  readonly log: (message: string) => void;
  readonly progress: (done: number, total: number) => void;
}

export function buildGateHead(inputDim: number, hp: GateHyperparams): tf.Sequential {
  const regularizer = tf.regularizers.l2({ l2: hp.l2 });
  const model = tf.sequential();
  if (hp.hidden > 0) {
    model.add(tf.layers.dense({ inputShape: [inputDim], units: hp.hidden, activation: 'relu', kernelRegularizer: regularizer }));
    model.add(tf.layers.dropout({ rate: hp.dropout }));
  }
  model.add(tf.layers.dense({ ...(hp.hidden > 0 ? {} : { inputShape: [inputDim] }), units: 1, activation: 'sigmoid', kernelRegularizer: regularizer }));
  model.compile({ optimizer: tf.train.adam(hp.learningRate), loss: 'binaryCrossentropy' });
  return model;
}

/** Fits on standardised feature rows, each class weighted to half the loss, so the threshold 0.5 is balanced. */
async function fitGate(model: tf.Sequential, table: FeatureTable, rows: readonly number[], labels: readonly number[], stats: FeatureStats, hp: GateHyperparams, seed: number): Promise<void> {
  const matrix = standardise(meanOverViews(table, rows), stats);
  const positives = labels.filter((label) => label === 1).length;
  const classWeight = { 0: labels.length / (2 * (labels.length - positives)), 1: labels.length / (2 * positives) };
  const x = tf.tensor2d(matrix.data, [matrix.rows, matrix.cols]);
  const y = tf.tensor2d(labels.map((label) => [label]));
  await model.fit(x, y, { epochs: hp.epochs, batchSize: hp.batchSize, shuffle: true, classWeight, verbose: 0 });
  tf.dispose([x, y]);
}

async function scoreRows(model: tf.LayersModel, table: FeatureTable, rows: readonly number[], stats: FeatureStats): Promise<number[][]> {
  const matrix = standardise(meanOverViews(table, rows), stats);
  return predictAll(model, featureExamples(matrix, rows.map(() => [])));
}

/** The genre model's top-3 agreement between each held-out poster and its in-the-wild picture, on the gate's views. */
async function genreAgreement(genreDir: string, table: FeatureTable, validation: readonly GateItem[], rowOf: ReadonlyMap<string, number>): Promise<number> {
  const pairs = validation.filter((item) => item.source === 'wild-poster' && rowOf.has(item.origin));
  const genre = await loadLayersModel(genreDir);
  const stats = await readFeatureNorm(genreDir);
  const clean = await scoreRows(genre, table, pairs.map((item) => rowOf.get(item.origin)!), stats);
  const wild = await scoreRows(genre, table, pairs.map((item) => rowOf.get(item.id)!), stats);
  genre.dispose();
  return topGenreAgreement(clean, wild);
}

export async function trainPosterGate(run: GateRun): Promise<Record<string, number>> {
  const started = Date.now();
  const genreBackbone = (await readPosterMetadata(run.genreDir)).backbone;
  if (!genreBackbone) throw new Error(`${run.genreDir} has no frozen backbone for the gate to share`);
  const { package: _package, ...genreConfig } = genreBackbone;
  const config = { ...genreConfig, views: GATE_AND_INDEX_VIEWS };
  const items = await gateItems(run.posters, run.nonPosterDir, run.wildDir, run.plan);
  const backbone = await loadPosterBackbone(config);
  run.log(`gate: ${items.length} images, ${backbone.featureDim} features x ${config.views.length} views, cache ${run.cacheDir}`);
  const table = await loadOrExtractFeatures(items, backbone.extractor, featureSpec(backbone), run.cacheDir, run.progress);
  backbone.extractor.dispose();
  const rowOf = new Map(table.ids.map((id, row) => [id, row]));
  const usable = items.filter((item) => rowOf.has(item.id));
  const train = usable.filter((item) => item.split === 'train');
  const validation = usable.filter((item) => item.split === 'validation');
  const trainRows = train.map((item) => rowOf.get(item.id)!);
  const stats = columnStats(meanOverViews(table, trainRows));
  seedTensorflowRandomness(run.seed);
  const model = buildGateHead(stats.mean.length, run.hp);
  await fitGate(model, table, trainRows, train.map((item) => (isPosterItem(item) ? 1 : 0)), stats, run.hp, run.seed);
  const scores = (await scoreRows(model, table, validation.map((item) => rowOf.get(item.id)!), stats)).map((row) => row[0]!);
  const figures = gateFigures(validation, scores, GATE_THRESHOLD);
  figures.genreTop3AgreementInTheWild = await genreAgreement(run.genreDir, table, validation, rowOf);
  run.log(`gate validation ${JSON.stringify(figures)}`);
  await mkdir(run.outDir, { recursive: true });
  await saveModel(model, run.outDir);
  await writeFeatureNorm(run.outDir, stats);
  await writeGateMetadata(run.outDir, {
    task: 'gate',
    labels: ['poster'],
    architecture: 'mobilenet',
    inputSize: config.inputSize,
    normalisation: 'RGB from decodePoster (squashed to a square, transparency on white), x/255; the genre model\'s pooled features, standardised with feature-norm.bin',
    backbone: { ...config, package: await nsfwjsVersion() },
    threshold: GATE_THRESHOLD,
    hyperparams: run.hp,
    trainedWith: run.command,
    seed: run.seed,
    data: dataSummary(items, usable, table),
    validation: figures,
    backend: run.backend,
    date: new Date().toISOString(),
    trainingSeconds: Math.round((Date.now() - started) / 1000),
  });
  model.dispose();
  return figures;
}

/** Non-poster counts by where they came from: the Debian package, or the generator (plot, page, typeset). */
function nonPosterSources(items: readonly GateItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    if (item.source !== 'non-poster') continue;
    const source = item.origin.includes(':') ? `debian:${item.origin.split(':')[0]}` : item.origin.split('-')[0]!;
    counts[source] = (counts[source] ?? 0) + 1;
  }
  return counts;
}

function dataSummary(items: readonly GateItem[], usable: readonly GateItem[], table: FeatureTable): Record<string, unknown> {
  const count = (split: GateItem['split'], source: GateItem['source']) => usable.filter((item) => item.split === split && item.source === source).length;
  const groups = (split: GateItem['split']) => new Set(usable.filter((item) => item.split === split && item.source === 'non-poster').map((item) => item.origin)).size;
  return {
    posters: 'movie-posters (Kaggle movie-classifier), training split for fitting, validation split for the figures',
    wildPosters: 'in-the-wild pictures of those posters from src/ml/poster/in-the-wild.ts, one per poster, kinds in turn',
    wildNonPosters: 'the same in-the-wild treatment for a sample of non-posters of each split, as negatives',
    nonPosters: 'scripts/non-posters/build.sh: Debian wallpaper, artwork, icon and game-art packages, own matplotlib plots, headless-Chromium screenshots of own pages, ImageMagick typesetting; split by whole source groups',
    train: { posters: count('train', 'poster'), wildPosters: count('train', 'wild-poster'), nonPosters: count('train', 'non-poster'), wildNonPosters: count('train', 'wild-non-poster'), nonPosterGroups: groups('train') },
    validation: { posters: count('validation', 'poster'), wildPosters: count('validation', 'wild-poster'), nonPosters: count('validation', 'non-poster'), wildNonPosters: count('validation', 'wild-non-poster'), nonPosterGroups: groups('validation') },
    nonPostersBySource: nonPosterSources(usable),
    unreadableImages: items.length - usable.length,
    firstUnreadable: table.unreadable[0],
  };
}
