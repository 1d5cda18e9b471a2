/**
 * The genre model's evaluation report: per-genre AP, ROC-AUC and precision / recall / F1 at the served threshold,
 * their averages, and the same figures for the constant guess (every poster gets the training prior), computed by
 * the same code; plus the curves behind them as chart panels.
 */
import { GENRES } from '../../../core/genres.js';
import { averagePrecision, rocAuc, topKPrecision } from '../metrics.js';
import { areaUnderPrecisionRecall, decisionFigures, expectedCalibrationError, precisionRecallCurve, reliabilityBins, rocCurve } from '../curves.js';

export interface LabelFigures {
  readonly ap: number;
  readonly rocAuc: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** One model's (or the constant guess's) scores on the evaluated posters, genre by genre. */
export interface GenreScores {
  readonly scores: readonly (readonly number[])[];
  /** 0/1 per poster and genre. */
  readonly targets: readonly (readonly number[])[];
  readonly thresholds: readonly number[];
}

const column = (rows: GenreScores['scores'], g: number): number[] => rows.map((row) => row[g]!);
const positivesOf = (targets: GenreScores['targets'], g: number): boolean[] => targets.map((row) => row[g]! > 0.5);
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

function labelFigures(scores: readonly number[], positives: readonly boolean[], threshold: number): LabelFigures {
  return { ap: averagePrecision(scores, positives), rocAuc: rocAuc(scores, positives), ...decisionFigures(scores, positives, threshold) };
}

/** All genres' (score, label) pairs pooled, each score shifted by its genre's threshold so one cut at 0 decides. */
function pooled(input: GenreScores): { scores: number[]; shifted: number[]; positives: boolean[] } {
  const scores = input.scores.flatMap((row) => [...row]);
  const shifted = input.scores.flatMap((row) => row.map((score, g) => score - input.thresholds[g]!));
  return { scores, shifted, positives: input.targets.flatMap((row) => row.map((value) => value > 0.5)) };
}

/** Averages over genres with at least one positive (macro), over all pooled pairs (micro), and top-3 precision. */
export function genreSummary(input: GenreScores, perGenre: readonly LabelFigures[]): Record<string, number> {
  const present = perGenre.filter((_, g) => positivesOf(input.targets, g).some(Boolean));
  const micro = pooled(input);
  const decided = decisionFigures(micro.shifted, micro.positives, 0);
  return {
    mAP: mean(present.map((f) => f.ap)),
    macroRocAuc: mean(present.map((f) => f.rocAuc).filter(Number.isFinite)),
    macroPrecision: mean(present.map((f) => f.precision)),
    macroRecall: mean(present.map((f) => f.recall)),
    macroF1: mean(present.map((f) => f.f1)),
    microAp: areaUnderPrecisionRecall(precisionRecallCurve(micro.scores, micro.positives)),
    microRocAuc: rocAuc(micro.scores, micro.positives),
    microPrecision: decided.precision,
    microRecall: decided.recall,
    microF1: decided.f1,
    top3Precision: topKPrecision(input.scores, input.targets, 3),
    calibrationError: expectedCalibrationError(reliabilityBins(micro.scores, micro.positives.map(Number))),
  };
}

export function perGenreFigures(input: GenreScores): LabelFigures[] {
  return GENRES.map((_, g) => labelFigures(column(input.scores, g), positivesOf(input.targets, g), input.thresholds[g]!));
}

/** Per-genre PR and ROC curves, and the pooled (micro) ones, of one set of scores. */
export function genreCurves(input: GenreScores) {
  const micro = pooled(input);
  return {
    pr: GENRES.map((_, g) => precisionRecallCurve(column(input.scores, g), positivesOf(input.targets, g))),
    roc: GENRES.map((_, g) => rocCurve(column(input.scores, g), positivesOf(input.targets, g))),
    microPr: precisionRecallCurve(micro.scores, micro.positives),
    microRoc: rocCurve(micro.scores, micro.positives),
    microOperatingPoint: decisionFigures(micro.shifted, micro.positives, 0),
    reliability: reliabilityBins(micro.scores, micro.positives.map(Number)),
  };
}

export type GenreCurves = ReturnType<typeof genreCurves>;
