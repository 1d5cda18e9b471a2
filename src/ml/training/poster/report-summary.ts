/** The evaluation report as a few lines of text for the terminal: every figure beside the constant guess's. */

type Figures = Readonly<Record<string, unknown>>;

const num = (value: unknown, digits = 3): string => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const pad = (text: string, width: number): string => text.padEnd(width);

function rows(figures: Figures, baseline: Figures, names: ReadonlyArray<readonly [string, string]>): string[] {
  return names.map(([key, label]) => `  ${pad(label, 34)} ${num(figures[key]).padStart(7)}  ${num(baseline[key]).padStart(8)}`);
}

function genreLines(genre: Figures): string[] {
  const baseline = genre.baseline as Figures;
  const perGenre = Object.entries(genre.perGenre as Record<string, Figures>);
  return [
    `Genres; decision thresholds ${String(genre.thresholds)}`,
    `  ${pad('', 34)} ${'model'.padStart(7)}  ${'constant'.padStart(8)}`,
    ...rows(genre, baseline, [
      ['mAP', 'mAP (macro AP)'], ['macroRocAuc', 'macro ROC-AUC'], ['microAp', 'micro AP'], ['microRocAuc', 'micro ROC-AUC'],
      ['top3Precision', 'precision of the top 3'], ['macroPrecision', 'macro precision at thresholds'], ['macroRecall', 'macro recall at thresholds'],
      ['macroF1', 'macro F1 at thresholds'], ['microF1', 'micro F1 at thresholds'], ['calibrationError', 'calibration error (ECE, pooled)'],
    ]),
    `  ${pad('genre', 12)} ${'n'.padStart(4)} ${'thr'.padStart(5)} ${['AP', '(const)', 'AUC', 'prec', 'recall', 'F1', '(const)'].map((h) => h.padStart(8)).join('')}`,
    ...perGenre.map(([name, f]) => {
      const b = f.baseline as Figures;
      const cells = [num(f.ap), `(${num(b.ap)})`, num(f.rocAuc), num(f.precision), num(f.recall), num(f.f1), `(${num(b.f1)})`].map((cell) => cell.padStart(8));
      return `  ${pad(name, 12)} ${String(f.positives).padStart(4)} ${num(f.threshold, 2).padStart(5)} ${cells.join('')}`;
    }),
  ];
}

function gateLines(gate: Figures): string[] {
  if (gate.notEvaluated !== undefined) return [`Poster gate: not evaluated on non-posters (${String(gate.notEvaluated)})`, ...(gate.cleanPostersAtOrAbove === undefined ? [] : [`  clean posters at or above ${String(gate.threshold)}: ${num(gate.cleanPostersAtOrAbove)}`])];
  return [
    `Poster gate (${String(gate.posters)} posters, ${String(gate.nonPosters)} non-posters from ${String(gate.nonPosterGroups)} held-out groups, threshold ${String(gate.threshold)})`,
    ...rows(gate, gate.baseline as Figures, [
      ['nonPostersBelowThreshold', 'non-posters turned away'], ['cleanPostersAtOrAbove', 'clean posters let through'], ['rocAuc', 'ROC-AUC'], ['ap', 'AP (poster = positive)'],
      ['f1', 'F1 at the threshold'], ['calibrationError', 'calibration error (ECE)'],
    ]),
  ];
}

export function reportSummary(metrics: Figures, files: readonly string[]): string {
  const rating = metrics.rating as Figures;
  return [
    `Poster models on the ${String(metrics.split)} split of ${String(metrics.data)}: ${String(metrics.posters)} posters (${String(metrics.unreadable)} unreadable). Constant guess: the training prior of each genre, the training mean rating.`,
    ...genreLines(metrics.genre as Figures),
    `Rating (${String(rating.rated)} rated posters)`,
    ...rows(rating, rating.baseline as Figures, [['mae', 'mean absolute error'], ['rmse', 'root mean squared error'], ['spearman', 'Spearman correlation']]),
    ...gateLines(metrics.gate as Figures),
    `Wrote ${files.join(', ')}`,
  ].join('\n');
}
