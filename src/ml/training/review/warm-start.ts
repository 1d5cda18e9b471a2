/**
 * Warm start of the review rater: the saved model, its tokenizer exactly as saved (rebuilding it would renumber
 * the words under the trained embedding), and the split it was validated on (aclImdb and SST held-out slice), so
 * continued training scores the same validation texts, never trains on a sentence the saved model held out, and
 * its figures compare with the saved ones.
 *
 * @example
 * const start = await loadWarmStart('models/review');
 * start.model.compile({ optimizer: tf.train.adam(1.7e-4), loss: 'meanAbsoluteError' });
 */
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { loadLayersModel } from '../../runtime/model-io.js';
import { METADATA_FILE, readReviewMetadata, type ReviewModelMetadata } from '../../serving/review/metadata.js';
import { ReviewTokenizer } from '../../serving/review/tokenizer.js';

export interface WarmStart {
  readonly dir: string;
  readonly model: tf.LayersModel;
  readonly tokenizer: ReviewTokenizer;
  readonly metadata: ReviewModelMetadata;
  readonly splitSeed: string;
  readonly validationFraction: number;
  /** The saved model's SST held-out share; 0 for a model that trained on every SST sentence. */
  readonly sstHoldoutFraction: number;
}

export async function loadWarmStart(dir: string): Promise<WarmStart> {
  const { metadata, tokenizer } = await readReviewMetadata(dir);
  const { splitSeed, validationFraction } = metadata.data;
  if (typeof splitSeed !== 'string' || typeof validationFraction !== 'number') {
    throw new Error(`${join(dir, METADATA_FILE)} does not record data.splitSeed and data.validationFraction: cannot reuse its split`);
  }
  const model = await loadLayersModel(dir);
  if (model.inputs[0]?.shape[1] !== null) {
    model.dispose();
    throw new Error(`${dir}: the model reads a fixed number of tokens; only a model with a free input length can continue training`);
  }
  const sstHoldoutFraction = typeof metadata.data.sstHoldoutFraction === 'number' ? metadata.data.sstHoldoutFraction : 0;
  return { dir, model, tokenizer: ReviewTokenizer.fromConfig(tokenizer), metadata, splitSeed, validationFraction, sstHoldoutFraction };
}
