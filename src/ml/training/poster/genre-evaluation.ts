import { GENRES } from '../../../core/genres.js';
import type { Panel } from '../chart.js';
import type { ScoredPosters } from './evaluate.js';
import { baselineReliabilitySeries, genrePrPanel, genreRocPanel, reliabilityPanel, reliabilitySeries } from './evaluation-charts.js';
import { genreCurves, type GenreCurves, genreSummary, type GenreScores, perGenreFigures } from './genre-report.js';

export interface GenreEvaluation {
  readonly figures: Record<string, unknown>;
  readonly model: { readonly summary: Record<string, number>; readonly curves: GenreCurves };
  readonly baseline: { readonly summary: Record<string, number>; readonly curves: GenreCurves };
}

/** The constant guess: each genre's share among the training posters, for every poster. */
function trainingPrior(scored: ScoredPosters): number[] {
  return GENRES.map((_, g) => scored.reference.reduce((sum, poster) => sum + poster.genres[g]!, 0) / scored.reference.length);
}

/** Every figure of the model and of the constant guess at the same per-genre `thresholds`. */
export function genreReport(scored: ScoredPosters, thresholds: readonly number[]): GenreEvaluation {
  const prior = trainingPrior(scored);
  const targets = scored.posters.map((poster) => [...poster.genres]);
  const model: GenreScores = { scores: scored.scored.map((s) => s.genres), targets, thresholds };
  const constant: GenreScores = { scores: targets.map(() => prior), targets, thresholds };
  const [modelGenres, constantGenres] = [perGenreFigures(model), perGenreFigures(constant)];
  const [modelSummary, constantSummary] = [genreSummary(model, modelGenres), genreSummary(constant, constantGenres)];
  const perGenre = Object.fromEntries(GENRES.map((genre, g) => [genre, {
    positives: targets.filter((row) => row[g]! > 0.5).length, prior: prior[g], threshold: thresholds[g], ...modelGenres[g], baseline: constantGenres[g],
  }]));
  return {
    figures: { ...modelSummary, baseline: constantSummary, perGenre, reliability: genreCurves(model).reliability },
    model: { summary: modelSummary, curves: genreCurves(model) },
    baseline: { summary: constantSummary, curves: genreCurves(constant) },
  };
}

export function genreCharts(genre: GenreEvaluation): Record<string, Panel[]> {
  const [model, baseline] = [genre.model, genre.baseline];
  const figures = (micro: string, macro: string) => ({ micro: model.summary[micro]!, macro: model.summary[macro]!, baselineMicro: baseline.summary[micro]!, baselineMacro: baseline.summary[macro]! });
  const reliability = reliabilityPanel('Genres: calibration, all genres pooled', [
    baselineReliabilitySeries(baseline.curves.reliability, `constant guess (ECE ${baseline.summary.calibrationError!.toFixed(3)})`),
    reliabilitySeries(model.curves.reliability, `model (ECE ${model.summary.calibrationError!.toFixed(3)})`, '#111111'),
  ]);
  return {
    'genre-pr.png': [genrePrPanel(model.curves, baseline.curves, figures('microAp', 'mAP'))],
    'genre-roc.png': [genreRocPanel(model.curves, baseline.curves, figures('microRocAuc', 'macroRocAuc'))],
    'genre-reliability.png': [reliability],
  };
}
