/**
 * What travels beside the review model's weights: the tokenizer (its own file, the vocabulary is large), the
 * architecture options, the answer for text without any word, and how and on what the model was trained.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenizerConfig } from './tokenizer.js';

export const METADATA_FILE = 'metadata.json';
export const TOKENIZER_FILE = 'tokenizer.json';

export interface ReviewValidation {
  /** The aclImdb reviews of the id-hash validation split. */
  readonly aclImdb: Readonly<Record<string, number>>;
  /** The SST dev sentences, when the model was trained with SST. */
  readonly sst?: Readonly<Record<string, number>>;
}

export interface ReviewModelMetadata {
  readonly model: 'review';
  readonly task: string;
  readonly output: string;
  /** Rating answered for a review with no word at all (an empty line): the training mean, i.e. "no evidence". */
  readonly emptyRating: number;
  readonly architecture: Readonly<Record<string, unknown>>;
  readonly tokenizer: { readonly file: string } & Omit<TokenizerConfig, 'words'>;
  readonly training: Readonly<Record<string, unknown>>;
  readonly data: Readonly<Record<string, unknown>> & {
    /** Salt and share of the id-hash split, so evaluation can score the validation part alone. */
    readonly splitSeed?: string;
    readonly validationFraction?: number;
  };
  /** Validation figures of the saved weights, each set beside its constant-guess baseline. */
  readonly validation: ReviewValidation;
  readonly backend: string;
  readonly date: string;
}

async function readJson<T>(path: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
}

export async function readReviewMetadata(modelDir: string): Promise<{ metadata: ReviewModelMetadata; tokenizer: TokenizerConfig }> {
  const metadata = await readJson<ReviewModelMetadata>(join(modelDir, METADATA_FILE));
  if (metadata.model !== 'review') throw new Error(`${join(modelDir, METADATA_FILE)} does not describe a review model`);
  const tokenizer = await readJson<TokenizerConfig>(join(modelDir, metadata.tokenizer.file));
  return { metadata, tokenizer };
}

export async function writeReviewMetadata(modelDir: string, metadata: ReviewModelMetadata, tokenizer: TokenizerConfig): Promise<void> {
  await writeFile(join(modelDir, metadata.tokenizer.file), `${JSON.stringify(tokenizer)}\n`);
  await writeFile(join(modelDir, METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
}
