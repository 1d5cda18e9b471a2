/**
 * The evaluation report's pictures as chart panels: PR and ROC curves (each genre thin, averages bold, the constant
 * guess dashed), reliability diagrams with the count of each bin, and the rating scatter.
 */
import { type Panel, PALETTE, type Point, type Series } from '../chart.js';
import { averageCurve, type CurvePoint, type ReliabilityBin } from '../curves.js';
import type { GenreCurves } from './genre-report.js';

const MODEL = '#111111';
const MACRO = '#d62728';
const BASELINE = '#7f7f7f';
const DIAGONAL: Series = { points: [[0, 0], [1, 1]], colour: '#999999', width: 1.5, dashed: true };
const UNIT: Point = [0, 1];

const points = (curve: readonly CurvePoint[]): Point[] => curve.map((p) => [p.x, p.y] as const);
const fixed = (value: number, digits = 3): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** A PR curve starts at recall 0 with its first precision, so the line reaches the y axis. */
function prLine(curve: readonly CurvePoint[]): Point[] {
  return curve.length === 0 ? [] : [[0, curve[0]!.y], ...points(curve)];
}

function thinGenreLines(curves: ReadonlyArray<readonly CurvePoint[]>, line: (curve: readonly CurvePoint[]) => Point[]): Series[] {
  return curves.map((curve, g) => ({ points: line(curve), colour: PALETTE[g % PALETTE.length]!, width: 1, opacity: 0.45, ...(g === 0 ? { label: 'one genre (thin)' } : {}) }));
}

export interface CurveFigures {
  readonly micro: number;
  readonly macro: number;
  readonly baselineMicro: number;
  readonly baselineMacro: number;
}

export function genrePrPanel(model: GenreCurves, baseline: GenreCurves, ap: CurveFigures): Panel {
  const operating = model.microOperatingPoint;
  return {
    title: 'Genres: precision against recall (validation)', xLabel: 'recall', yLabel: 'precision', x: UNIT, y: UNIT, legend: 'top-right',
    series: [
      ...thinGenreLines(model.pr, prLine),
      { label: `constant guess, micro (AP ${fixed(ap.baselineMicro)})`, points: prLine(baseline.microPr), colour: BASELINE, width: 2.5, dashed: true },
      { label: `constant guess, macro (mAP ${fixed(ap.baselineMacro)})`, points: averageCurve(baseline.pr, 'pr'), colour: MACRO, width: 2, dashed: true, opacity: 0.7 },
      { label: `micro-average (AP ${fixed(ap.micro)})`, points: prLine(model.microPr), colour: MODEL, width: 3 },
      { label: `macro-average (mAP ${fixed(ap.macro)})`, points: averageCurve(model.pr, 'pr'), colour: MACRO, width: 3 },
      { label: 'served thresholds (micro)', points: [[operating.recall, operating.precision]], colour: MODEL, style: 'dots', width: 5 },
    ],
  };
}

export function genreRocPanel(model: GenreCurves, baseline: GenreCurves, auc: CurveFigures): Panel {
  return {
    title: 'Genres: ROC (validation)', xLabel: 'false-positive rate', yLabel: 'true-positive rate', x: UNIT, y: UNIT, legend: 'bottom-right',
    series: [
      ...thinGenreLines(model.roc, points),
      { ...DIAGONAL, label: `constant guess, macro (AUC ${fixed(auc.baselineMacro)})` },
      { label: `constant guess, micro (AUC ${fixed(auc.baselineMicro)})`, points: points(baseline.microRoc), colour: BASELINE, width: 2.5, dashed: true },
      { label: `micro-average (AUC ${fixed(auc.micro)})`, points: points(model.microRoc), colour: MODEL, width: 3 },
      { label: `macro-average (AUC ${fixed(auc.macro)})`, points: averageCurve(model.roc, 'roc'), colour: MACRO, width: 3 },
    ],
  };
}

/** Mean prediction (x) against observed frequency or mean true value (y) per bin, each point labelled n=count. */
export function reliabilitySeries(bins: readonly ReliabilityBin[], label: string, colour: string): Series {
  return { label, colour, style: 'markers', width: 2, points: bins.map((bin) => [bin.meanPredicted, bin.observed] as const), pointLabels: bins.map((bin) => `n=${bin.count}`) };
}

/** The constant guess's bins, dashed and without counts (they would cover the model's). */
export function baselineReliabilitySeries(bins: readonly ReliabilityBin[], label: string): Series {
  return { label, colour: '#ff7f0e', dashed: true, style: 'markers', width: 2, points: bins.map((bin) => [bin.meanPredicted, bin.observed] as const) };
}

export function reliabilityPanel(title: string, series: readonly Series[], range: Point = UNIT, axes = { x: 'mean predicted probability (bin)', y: 'observed frequency' }): Panel {
  return { title, xLabel: axes.x, yLabel: axes.y, x: range, y: range, legend: 'top-left', series: [{ ...DIAGONAL, points: [[range[0], range[0]], [range[1], range[1]]], label: 'perfectly calibrated' }, ...series] };
}
