import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadLayersModel } from '../model-io.js';
import { type BackboneConfig, loadPosterBackbone, type PosterBackbone } from './backbone.js';
import { type PosterModelMetadata, readFeatureNorm, readPosterMetadata } from './metadata.js';
import { NSFWJS_MOBILENET } from './mobilenet-source.js';

/** One poster model ready to serve: float pixels (n x size x size x 3, 0-255) in, outputs (n x labels) out. */
export interface ServingModel {
  readonly metadata: PosterModelMetadata;
  /** Call inside tf.tidy; `features` memoises the backbone pass so genre and rating share it. */
  predict(pixels: tf.Tensor4D, features: (backbone: BackboneConfig) => tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

function sameBackbone(a: BackboneConfig, b: BackboneConfig): boolean {
  return JSON.stringify({ ...a, package: undefined }) === JSON.stringify({ ...b, package: undefined });
}

/** Backbones shared between models with the same config, so the 3.5M-parameter network loads once. */
export class BackboneRegistry {
  private readonly loaded: Array<Promise<PosterBackbone>> = [];
  private readonly configs: BackboneConfig[] = [];

  get(config: BackboneConfig): Promise<PosterBackbone> {
    const index = this.configs.findIndex((known) => sameBackbone(known, config));
    if (index >= 0) return this.loaded[index]!;
    if (config.source !== NSFWJS_MOBILENET.name) throw new Error(`Unknown poster backbone "${config.source}"`);
    const backbone = loadPosterBackbone(config);
    this.configs.push(config);
    this.loaded.push(backbone);
    return backbone;
  }

  /** Mean over views of the pooled features: the test-time augmentation training used. */
  static features(backbone: PosterBackbone, pixels: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      const resized = pixels.shape[1] === backbone.config.inputSize
        ? pixels
        : tf.image.resizeBilinear(pixels, [backbone.config.inputSize, backbone.config.inputSize]);
      const input = resized.mul(backbone.config.scale) as tf.Tensor4D;
      const views = backbone.config.views.map((view) => {
        const viewInput = view === 'flipped' ? tf.reverse(input, 2) : input;
        return backbone.extractor.predict(viewInput) as tf.Tensor2D;
      });
      return tf.addN(views).div(views.length) as tf.Tensor2D;
    });
  }

  async dispose(): Promise<void> {
    for (const backbone of await Promise.all(this.loaded)) backbone.extractor.dispose();
  }
}

export async function loadServingModel(dir: string, backbones: BackboneRegistry): Promise<ServingModel> {
  const metadata = await readPosterMetadata(dir);
  const model = await loadLayersModel(dir);
  if (metadata.architecture === 'scratch') {
    const size = metadata.inputSize;
    return {
      metadata,
      predict: (pixels) => tf.tidy(() => {
        const resized = pixels.shape[1] === size ? pixels : tf.image.resizeBilinear(pixels, [size, size]);
        return model.predict(resized.div(255)) as tf.Tensor2D;
      }),
      dispose: () => model.dispose(),
    };
  }
  const backboneConfig = metadata.backbone!;
  await backbones.get(backboneConfig);
  const norm = await readFeatureNorm(dir);
  const mean = tf.tensor1d(norm.mean);
  const std = tf.tensor1d(norm.std);
  return {
    metadata,
    predict: (_pixels, features) => tf.tidy(() => model.predict(features(backboneConfig).sub(mean).div(std)) as tf.Tensor2D),
    dispose: () => {
      model.dispose();
      tf.dispose([mean, std]);
    },
  };
}

export function modelDir(modelsDir: string, task: 'genre' | 'rating'): string {
  return join(modelsDir, task);
}
