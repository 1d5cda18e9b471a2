import * as tf from '@tensorflow/tfjs';
import { GENRES } from '../../../core/genres.js';
import { type PosterPredictor, type PosterResult, topGenres } from '../../../core/predictions.js';
import { loadGateModel } from './gate-model.js';
import { BackboneRegistry, backboneFeatures, loadServingModel, modelDir, type ServedBackbone } from './serving-model.js';

/** Ratings are IMDb scores: keep answers inside the scale whatever the head extrapolates. */
function clampRating(value: number): number {
  return Math.min(10, Math.max(1, value));
}

export interface DisposablePosterPredictor extends PosterPredictor {
  dispose(): Promise<void>;
}

/**
 * Loads `<modelsDir>/genre`, `<modelsDir>/rating` and, when installed, the poster gate `<modelsDir>/gate` once.
 * Heads on the same frozen backbone share it: each batch runs it once and every head reads the same features.
 *
 * @example
 * const predictor = await loadPosterPredictor('models');
 * const [result] = await predictor.predict([await decodePoster(bytes, predictor.inputSize)]);
 * result.top3; // [['Drama', 0.61], ['Comedy', 0.33], ['Romance', 0.2]]
 */
export async function loadPosterPredictor(modelsDir: string): Promise<DisposablePosterPredictor> {
  const backbones = new BackboneRegistry();
  const [genre, rating, gate] = await Promise.all([
    loadServingModel(modelDir(modelsDir, 'genre'), backbones),
    loadServingModel(modelDir(modelsDir, 'rating'), backbones),
    loadGateModel(modelsDir, backbones),
  ]);
  if (genre.metadata.task !== 'genre' || rating.metadata.task !== 'rating') {
    throw new Error(`${modelsDir}/genre and ${modelsDir}/rating hold models for the wrong tasks`);
  }
  const labels = genre.metadata.labels;
  if (labels.length !== GENRES.length || labels.some((label, i) => label !== GENRES[i])) {
    throw new Error(`${modelsDir}/genre/metadata.json labels do not match the 25 genre columns`);
  }
  const inputSize = Math.max(genre.metadata.inputSize, rating.metadata.inputSize);

  const run = (pixels: tf.Tensor4D): tf.Tensor2D[] => {
    const features = new Map<ServedBackbone, tf.Tensor2D>();
    for (const backbone of [genre.backbone, rating.backbone, gate?.backbone]) {
      if (backbone && !features.has(backbone)) features.set(backbone, backboneFeatures(backbone, pixels));
    }
    const outputs = [genre, rating].map((model) => model.predict(pixels, model.backbone && features.get(model.backbone)));
    return gate ? [...outputs, gate.predict(features.get(gate.backbone)!)] : outputs;
  };

  return {
    inputSize,
    async predict(images: readonly Uint8Array[]): Promise<PosterResult[]> {
      if (images.length === 0) return [];
      const expected = inputSize * inputSize * 3;
      images.forEach((image, i) => {
        if (image.length !== expected) throw new Error(`Image ${i} has ${image.length} bytes, expected ${inputSize}x${inputSize}x3 RGB`);
      });
      const [genreProbs, ratings, posterProbs] = tf.tidy(() => {
        const flat = new Uint8Array(images.length * expected);
        images.forEach((image, i) => flat.set(image, i * expected));
        const pixels = tf.tensor4d(flat, [images.length, inputSize, inputSize, 3], 'int32').toFloat() as tf.Tensor4D;
        return run(pixels);
      });
      const [probs, scores, posterness] = await Promise.all([genreProbs!.array(), ratings!.array(), posterProbs?.array()]);
      tf.dispose([genreProbs!, ratings!, ...(posterProbs ? [posterProbs] : [])]);
      return probs.map((row, i) => {
        const genres = Object.fromEntries(GENRES.map((name, g) => [name, row[g]!]));
        const poster = posterness?.[i]?.[0];
        return { ...(poster === undefined ? {} : { poster }), genres, top3: topGenres(genres, 3), rating: clampRating(scores[i]![0]!) };
      });
    },
    async dispose() {
      genre.dispose();
      rating.dispose();
      gate?.dispose();
      await backbones.dispose();
    },
  };
}
