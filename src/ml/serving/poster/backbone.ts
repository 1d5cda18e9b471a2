import type * as tf from '@tensorflow/tfjs';
import { buildFeatureExtractor, DEFAULT_TAPS, DEFAULT_VIEWS, type FeatureBlock, type FeatureTap, type PosterView } from './features.js';
import { loadNsfwjsMobileNet, loadNsfwjsWideMobileNet, NSFWJS_MOBILENET, NSFWJS_WIDE_MOBILENET } from './mobilenet-source.js';

export type BackboneSource = typeof NSFWJS_MOBILENET.name | typeof NSFWJS_WIDE_MOBILENET.name;

const LOADERS: Readonly<Record<BackboneSource, (inputSize: number) => Promise<tf.LayersModel>>> = {
  [NSFWJS_MOBILENET.name]: () => loadNsfwjsMobileNet(),
  [NSFWJS_WIDE_MOBILENET.name]: (inputSize) => loadNsfwjsWideMobileNet(inputSize),
};

export const BACKBONE_SOURCES = Object.keys(LOADERS) as BackboneSource[];

export const isBackboneSource = (name: string): name is BackboneSource => Object.hasOwn(LOADERS, name);

/** What a frozen-backbone model needs to rebuild its features at serving time; stored in metadata.json. */
export interface BackboneConfig {
  readonly source: BackboneSource;
  readonly inputSize: number;
  readonly scale: number;
  readonly taps: readonly FeatureTap[];
  readonly views: readonly PosterView[];
}

export const DEFAULT_BACKBONE: BackboneConfig = {
  source: NSFWJS_MOBILENET.name,
  inputSize: NSFWJS_MOBILENET.inputSize,
  scale: NSFWJS_MOBILENET.scale,
  taps: DEFAULT_TAPS,
  views: DEFAULT_VIEWS,
};

export interface PosterBackbone {
  readonly config: BackboneConfig;
  readonly extractor: tf.LayersModel;
  readonly blocks: FeatureBlock[];
  /** Width of one view's feature row (all taps side by side). */
  readonly featureDim: number;
}

export async function loadPosterBackbone(config: BackboneConfig = DEFAULT_BACKBONE): Promise<PosterBackbone> {
  const mobilenet = await LOADERS[config.source](config.inputSize);
  const { model, blocks } = buildFeatureExtractor(mobilenet, config.taps);
  const last = blocks[blocks.length - 1];
  return { config, extractor: model, blocks, featureDim: last ? last.offset + last.size : 0 };
}
