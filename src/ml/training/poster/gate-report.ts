/**
 * The poster gate's evaluation report on validation posters against the validation non-poster groups (whole
 * source groups held out by `readNonPosters`, never trained on): the gate's own figures, AP and calibration,
 * beside the constant guess (the share of posters in the gate's training data, for every image).
 */
import type { Panel } from '../chart.js';
import { areaUnderPrecisionRecall, decisionFigures, expectedCalibrationError, precisionRecallCurve, reliabilityBins, rocCurve } from '../curves.js';
import type { GateItem } from './gate-data.js';
import { gateFigures } from './gate-evaluation.js';
import { reliabilityPanel, reliabilitySeries } from './evaluation-charts.js';

export interface GateScores {
  readonly posters: readonly number[];
  readonly nonPosters: readonly number[];
  readonly threshold: number;
  /** Share of posters among the gate's training images: the constant guess. */
  readonly trainingPrior: number;
}

/** The prior recorded in `models/gate/metadata.json` (`data.train` counts); 0.5 when it is not recorded. */
export function gateTrainingPrior(data: Readonly<Record<string, unknown>>): number {
  const train = (data.train ?? {}) as Partial<Record<'posters' | 'wildPosters' | 'nonPosters' | 'wildNonPosters', number>>;
  const posters = (train.posters ?? 0) + (train.wildPosters ?? 0);
  const total = posters + (train.nonPosters ?? 0) + (train.wildNonPosters ?? 0);
  return total === 0 ? 0.5 : posters / total;
}

function figuresOf(posters: readonly number[], nonPosters: readonly number[], threshold: number): Record<string, number> {
  const item = (source: GateItem['source']): GateItem => ({ id: '', imagePath: '', source, split: 'validation', origin: '' });
  const items = [...posters.map(() => item('poster')), ...nonPosters.map(() => item('non-poster'))];
  const scores = [...posters, ...nonPosters];
  const labels = items.map((i) => i.source === 'poster');
  const { nonPostersBelowThreshold, cleanPostersAtOrAbove, rocAuc } = gateFigures(items, scores, threshold);
  return {
    nonPostersBelowThreshold: nonPostersBelowThreshold!, cleanPostersAtOrAbove: cleanPostersAtOrAbove!, rocAuc: rocAuc!,
    ap: areaUnderPrecisionRecall(precisionRecallCurve(scores, labels)),
    f1: decisionFigures(scores, labels, threshold).f1,
    calibrationError: expectedCalibrationError(reliabilityBins(scores, labels.map(Number))),
  };
}

export function gateReport(input: GateScores): Record<string, unknown> {
  return {
    threshold: input.threshold,
    posters: input.posters.length,
    nonPosters: input.nonPosters.length,
    ...figuresOf(input.posters, input.nonPosters, input.threshold),
    baseline: { guess: input.trainingPrior, ...figuresOf(input.posters.map(() => input.trainingPrior), input.nonPosters.map(() => input.trainingPrior), input.threshold) },
  };
}

export function gatePanels(input: GateScores): { pr: Panel; prCorner: Panel; roc: Panel; rocCorner: Panel; reliability: Panel } {
  const scores = [...input.posters, ...input.nonPosters];
  const labels = [...input.posters.map(() => true), ...input.nonPosters.map(() => false)];
  const figures = figuresOf(input.posters, input.nonPosters, input.threshold);
  const operating = decisionFigures(scores, labels, input.threshold);
  const share = input.posters.length / scores.length;
  const unit = [0, 1] as const;
  const pr = precisionRecallCurve(scores, labels);
  const roc = rocCurve(scores, labels);
  const atThreshold = `threshold ${input.threshold}`;
  const prPanel: Panel = { title: 'Poster gate: precision against recall, poster = positive', xLabel: 'recall (posters let through)', yLabel: 'precision', x: unit, y: unit, legend: 'bottom-left', series: [
    { label: `constant guess (AP ${share.toFixed(3)})`, points: [[0, share], [1, share]], colour: '#7f7f7f', width: 2.5, dashed: true },
    { label: `gate (AP ${figures.ap!.toFixed(3)})`, points: [[0, pr[0]?.y ?? 1], ...pr.map((p) => [p.x, p.y] as const)], colour: '#111111', width: 3 },
    { label: atThreshold, points: [[operating.recall, operating.precision]], colour: '#d62728', style: 'dots', width: 5 },
  ] };
  const rocPanel: Panel = { title: 'Poster gate: ROC, poster = positive', xLabel: 'false-positive rate (non-posters let through)', yLabel: 'true-positive rate', x: unit, y: unit, legend: 'bottom-right', series: [
    { label: 'constant guess (AUC 0.500)', points: [[0, 0], [1, 1]], colour: '#7f7f7f', width: 2.5, dashed: true },
    { label: `gate (AUC ${figures.rocAuc!.toFixed(3)})`, points: roc.map((p) => [p.x, p.y] as const), colour: '#111111', width: 3 },
    { label: atThreshold, points: [[1 - figures.nonPostersBelowThreshold!, figures.cleanPostersAtOrAbove!]], colour: '#d62728', style: 'dots', width: 5 },
  ] };
  return {
    pr: prPanel,
    // A good gate hugs the corners: the same curves zoomed to the last tenth of each axis.
    prCorner: { ...prPanel, title: 'The same, top-right corner', x: [0.9, 1], y: [0.9, 1] },
    roc: rocPanel,
    rocCorner: { ...rocPanel, title: 'The same, top-left corner', x: [0, 0.1], y: [0.9, 1] },
    reliability: reliabilityPanel('Poster gate: calibration', [reliabilitySeries(reliabilityBins(scores, labels.map(Number)), `gate (ECE ${figures.calibrationError!.toFixed(3)})`, '#111111')], unit,
      { x: 'mean predicted P(poster) (bin)', y: 'share that are posters' }),
  };
}
