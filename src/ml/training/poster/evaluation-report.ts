/**
 * `npm run evaluate -- --out DIR`: the shipped poster models through the serving predictor on the validation
 * split, every figure beside the constant guess, and the curves behind them as PNGs beside `metrics.json`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GENRES } from '../../../core/genres.js';
import { POSTER_GATE_THRESHOLD } from '../../../core/predictions.js';
import { type DisposablePosterPredictor, loadPosterPredictor } from '../../serving/poster/predictor.js';
import { readPosterMetadata } from '../../serving/poster/metadata.js';
import { GATE_DIR, readGateMetadata } from '../../serving/poster/gate-model.js';
import { type ChartLayout, type Panel, writeChartPng } from '../chart.js';
import { type EvaluationSplit, scoreImages, type ScoredPosters, scorePosters } from './evaluate.js';
import { readNonPosters } from './gate-data.js';
import { gatePanels, gateReport, gateTrainingPrior } from './gate-report.js';
import { genreCharts, genreReport } from './genre-evaluation.js';
import { ratingFigures, ratingPanels } from './rating-report.js';

export interface PosterReportOptions {
  readonly modelsDir: string;
  readonly dataDir: string;
  readonly split: EvaluationSplit;
  /** The non-poster folder (scripts/non-posters/build.sh); its validation groups are scored by the gate. */
  readonly nonPosterDir?: string;
  readonly log: (msg: string) => void;
}

export interface PosterReport {
  readonly metrics: Record<string, unknown>;
  /** PNG file name to its panels. */
  readonly charts: Readonly<Record<string, readonly Panel[]>>;
}

const SQUARE: ChartLayout = { columns: 2, panelWidth: 560, panelHeight: 520 };

async function modelOrigins(modelsDir: string): Promise<Record<string, unknown>> {
  const origin = (meta: { date: string; trainedWith: string }) => ({ date: meta.date, trainedWith: meta.trainedWith });
  const gate = await readGateMetadata(join(modelsDir, GATE_DIR)).catch(() => undefined);
  return {
    genre: origin(await readPosterMetadata(join(modelsDir, 'genre'))),
    rating: origin(await readPosterMetadata(join(modelsDir, 'rating'))),
    ...(gate ? { gate: origin(gate) } : {}),
  };
}

interface ReportPart {
  readonly figures: Record<string, unknown>;
  readonly charts: Record<string, Panel[]>;
}

/** Everything the report is computed from: the predictor's answers and what the model folders record. */
export interface ReportInputs {
  readonly split: EvaluationSplit;
  readonly dataDir: string;
  readonly models: Record<string, unknown>;
  readonly scored: ScoredPosters;
  /** Per-genre decision thresholds from genre/metadata.json, when it records them. */
  readonly genreThresholds?: Readonly<Record<string, number>>;
  /** The gate's scores of the validation non-posters of `dir`, how many source groups they come from, how many failed to decode. */
  readonly nonPosters?: { readonly dir: string; readonly scores: readonly number[]; readonly groups: number; readonly unreadable: number };
  readonly gateData?: Readonly<Record<string, unknown>>;
}

function ratingPart(scored: ScoredPosters): ReportPart {
  const rated = scored.posters.flatMap((p, i) => (p.rating === undefined ? [] : [{ actual: p.rating, predicted: scored.scored[i]!.rating }]));
  const reference = scored.reference.flatMap((p) => (p.rating === undefined ? [] : [p.rating]));
  const pairs = { predicted: rated.map((r) => r.predicted), actual: rated.map((r) => r.actual), trainingMean: reference.reduce((a, b) => a + b, 0) / reference.length };
  const figures = { rated: rated.length, ...ratingFigures(pairs) };
  return { figures, charts: { 'rating-scatter.png': ratingPanels(pairs, figures) } };
}

function gatePart(inputs: ReportInputs): ReportPart {
  const posterScores = inputs.scored.scored.flatMap((s) => (s.poster === undefined ? [] : [s.poster]));
  if (posterScores.length === 0) return { figures: { notEvaluated: 'no poster gate in the models folder' }, charts: {} };
  if (inputs.nonPosters === undefined) {
    const accepted = posterScores.filter((p) => p >= POSTER_GATE_THRESHOLD).length / posterScores.length;
    return { figures: { notEvaluated: 'no non-poster images given (--non-posters DIR)', threshold: POSTER_GATE_THRESHOLD, cleanPostersAtOrAbove: accepted }, charts: {} };
  }
  const input = { posters: posterScores, nonPosters: inputs.nonPosters.scores, threshold: POSTER_GATE_THRESHOLD, trainingPrior: gateTrainingPrior(inputs.gateData ?? {}) };
  const panels = gatePanels(input);
  return {
    figures: { nonPosterDir: inputs.nonPosters.dir, nonPosterGroups: inputs.nonPosters.groups, unreadableNonPosters: inputs.nonPosters.unreadable, ...gateReport(input) },
    charts: { 'gate-pr.png': [panels.pr, panels.prCorner], 'gate-roc.png': [panels.roc, panels.rocCorner], 'gate-reliability.png': [panels.reliability] },
  };
}

/** The report from the scores alone (no model, no files): what the tests check with small fixtures. */
export function buildPosterReport(inputs: ReportInputs): PosterReport {
  const genre = genreReport(inputs.scored, GENRES.map((g) => inputs.genreThresholds?.[g] ?? 0.5));
  const [rating, gate] = [ratingPart(inputs.scored), gatePart(inputs)];
  const metrics = {
    split: inputs.split, data: inputs.dataDir, models: inputs.models, posters: inputs.scored.posters.length, unreadable: inputs.scored.unreadable,
    genre: { thresholds: inputs.genreThresholds ? 'per genre, from genre/metadata.json (max F1 on out-of-fold predictions)' : '0.5 (genre/metadata.json records none)', ...genre.figures },
    rating: rating.figures,
    gate: gate.figures,
  };
  return { metrics, charts: { ...genreCharts(genre), ...rating.charts, ...gate.charts } };
}

async function scoreNonPosters(predictor: DisposablePosterPredictor, dir: string, log: (msg: string) => void): Promise<ReportInputs['nonPosters']> {
  const nonPosters = (await readNonPosters(dir)).filter((item) => item.split === 'validation');
  const scored = await scoreImages(predictor, nonPosters.map((item) => item.imagePath), log);
  const scores = scored.flatMap((s) => (s?.poster === undefined ? [] : [s.poster]));
  return { dir, scores, groups: new Set(nonPosters.map((item) => item.origin)).size, unreadable: scored.length - scores.length };
}

/** Runs the serving predictor over the validation posters (and non-posters when given) and reads the metadata. */
export async function scoreReportInputs(options: PosterReportOptions): Promise<ReportInputs> {
  const predictor = await loadPosterPredictor(options.modelsDir);
  try {
    const scored = await scorePosters(predictor, options.dataDir, options.split, options.log);
    const gate = await readGateMetadata(join(options.modelsDir, GATE_DIR)).catch(() => undefined);
    return {
      split: options.split, dataDir: options.dataDir, models: await modelOrigins(options.modelsDir), scored,
      genreThresholds: (await readPosterMetadata(join(options.modelsDir, 'genre'))).thresholds,
      ...(options.nonPosterDir && gate ? { nonPosters: await scoreNonPosters(predictor, options.nonPosterDir, options.log), gateData: gate.data } : {}),
    };
  } finally {
    await predictor.dispose();
  }
}

export async function posterEvaluationReport(options: PosterReportOptions): Promise<PosterReport> {
  return buildPosterReport(await scoreReportInputs(options));
}

/** Writes `metrics.json` and one PNG per chart into `outDir`; returns the files written. */
export async function writeEvaluationReport(outDir: string, report: PosterReport): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files = [join(outDir, 'metrics.json')];
  await writeFile(files[0]!, `${JSON.stringify(report.metrics, null, 2)}\n`);
  for (const [name, panels] of Object.entries(report.charts)) {
    files.push(join(outDir, name));
    await writeChartPng(files.at(-1)!, panels, { ...SQUARE, columns: panels.length });
  }
  return files;
}
