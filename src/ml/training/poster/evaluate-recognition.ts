/**
 * Calibrates when "looks like" may name the poster shown ("That's the poster of ..."): how close validation posters
 * (never indexed, so any name would be wrong) come to their nearest training poster, and how often pictures of
 * training posters as people post them find themselves at each candidate threshold.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodePoster } from '../../../core/image.js';
import type { PosterResult } from '../../../core/predictions.js';
import { loadPosterDataset, splitPosters } from '../../../data/posters.js';
import { loadPosterPredictor } from '../../serving/poster/predictor.js';
import { SIMILAR_DIR, SIMILAR_FILES, type SimilarIndexMetadata } from '../../serving/poster/similar-index.js';
import { inTheWild, type WildKind } from './in-the-wild.js';

const RECOGNITION_KINDS: readonly WildKind[] = ['phone-photo', 'screenshot', 'webp', 'scan', 'crop'];
const CANDIDATE_THRESHOLDS = [0.8, 0.85, 0.9, 0.95, 0.99] as const;
/** Kept between the closest validation poster and the threshold: a wrong name is worse than no name. */
const MARGIN = 0.05;

export interface RecognitionReport {
  readonly validationPosters: number;
  readonly validationNearestMax: number;
  readonly validationNearestP99: number;
  /** The lowest candidate at least MARGIN above every validation poster, if any. */
  readonly threshold: number | undefined;
  /** Per kind of picture of a training poster: share found as itself at each candidate threshold. */
  readonly recognised: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

const nearest = (result: PosterResult | undefined) => result?.recognised ?? result?.similar?.[0];

export async function evaluateRecognition(modelsDir: string, dataDir: string, count: number, log: (msg: string) => void): Promise<RecognitionReport> {
  const predictor = await loadPosterPredictor(modelsDir);
  const { train, validation } = splitPosters((await loadPosterDataset(dataDir)).posters);
  const closest: number[] = [];
  for (const poster of validation) {
    const [result] = await predictor.predict([await decodePoster(await readFile(poster.imagePath), predictor.inputSize)]);
    closest.push(nearest(result)?.similarity ?? 0);
  }
  closest.sort((a, b) => b - a);
  log(`recognition: ${closest.length} validation posters, closest ${closest[0]?.toFixed(3)}`);
  const recognised: Record<string, Record<string, number>> = {};
  for (const kind of RECOGNITION_KINDS) {
    const found: number[] = [];
    for (const [i, poster] of train.slice(0, count).entries()) {
      const wild = await inTheWild(await readFile(poster.imagePath), kind, i + 1);
      const [result] = await predictor.predict([await decodePoster(wild.bytes, predictor.inputSize)]);
      const match = nearest(result);
      found.push(match?.id === poster.id ? match.similarity : -1);
    }
    recognised[kind] = Object.fromEntries(CANDIDATE_THRESHOLDS.map((t) => [String(t), found.filter((s) => s >= t).length / found.length]));
    log(`recognition: ${kind} ${JSON.stringify(recognised[kind])}`);
  }
  await predictor.dispose();
  const max = closest[0] ?? 0;
  return {
    validationPosters: closest.length,
    validationNearestMax: max,
    validationNearestP99: closest[Math.floor(closest.length / 100)] ?? 0,
    threshold: CANDIDATE_THRESHOLDS.find((t) => t >= max + MARGIN),
    recognised,
  };
}

/** Records the report's threshold in `<modelsDir>/similar/metadata.json`, where serving reads it. */
export async function writeRecognition(modelsDir: string, report: RecognitionReport, command: string): Promise<void> {
  if (report.threshold === undefined) throw new Error('no candidate threshold clears the validation posters: the index should not name posters');
  const path = join(modelsDir, SIMILAR_DIR, SIMILAR_FILES.metadata);
  const metadata = JSON.parse(await readFile(path, 'utf8')) as SimilarIndexMetadata;
  const { threshold, ...measured } = report;
  await writeFile(path, `${JSON.stringify({ ...metadata, recognition: { threshold, measured: { ...measured, command } } }, null, 2)}\n`);
}
