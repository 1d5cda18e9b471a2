import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile } from '../../../util/read-json.js';
import type { BackboneConfig } from './backbone.js';

export type PosterTask = 'genre' | 'rating';
export type PosterArchitecture = 'scratch' | 'mobilenet';

/** Everything needed to serve a poster model and to know where it came from; `metadata.json` beside the weights. */
export interface PosterModelMetadata {
  readonly task: PosterTask;
  /** Output names in order: the 25 genre columns, or `['rating']`. */
  readonly labels: readonly string[];
  readonly architecture: PosterArchitecture;
  /** Side of the square RGB input that `decodePoster` produces for this model. */
  readonly inputSize: number;
  readonly normalisation: string;
  /** Frozen backbone and pooling (mobilenet); the head's input standardisation is in `feature-norm.bin`. */
  readonly backbone?: BackboneConfig & { readonly package: string };
  /** The head's or scratch network's training settings, as the training script recorded them. */
  readonly hyperparams: object;
  readonly trainedWith: string;
  /** The --seed the run repeats exactly with (absent in models trained before runs were seeded). */
  readonly seed?: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly validation: Readonly<Record<string, number>>;
  readonly baselines: Readonly<Record<string, number>>;
  readonly crossValidation?: Readonly<Record<string, unknown>>;
  /** Genre only: per-genre decision thresholds (max F1 on out-of-fold predictions) for callers that need yes/no. */
  readonly thresholds?: Readonly<Record<string, number>>;
  /** Genre with wild rows: top-3 genres the final head keeps between early-stop-slice posters and their wild pictures. */
  readonly earlyStopSliceInTheWild?: { readonly pictures: number; readonly top3Agreement: number };
  readonly backend: string;
  readonly date: string;
  readonly trainingSeconds: number;
}

export const METADATA_FILE = 'metadata.json';
export const FEATURE_NORM_FILE = 'feature-norm.bin';

export async function readPosterMetadata(dir: string): Promise<PosterModelMetadata> {
  const path = join(dir, METADATA_FILE);
  const meta = (await readJsonFile(path, 'poster model metadata')) as Partial<PosterModelMetadata>;
  if (
    (meta.task !== 'genre' && meta.task !== 'rating') ||
    (meta.architecture !== 'scratch' && meta.architecture !== 'mobilenet') ||
    !Array.isArray(meta.labels) || typeof meta.inputSize !== 'number' ||
    (meta.architecture === 'mobilenet' && meta.backbone === undefined)
  ) {
    throw new Error(`${path} is not poster model metadata (needs task, architecture, labels, inputSize, backbone)`);
  }
  return meta as PosterModelMetadata;
}

export async function writePosterMetadata(dir: string, metadata: PosterModelMetadata): Promise<void> {
  await writeFile(join(dir, METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
}

/** A float32 little-endian file, as the model folders store weights outside TensorFlow.js. */
export async function readFloat32File(path: string): Promise<Float32Array> {
  const bytes = await readFile(path);
  const data = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(data.buffer).set(bytes);
  return data;
}

/** Feature standardisation as one binary file: mean then std, float32 little-endian. */
export async function writeMeanStd(path: string, stats: { mean: Float32Array; std: Float32Array }): Promise<void> {
  const data = new Float32Array(stats.mean.length * 2);
  data.set(stats.mean, 0);
  data.set(stats.std, stats.mean.length);
  await writeFile(path, new Uint8Array(data.buffer));
}

export async function readMeanStd(path: string): Promise<{ mean: Float32Array; std: Float32Array }> {
  const data = await readFloat32File(path);
  const half = data.length / 2;
  return { mean: data.slice(0, half), std: data.slice(half) };
}

export const writeFeatureNorm = (dir: string, stats: { mean: Float32Array; std: Float32Array }): Promise<void> =>
  writeMeanStd(join(dir, FEATURE_NORM_FILE), stats);

export const readFeatureNorm = (dir: string): Promise<{ mean: Float32Array; std: Float32Array }> => readMeanStd(join(dir, FEATURE_NORM_FILE));
