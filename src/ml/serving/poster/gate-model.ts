import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadLayersModel } from '../../runtime/model-io.js';
import type { BackboneConfig } from './backbone.js';
import { METADATA_FILE } from './metadata.js';
import { type BackboneRegistry, featureHead, type FeatureHead } from './serving-model.js';

/** The poster gate's settings: 0 hidden units is logistic regression on the standardised features. */
export interface GateHyperparams {
  readonly hidden: number;
  readonly dropout: number;
  readonly l2: number;
  readonly learningRate: number;
  readonly epochs: number;
  readonly batchSize: number;
}

/** `models/gate/metadata.json`: how the gate reads an image, where its examples came from and how it scored. */
export interface GateMetadata {
  readonly task: 'gate';
  readonly labels: readonly ['poster'];
  readonly architecture: 'mobilenet';
  readonly inputSize: number;
  readonly normalisation: string;
  /** Must equal the genre model's, so one backbone pass serves genre, rating and the gate. */
  readonly backbone: BackboneConfig & { readonly package: string };
  /** Below this probability the image is answered as "not a movie poster". */
  readonly threshold: number;
  readonly hyperparams: GateHyperparams;
  readonly trainedWith: string;
  /** The --seed the run repeats exactly with (absent in gates trained before runs were seeded). */
  readonly seed?: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly validation: Readonly<Record<string, number>>;
  readonly backend: string;
  readonly date: string;
  readonly trainingSeconds: number;
}

export const GATE_DIR = 'gate';

/** The loaded gate: a head on the shared backbone features giving P(movie poster) per image. */
export interface GateModel extends FeatureHead {
  readonly metadata: GateMetadata;
}

export async function readGateMetadata(dir: string): Promise<GateMetadata> {
  const path = join(dir, METADATA_FILE);
  const meta = JSON.parse(await readFile(path, 'utf8')) as Partial<GateMetadata>;
  if (meta.task !== 'gate' || meta.backbone === undefined || typeof meta.threshold !== 'number' || typeof meta.inputSize !== 'number') {
    throw new Error(`${path} is not poster gate metadata (needs task "gate", backbone, threshold, inputSize)`);
  }
  return meta as GateMetadata;
}

export async function writeGateMetadata(dir: string, metadata: GateMetadata): Promise<void> {
  await writeFile(join(dir, METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
}

/**
 * `<modelsDir>/gate` when it is installed, else undefined: a models folder without a gate (a scratch-trained
 * pair, an older release) still serves genres and ratings, with every image taken as a poster.
 */
export async function loadGateModel(modelsDir: string, backbones: BackboneRegistry): Promise<GateModel | undefined> {
  const dir = join(modelsDir, GATE_DIR);
  const installed = await access(join(dir, METADATA_FILE)).then(() => true, () => false);
  if (!installed) return undefined;
  const metadata = await readGateMetadata(dir);
  const head = await featureHead(dir, await loadLayersModel(dir), metadata.backbone, backbones);
  return { ...head, metadata };
}
