import * as tf from '@tensorflow/tfjs';
import { GENRES } from '../../../core/genres.js';
import { type PosterPredictor, type PosterResult, topGenres } from '../../../core/predictions.js';
import { createPosterExplainer } from './explain.js';
import { loadGateModel } from './gate-model.js';
import {
  BackboneRegistry, type BackboneRuntime, loadServingModel, modelDir, networkKey, type PosterRuntimeName, type ServedBackbone, servedFeaturesOf,
} from './serving-model.js';
import { recognisedAndSimilar } from './recognise.js';
import { loadSimilarIndex, nearestPosters, type SimilarIndex } from './similar-index.js';

const SIMILAR_COUNT = 3;

/** Ratings are IMDb scores: keep answers inside the scale whatever the head extrapolates. */
function clampRating(value: number): number {
  return Math.min(10, Math.max(1, value));
}

type BatchOutputs = {
  readonly genres: tf.Tensor2D;
  readonly ratings: tf.Tensor2D;
  readonly poster: tf.Tensor2D | undefined;
  readonly nearest: { values: tf.Tensor; indices: tf.Tensor } | undefined;
};

/**
 * The index's own backbone, which must be the genre head's network (anything else would cost another pass); it may
 * average other views than the heads.
 */
async function similarIndexBackbone(index: SimilarIndex, genre: ServedBackbone | undefined, backbones: BackboneRegistry, modelsDir: string): Promise<ServedBackbone> {
  if (genre === undefined || networkKey(index.metadata.backbone) !== networkKey(genre.config)) {
    throw new Error(`${modelsDir}/similar was built on another backbone than ${modelsDir}/genre: rebuild it with npm run build:similar`);
  }
  return backbones.get(index.metadata.backbone);
}

export interface DisposablePosterPredictor extends PosterPredictor {
  /** What runs the backbone: ONNX Runtime, or TensorFlow.js (also for models without a frozen backbone). */
  readonly runtime: PosterRuntimeName;
  dispose(): Promise<void>;
}

export interface PosterPredictorOptions {
  /** Default: TensorFlow.js, one thread; the bot passes its POSTER_RUNTIME and ONNXRUNTIME_THREADS. */
  readonly runtime?: BackboneRuntime;
  /** Hears why ONNX Runtime was asked for ('auto') but is not used. */
  readonly log?: (message: string) => void;
}

/**
 * Loads `<modelsDir>/genre`, `<modelsDir>/rating` and, when installed, the poster gate `<modelsDir>/gate` and the
 * "looks like" index `<modelsDir>/similar` once. Heads on the same frozen network share it: each batch runs it once,
 * on every view any of them reads, and each head (and the index) reads the mean over its own views (the genre and
 * rating heads the poster and its mirror, the gate and the index the poster alone). `explain` exists for
 * frozen-backbone genre heads.
 *
 * @example
 * const predictor = await loadPosterPredictor('models');
 * const [result] = await predictor.predict([await decodePoster(bytes, predictor.inputSize)]);
 * result.top3; // [['Drama', 0.61], ['Comedy', 0.33], ['Romance', 0.2]]
 */
export async function loadPosterPredictor(modelsDir: string, options: PosterPredictorOptions = {}): Promise<DisposablePosterPredictor> {
  const backbones = new BackboneRegistry(options.runtime, (reason) => options.log?.(`poster backbone on TensorFlow.js: ${reason}`));
  const [genre, rating, gate, similar] = await Promise.all([
    loadServingModel(modelDir(modelsDir, 'genre'), backbones),
    loadServingModel(modelDir(modelsDir, 'rating'), backbones),
    loadGateModel(modelsDir, backbones),
    loadSimilarIndex(modelsDir),
  ]);
  if (genre.metadata.task !== 'genre' || rating.metadata.task !== 'rating') {
    throw new Error(`${modelsDir}/genre and ${modelsDir}/rating hold models for the wrong tasks`);
  }
  const labels = genre.metadata.labels;
  if (labels.length !== GENRES.length || labels.some((label, i) => label !== GENRES[i])) {
    throw new Error(`${modelsDir}/genre/metadata.json labels do not match the 25 genre columns`);
  }
  const inputSize = Math.max(genre.metadata.inputSize, rating.metadata.inputSize);
  const ratingTypicalError = Number.isFinite(rating.metadata.validation.mae) ? rating.metadata.validation.mae : undefined;
  const similarBackbone = similar && (await similarIndexBackbone(similar, genre.backbone, backbones, modelsDir));
  const explainer = genre.head && createPosterExplainer(genre.head, labels, genre.secondHead);
  const recogniseAt = similar?.metadata.recognition?.threshold;
  const lookAlike = similar?.metadata.lookAlike;
  const candidateCount = Math.max(SIMILAR_COUNT + 1, lookAlike?.candidates ?? 0);

  const backbonesInUse = [...new Set([...genre.backbones, ...rating.backbones, gate?.backbone, similarBackbone])].filter((b): b is ServedBackbone => b !== undefined);

  /** Every output of one batch as tensors. */
  const run = (pixels: tf.Tensor4D, features: ReadonlyMap<ServedBackbone, tf.Tensor2D>): BatchOutputs => {
    const [genres, ratings] = [genre, rating].map((model) => model.predict(pixels, features));
    const nearest = similar && tf.topk(similar.similarities(features.get(similarBackbone!)!), Math.min(candidateCount, similar.items.length));
    return { genres: genres!, ratings: ratings!, poster: gate?.predict(features.get(gate.backbone)!), nearest };
  };

  return {
    inputSize,
    runtime: genre.backbone?.native ? 'onnxruntime' : 'tfjs',
    async predict(images: readonly Uint8Array[]): Promise<PosterResult[]> {
      if (images.length === 0) return [];
      const expected = inputSize * inputSize * 3;
      images.forEach((image, i) => {
        if (image.length !== expected) throw new Error(`Image ${i} has ${image.length} bytes, expected ${inputSize}x${inputSize}x3 RGB`);
      });
      const pixels = tf.tidy(() => {
        const flat = new Uint8Array(images.length * expected);
        images.forEach((image, i) => flat.set(image, i * expected));
        return tf.tensor4d(flat, [images.length, inputSize, inputSize, 3], 'int32').toFloat() as tf.Tensor4D;
      });
      let outputs: BatchOutputs;
      try {
        const features = await servedFeaturesOf(backbonesInUse, images, pixels);
        try {
          outputs = tf.tidy(() => run(pixels, features));
        } finally {
          tf.dispose([...features.values()]);
        }
      } finally {
        pixels.dispose();
      }
      const [probs, scores, posterness, nearestValues, nearestIndices] = await Promise.all([
        outputs.genres.array(), outputs.ratings.array(), outputs.poster?.array(), outputs.nearest?.values.array(), outputs.nearest?.indices.array(),
      ]);
      tf.dispose(outputs);
      const neighbours = similar && nearestPosters(similar, nearestValues as number[][], nearestIndices as number[][]);
      return probs.map((row, i) => {
        const genres = Object.fromEntries(GENRES.map((name, g) => [name, row[g]!]));
        const poster = posterness?.[i]?.[0];
        const top3 = topGenres(genres, 3);
        const order = lookAlike && { genreWeight: lookAlike.genreWeight, genres: top3.map(([name]) => name) };
        return {
          ...(poster === undefined ? {} : { poster }),
          genres,
          top3,
          rating: clampRating(scores[i]![0]!),
          ...(ratingTypicalError === undefined ? {} : { ratingTypicalError }),
          ...(neighbours ? recognisedAndSimilar(neighbours[i]!, SIMILAR_COUNT, recogniseAt, order) : {}),
        };
      });
    },
    ...(explainer ? { explain: explainer } : {}),
    async dispose() {
      genre.dispose();
      rating.dispose();
      gate?.dispose();
      similar?.dispose();
      await backbones.dispose();
    },
  };
}
