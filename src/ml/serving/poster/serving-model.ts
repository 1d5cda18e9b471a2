import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { PosterRuntimeChoice } from '../../../config.js';
import { compileForInference, type InferenceFn } from '../../runtime/graph-compiler/compile.js';
import { loadLayersModel } from '../../runtime/model-io.js';
import { compileForOnnxRuntime, type NativeInference } from '../../runtime/onnx/native-inference.js';
import { type BackboneConfig, isBackboneSource, loadPosterBackbone, type PosterBackbone } from './backbone.js';
import { type PosterModelMetadata, readFeatureNorm, readPosterMetadata } from './metadata.js';
import { type PosterView, tapOutputs } from './features.js';
import { meanOverViews, viewBatch } from './native-views.js';

/** One poster model ready to serve: float pixels (n x size x size x 3, 0-255) in, outputs (n x labels) out. */
export interface ServingModel {
  readonly metadata: PosterModelMetadata;
  /** The loaded frozen backbone this model's head reads, if any (models with the same config share one). */
  readonly backbone: ServedBackbone | undefined;
  /** Every backbone whose features `predict` reads: the head's, then the second head's (none for scratch models). */
  readonly backbones: readonly ServedBackbone[];
  /** Call inside tf.tidy, with each of `backbones`' features from {@link servedFeatures}. */
  predict(pixels: tf.Tensor4D, features: ReadonlyMap<ServedBackbone, tf.Tensor2D>): tf.Tensor2D;
  /** The head on backbone features, for models that have one (what the heat map differentiates). */
  readonly head?: FeatureHead;
  /** A head on another backbone whose answer is averaged with the head's ({@link SECOND_BACKBONE_DIR}). */
  readonly secondHead?: FeatureHead;
  dispose(): void;
}

/**
 * A model folder may hold, in this subfolder, a second head of the same task on another backbone: serving averages
 * the two answers. Two backbones trained apart (the width-1.0 MobileNetV2 on NSFW pictures, the width-1.4 one on
 * ImageNet) make different mistakes, so the average beats either, at the cost of the second backbone's pass.
 */
export const SECOND_BACKBONE_DIR = 'second-backbone';

/** A backbone as served: its Layers model compiled (batch norm folded, activations fused) for tfjs or ONNX Runtime. */
export interface ServedBackbone extends PosterBackbone {
  /** The Layers model compiled for TensorFlow.js; compiled on first use, as ONNX Runtime may serve every poster. */
  infer(): InferenceFn;
  /**
   * The same graph on ONNX Runtime, which computes the features of {@link servedFeatures} when present: output 0
   * is the features, outputs 1.. the taps' activations (for the heat map), each computed only when fetched.
   */
  readonly native?: NativeInference;
}

export interface BackboneRuntime {
  readonly choice: PosterRuntimeChoice;
  /** Intra-op threads of each ONNX Runtime session. */
  readonly threads: number;
}

export type PosterRuntimeName = 'onnxruntime' | 'tfjs';

/** What makes two backbone configs the same network and features (metadata extras like `package` aside). */
function backboneKey({ taps, views, inputSize, scale, source }: BackboneConfig): string {
  return JSON.stringify({ taps, views, inputSize, scale, source });
}

/** What makes two backbone configs the same network, whatever views they average: they share one load and one pass. */
export function networkKey({ taps, inputSize, scale, source }: BackboneConfig): string {
  return JSON.stringify({ taps, inputSize, scale, source });
}

/**
 * Loads each distinct network once, so every head on it (whatever views it averages) shares the network and its
 * forward pass, and puts it on ONNX Runtime when the runtime choice allows and the package loads (`onTfjs` hears why
 * not).
 */
export class BackboneRegistry {
  private readonly networks = new Map<string, Promise<ServedBackbone>>();
  private readonly loaded = new Map<string, Promise<ServedBackbone>>();
  private readonly compiled: Array<() => void> = [];

  constructor(
    private readonly runtime: BackboneRuntime = { choice: 'tfjs', threads: 1 },
    private readonly onTfjs: (reason: string) => void = () => {},
  ) {}

  private async native({ extractor, config }: PosterBackbone): Promise<{ native?: NativeInference }> {
    if (this.runtime.choice === 'tfjs') return {};
    // Shares the extractor's layers and weights: nothing of its own to dispose.
    const withTaps = tf.model({ inputs: extractor.inputs, outputs: [extractor.outputs[0]!, ...tapOutputs(extractor, config.taps)] });
    const native = await compileForOnnxRuntime(withTaps, this.runtime.threads);
    if (!('unavailable' in native)) return { native };
    if (this.runtime.choice === 'onnxruntime') throw new Error(`POSTER_RUNTIME=onnxruntime, but ${native.unavailable}`);
    this.onTfjs(native.unavailable);
    return {};
  }

  get(config: BackboneConfig): Promise<ServedBackbone> {
    const key = backboneKey(config);
    let backbone = this.loaded.get(key);
    if (!backbone) {
      backbone = this.network(config).then((network) => ({ ...network, config: { ...network.config, views: config.views } }));
      this.loaded.set(key, backbone);
    }
    return backbone;
  }

  private network(config: BackboneConfig): Promise<ServedBackbone> {
    const { taps, views, inputSize, scale, source } = config;
    const key = networkKey(config);
    let network = this.networks.get(key);
    if (!network) {
      if (!isBackboneSource(source)) throw new Error(`Unknown poster backbone "${source}"`);
      network = loadPosterBackbone({ taps, views, inputSize, scale, source }).then(async (loaded) => {
        const native = await this.native(loaded);
        let compiled: InferenceFn | undefined;
        this.compiled.push(() => compiled?.dispose());
        const infer = (): InferenceFn => (compiled ??= compileForInference(loaded.extractor));
        // On TensorFlow.js it serves every poster: compile at start, not during the first request.
        if (native.native === undefined) infer();
        return { ...loaded, infer, ...native };
      });
      this.networks.set(key, network);
    }
    return network;
  }

  async dispose(): Promise<void> {
    for (const backbone of await Promise.all(this.networks.values())) {
      await backbone.native?.release();
      backbone.extractor.dispose();
    }
    for (const dispose of this.compiled) dispose();
  }
}

/**
 * Pooled features averaged over the configured views (the flip test-time augmentation training used). All views go
 * through the backbone as one batch: the same numbers as one pass per view, with twice the work per kernel call for
 * the wasm threads to share.
 */
export function backboneFeatures(backbone: ServedBackbone, pixels: tf.Tensor4D): tf.Tensor2D {
  const { views } = backbone.config;
  return tf.tidy(() => meanOfViewRows(viewFeatures(backbone, pixels, views), pixels.shape[0], views.map((_, v) => v)));
}

/** Features of every view of every poster, view-major ([views x count, dim]). */
function viewFeatures(backbone: ServedBackbone, pixels: tf.Tensor4D, views: readonly PosterView[]): tf.Tensor2D {
  return tf.tidy(() => {
    const size = backbone.config.inputSize;
    const resized = pixels.shape[1] === size ? pixels : tf.image.resizeBilinear(pixels, [size, size]);
    const input = resized.mul(backbone.config.scale) as tf.Tensor4D;
    const batch = views.map((view) => (view === 'flipped' ? tf.reverse(input, 2) : input));
    return backbone.infer()(batch.length === 1 ? batch[0]! : tf.concat(batch)) as tf.Tensor2D;
  });
}

/** The mean of the view-major rows at `viewRows` (summed in that order, as the ONNX Runtime path does). */
function meanOfViewRows(rows: tf.Tensor2D, count: number, viewRows: readonly number[]): tf.Tensor2D {
  return tf.addN(viewRows.map((v) => rows.slice([v * count, 0], [count, -1]))).div(viewRows.length) as tf.Tensor2D;
}

/**
 * {@link backboneFeatures} of `images` (RGB bytes at the backbone's input size), on ONNX Runtime when the backbone
 * has it, else on TensorFlow.js from `pixels` (the same images as floats). The caller disposes the result.
 */
export async function servedFeatures(backbone: ServedBackbone, images: readonly Uint8Array[], pixels: tf.Tensor4D): Promise<tf.Tensor2D> {
  return (await networkFeatures([backbone], images, pixels))[0]!;
}

/**
 * {@link servedFeatures} of every backbone in `backbones` with one pass per network: a head reading the poster and
 * its mirror and one reading the poster alone share the poster's rows. Networks run side by side (each ONNX Runtime
 * session's run is asynchronous), so a second one costs a single poster little wall time when a core is free. The
 * caller disposes the features.
 */
export async function servedFeaturesOf(backbones: readonly ServedBackbone[], images: readonly Uint8Array[], pixels: tf.Tensor4D): Promise<Map<ServedBackbone, tf.Tensor2D>> {
  const byNetwork = new Map<tf.LayersModel, ServedBackbone[]>();
  for (const backbone of backbones) byNetwork.set(backbone.extractor, [...(byNetwork.get(backbone.extractor) ?? []), backbone]);
  const groups = [...byNetwork.values()];
  const settled = await Promise.allSettled(groups.map((group) => networkFeatures(group, images, pixels)));
  const features = new Map<ServedBackbone, tf.Tensor2D>();
  settled.forEach((outcome, g) => {
    if (outcome.status === 'fulfilled') groups[g]!.forEach((backbone, b) => features.set(backbone, outcome.value[b]!));
  });
  const failure = settled.find((outcome) => outcome.status === 'rejected');
  if (failure) {
    tf.dispose([...features.values()]);
    throw failure.reason;
  }
  return features;
}

/** Each backbone's features, for backbones sharing one network: the union of their views goes through it once. */
async function networkFeatures(group: readonly ServedBackbone[], images: readonly Uint8Array[], pixels: tf.Tensor4D): Promise<tf.Tensor2D[]> {
  const views = [...new Set(group.flatMap((backbone) => backbone.config.views))];
  const viewRows = (backbone: ServedBackbone) => backbone.config.views.map((view) => views.indexOf(view));
  const { native, config, featureDim } = group[0]!;
  const count = images.length;
  if (native === undefined || pixels.shape[1] !== config.inputSize) {
    return tf.tidy(() => {
      const rows = viewFeatures(group[0]!, pixels, views);
      return group.map((backbone) => meanOfViewRows(rows, count, viewRows(backbone)));
    });
  }
  const [rows] = await native.run(viewBatch(images, { ...config, views }), [count * views.length, config.inputSize, config.inputSize, 3]);
  return group.map((backbone) => tf.tensor2d(meanOverViews(rows!, count, viewRows(backbone), featureDim), [count, featureDim]));
}

export async function loadServingModel(dir: string, backbones: BackboneRegistry): Promise<ServingModel> {
  const metadata = await readPosterMetadata(dir);
  const model = await loadLayersModel(dir);
  if (metadata.architecture === 'scratch') {
    const size = metadata.inputSize;
    return {
      metadata,
      backbone: undefined,
      backbones: [],
      predict: (pixels) => tf.tidy(() => {
        const resized = pixels.shape[1] === size ? pixels : tf.image.resizeBilinear(pixels, [size, size]);
        return model.predict(resized.div(255)) as tf.Tensor2D;
      }),
      dispose: () => model.dispose(),
    };
  }
  const head = await featureHead(dir, model, metadata.backbone!, backbones);
  const secondHead = await loadSecondHead(dir, metadata, backbones);
  const heads = secondHead ? [head, secondHead] : [head];
  return {
    metadata,
    backbone: head.backbone,
    backbones: heads.map((h) => h.backbone),
    head,
    ...(secondHead ? { secondHead } : {}),
    predict: (_pixels, features) => tf.tidy(() => {
      const answers = heads.map((h) => h.predict(features.get(h.backbone)!));
      return answers.length === 1 ? answers[0]! : (tf.addN(answers).div(answers.length) as tf.Tensor2D);
    }),
    dispose: () => heads.forEach((h) => h.dispose()),
  };
}

/** The head in `<dir>/second-backbone`, when there is one; it must answer the same task on a frozen backbone. */
async function loadSecondHead(dir: string, first: PosterModelMetadata, backbones: BackboneRegistry): Promise<FeatureHead | undefined> {
  const secondDir = join(dir, SECOND_BACKBONE_DIR);
  if (!(await stat(secondDir).then((info) => info.isDirectory(), () => false))) return undefined;
  const metadata = await readPosterMetadata(secondDir);
  if (metadata.architecture !== 'mobilenet' || metadata.task !== first.task || metadata.labels.join() !== first.labels.join()) {
    throw new Error(`${secondDir} must hold a ${first.task} head on a frozen backbone with the same labels as ${dir}`);
  }
  return featureHead(secondDir, await loadLayersModel(secondDir), metadata.backbone!, backbones);
}

/** A head on standardised backbone features (genre, rating, the poster gate), sharing the registry's backbone. */
export interface FeatureHead {
  readonly backbone: ServedBackbone;
  /** The head network itself, reading standardised features. */
  readonly model: tf.LayersModel;
  /** Call inside tf.tidy: features as the head reads them (`feature-norm.bin`). */
  standardise(features: tf.Tensor2D): tf.Tensor2D;
  /** Call inside tf.tidy with the backbone's features. */
  predict(features: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

/** Wraps a loaded head with the `feature-norm.bin` standardisation saved beside it in `dir`. */
export async function featureHead(dir: string, model: tf.LayersModel, config: BackboneConfig, backbones: BackboneRegistry): Promise<FeatureHead> {
  const backbone = await backbones.get(config);
  const norm = await readFeatureNorm(dir);
  const mean = tf.tensor1d(norm.mean);
  const std = tf.tensor1d(norm.std);
  const standardise = (features: tf.Tensor2D): tf.Tensor2D => features.sub(mean).div(std);
  return {
    backbone,
    model,
    standardise,
    predict: (features) => tf.tidy(() => model.predict(standardise(features)) as tf.Tensor2D),
    dispose: () => {
      model.dispose();
      tf.dispose([mean, std]);
    },
  };
}

export function modelDir(modelsDir: string, task: 'genre' | 'rating'): string {
  return join(modelsDir, task);
}
