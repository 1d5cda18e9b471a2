/**
 * What travels beside the review model's weights: the tokenizer (its own file, the vocabulary is large), the
 * architecture options, the answer for text without any word, and how and on what the model was trained.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile } from '../../../util/read-json.js';
import { ReviewTokenizer, type TokenizerConfig } from './tokenizer.js';

/** The review model's folder inside a models folder. */
export const REVIEW_MODEL_DIR = 'review';
export const METADATA_FILE = 'metadata.json';
export const TOKENIZER_FILE = 'tokenizer.json';

export interface ReviewValidation {
  /** The aclImdb reviews of the id-hash validation split. */
  readonly aclImdb: Readonly<Record<string, number>>;
  /** The SST dev sentences, when the model was trained with SST. */
  readonly sst?: Readonly<Record<string, number>>;
  /** SST training sentences held out by sentence hash (never trained on): the second check beside SST dev. */
  readonly sstHoldout?: Readonly<Record<string, number>>;
}

export interface ReviewModelMetadata {
  readonly model: 'review';
  readonly task: string;
  readonly output: string;
  /** Rating answered for a review with no word at all (an empty line): the training mean, i.e. "no evidence". */
  readonly emptyRating: number;
  readonly architecture: Readonly<Record<string, unknown>>;
  readonly tokenizer: { readonly file: string } & Omit<TokenizerConfig, 'words' | 'englishWords'>;
  readonly training: Readonly<Record<string, unknown>>;
  readonly data: Readonly<Record<string, unknown>> & {
    /** Salt and share of the id-hash split, so evaluation can score the validation part alone. */
    readonly splitSeed?: string;
    readonly validationFraction?: number;
    /** Share of SST training sentences held out by sentence hash (absent: none). */
    readonly sstHoldoutFraction?: number;
  };
  /** Validation figures of the saved weights, each set beside its constant-guess baseline. */
  readonly validation: ReviewValidation;
  readonly backend: string;
  readonly date: string;
}

export async function readReviewMetadata(modelDir: string): Promise<{ metadata: ReviewModelMetadata; tokenizer: TokenizerConfig }> {
  const metadata = (await readJsonFile(join(modelDir, METADATA_FILE), 'review model metadata')) as ReviewModelMetadata;
  if (metadata.model !== 'review') throw new Error(`${join(modelDir, METADATA_FILE)} does not describe a review model`);
  const tokenizer = (await readJsonFile(join(modelDir, metadata.tokenizer.file), 'tokenizer')) as TokenizerConfig;
  return { metadata, tokenizer };
}

/** The tokenizer saved beside a review model, without the model: all the main thread needs beside the workers. */
export async function readReviewTokenizer(modelDir: string): Promise<ReviewTokenizer> {
  return ReviewTokenizer.fromConfig((await readReviewMetadata(modelDir)).tokenizer);
}

export async function writeReviewMetadata(modelDir: string, metadata: ReviewModelMetadata, tokenizer: TokenizerConfig): Promise<void> {
  await writeFile(join(modelDir, metadata.tokenizer.file), `${JSON.stringify(tokenizer)}\n`);
  await writeFile(join(modelDir, METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
}
