import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { saveModel } from '../../runtime/model-io.js';
import { writeFeatureNorm } from '../../serving/poster/metadata.js';
import { genreWeights, type FineTuneHyperparams, type PosterNet } from './fine-tune-model.js';
import { undoClassWeightShift } from './head.js';

/**
 * Writes the fitted net under `dir`: `top/` (blocks 15-16 + Conv_1, layer names as in the backbone, so serving
 * can copy them onto a freshly loaded MobileNetV2), `genre/` and `rating/` heads, and the shared feature-norm.bin.
 */
export async function saveFineTunedNet(dir: string, net: PosterNet, genreTargets: readonly number[][], hp: FineTuneHyperparams): Promise<void> {
  undoClassWeightShift(net.genre, genreWeights(genreTargets, hp.head));
  await saveModel(net.top as tf.LayersModel, join(dir, 'top'));
  await saveModel(net.genre, join(dir, 'genre'));
  await saveModel(net.rating, join(dir, 'rating'));
  await writeFeatureNorm(dir, net.stats);
}
