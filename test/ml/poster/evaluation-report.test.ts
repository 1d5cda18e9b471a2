import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENRES } from '../../../src/core/genres.js';
import type { Poster } from '../../../src/data/posters.js';
import { buildPosterReport, type ReportInputs, writeEvaluationReport } from '../../../src/ml/training/poster/evaluation-report.js';
import { reportSummary } from '../../../src/ml/training/poster/report-summary.js';

const [ACTION, DRAMA] = [GENRES.indexOf('Action'), GENRES.indexOf('Drama')];

function poster(id: number, genres: readonly number[], rating: number | undefined): Poster {
  const row = GENRES.map(() => 0);
  for (const g of genres) row[g] = 1;
  return { id: `tt${id}`, imagePath: `/nowhere/${id}.jpg`, genres: row, rating };
}

/** Action ranked perfectly (0.9 vs 0.1); Drama's scores say nothing (0.4 for all); ratings off by 1 either way. */
function fixture(nonPosters?: ReportInputs['nonPosters']): ReportInputs {
  const posters = [poster(1, [ACTION], 6), poster(2, [ACTION, DRAMA], 8), poster(3, [DRAMA], 4), poster(4, [], undefined)];
  const scored = posters.map((p, i) => ({
    genres: GENRES.map((_, g) => (g === ACTION ? (p.genres[g] ? 0.9 : 0.1) : g === DRAMA ? 0.4 : 0.01)),
    rating: (p.rating ?? 5) + (i % 2 === 0 ? 1 : -1),
    poster: 0.8,
  }));
  // Training part: Action on 1 of 4 posters, Drama on 2; mean rating 5.
  const reference = [poster(10, [ACTION], 4), poster(11, [DRAMA], 6), poster(12, [DRAMA], undefined), poster(13, [], undefined)];
  return {
    split: 'validation', dataDir: 'fixture', models: {}, scored: { posters, scored, unreadable: 0, reference },
    genreThresholds: Object.fromEntries(GENRES.map((g) => [g, 0.5])), gateData: { train: { posters: 3, nonPosters: 1 } }, ...(nonPosters ? { nonPosters } : {}),
  };
}

describe('the evaluation report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evaluation-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('scores each genre at its threshold beside the constant guess (the training prior for every poster)', () => {
    const genre = buildPosterReport(fixture()).metrics.genre as { perGenre: Record<string, Record<string, unknown>> };
    expect(genre.perGenre.Action).toMatchObject({ positives: 2, prior: 0.25, threshold: 0.5, ap: 1, rocAuc: 1, precision: 1, recall: 1, f1: 1 });
    // The constant ranks every poster the same: AP = share of positives, AUC = 1/2, and 0.25 < 0.5 calls nothing.
    expect(genre.perGenre.Action!.baseline).toEqual({ ap: 0.5, rocAuc: 0.5, precision: 0, recall: 0, f1: 0 });
    // Drama at 0.4 < 0.5: nothing called, though its AP is the share of positives.
    expect(genre.perGenre.Drama).toMatchObject({ positives: 2, prior: 0.5, ap: 0.5, rocAuc: 0.5, f1: 0 });
    // The constant 0.5 >= 0.5 calls every poster Drama: precision 1/2, recall 1, F1 2/3.
    expect(genre.perGenre.Drama!.baseline).toMatchObject({ precision: 0.5, recall: 1 });
    expect((genre.perGenre.Drama!.baseline as { f1: number }).f1).toBeCloseTo(2 / 3, 12);
  });

  it('averages over genres with positives and scores the rating against the training mean', () => {
    const { genre, rating } = buildPosterReport(fixture()).metrics as Record<string, Record<string, unknown>>;
    expect(genre!.mAP).toBeCloseTo(0.75, 12);
    expect(genre!.macroRocAuc).toBeCloseTo(0.75, 12);
    expect(rating).toMatchObject({ rated: 3, mae: 1, rmse: 1, baseline: { guess: 5, mae: 5 / 3 } });
  });

  it('says the gate was not measured on non-posters when none were given, and measures it when they are', () => {
    expect(buildPosterReport(fixture()).metrics.gate).toMatchObject({ notEvaluated: expect.stringContaining('--non-posters'), cleanPostersAtOrAbove: 1 });
    const gate = buildPosterReport(fixture({ dir: 'np', scores: [0.2, 0.9], groups: 2, unreadable: 0 })).metrics.gate;
    expect(gate).toMatchObject({ posters: 4, nonPosters: 2, nonPosterGroups: 2, nonPostersBelowThreshold: 0.5, cleanPostersAtOrAbove: 1, baseline: { guess: 0.75, nonPostersBelowThreshold: 0, rocAuc: 0.5 } });
  });

  it('writes metrics.json and readable PNGs, and a summary naming what was not measured', async () => {
    const report = buildPosterReport(fixture({ dir: 'np', scores: [0.2, 0.9], groups: 2, unreadable: 0 }));
    const files = await writeEvaluationReport(dir, report);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'metrics.json', 'genre-pr.png', 'genre-roc.png', 'genre-reliability.png', 'rating-scatter.png', 'gate-pr.png', 'gate-roc.png', 'gate-reliability.png',
    ]);
    expect(JSON.parse(await readFile(files[0]!, 'utf8'))).toMatchObject({ posters: 4, split: 'validation' });
    const sizes = await Promise.all(files.slice(1).map(async (f) => { const m = await sharp(f).metadata(); return [m.format, m.width, m.height]; }));
    expect(sizes[0]).toEqual(['png', 560, 520]);
    expect(sizes[3]).toEqual(['png', 1120, 520]);
    expect(reportSummary(buildPosterReport(fixture()).metrics, [])).toContain('Poster gate: not evaluated on non-posters');
  });
});
