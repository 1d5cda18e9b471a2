import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { EpochRecord } from './early-stopping.js';
import { trainingCurveSvg } from './training-curve.js';

export interface TrainingReport {
  readonly history: readonly EpochRecord[];
  /** Final (validation) metrics of the kept model. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly [extra: string]: unknown;
}

export const METRICS_FILE = 'metrics.json';
export const CURVE_FILE = 'training-curve.png';

/**
 * Writes `metrics.json` (the report as given) and `training-curve.png` (one chart per metric against epoch) into
 * `outDir`, creating it if needed. Returns the two paths.
 *
 * @example await writeTrainingReport('models/review', { history: stopper.history, metrics: { mae: 1.6 } });
 */
export async function writeTrainingReport(outDir: string, report: TrainingReport): Promise<{ metrics: string; curve: string }> {
  await mkdir(outDir, { recursive: true });
  const metrics = join(outDir, METRICS_FILE);
  const curve = join(outDir, CURVE_FILE);
  await writeFile(metrics, `${JSON.stringify(report, null, 2)}\n`);
  await sharp(Buffer.from(trainingCurveSvg(report.history))).png().toFile(curve);
  return { metrics, curve };
}
