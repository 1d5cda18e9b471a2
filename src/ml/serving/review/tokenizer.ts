/**
 * Text to fixed-length word-index sequences, shared by training and serving: the vocabulary and every constant
 * travel in the model's metadata.json, so the bot encodes a review exactly as training did.
 *
 * @example
 * const tokenizer = ReviewTokenizer.fit(texts, { vocabSize: 20_000, maxLen: 400, padding: 'pre', truncating: 'pre' });
 * const ids = tokenizer.encode('A slow start, then wonderful.'); // Int32Array(400), zeros first
 */

/** Index 0 pads, index 1 stands for every word outside the vocabulary; real words start at 2. */
export const PAD_INDEX = 0;
export const OOV_INDEX = 1;
export const FIRST_WORD_INDEX = 2;

export type Side = 'pre' | 'post';

export interface TokenizerOptions {
  /** Size of the index space, padding and out-of-vocabulary slots included. */
  readonly vocabSize: number;
  readonly maxLen: number;
  /** Where padding zeros go for short reviews. */
  readonly padding: Side;
  /** Which end of a long review is cut: 'pre' keeps the ending, where reviewers tend to sum up. */
  readonly truncating: Side;
}

export interface TokenizerConfig extends TokenizerOptions {
  /** Words in index order, starting at index 2. */
  readonly words: readonly string[];
}

const HTML_TAG = /<[^>]*>/g;
const HTML_ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&lt;': '<', '&gt;': '>', '&nbsp;': ' ' };
const HTML_ENTITY = /&(?:amp|quot|#39|apos|lt|gt|nbsp);/g;
const CURLY_APOSTROPHE = /[\u2018\u2019\u02bc]/g;
/** Words (letters or digits, inner apostrophes kept: "don't") plus the two punctuation marks that carry tone. */
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*|[!?]/gu;

export function tokenize(text: string): string[] {
  const plain = text
    .replace(HTML_TAG, ' ')
    .replace(HTML_ENTITY, (entity) => HTML_ENTITIES[entity] ?? ' ')
    .replace(CURLY_APOSTROPHE, "'")
    .toLowerCase();
  return plain.match(TOKEN) ?? [];
}

function checkOptions(options: TokenizerOptions): void {
  if (!Number.isInteger(options.vocabSize) || options.vocabSize < FIRST_WORD_INDEX + 1) {
    throw new RangeError(`vocabSize must be an integer >= ${FIRST_WORD_INDEX + 1}, got ${options.vocabSize}`);
  }
  if (!Number.isInteger(options.maxLen) || options.maxLen < 1) throw new RangeError(`maxLen must be a positive integer, got ${options.maxLen}`);
  for (const side of [options.padding, options.truncating]) {
    if (side !== 'pre' && side !== 'post') throw new RangeError(`padding and truncating must be 'pre' or 'post', got ${String(side)}`);
  }
}

export class ReviewTokenizer {
  private readonly index: ReadonlyMap<string, number>;

  private constructor(readonly config: TokenizerConfig) {
    checkOptions(config);
    this.index = new Map(config.words.map((word, i) => [word, i + FIRST_WORD_INDEX]));
  }

  /** Keeps the `vocabSize - 2` most frequent words of `texts`; ties break alphabetically so the result is stable. */
  static fit(texts: Iterable<string>, options: TokenizerOptions): ReviewTokenizer {
    checkOptions(options);
    const counts = new Map<string, number>();
    for (const text of texts) for (const word of tokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    const words = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.vocabSize - FIRST_WORD_INDEX)
      .map(([word]) => word);
    return new ReviewTokenizer({ ...options, words });
  }

  static fromConfig(config: TokenizerConfig): ReviewTokenizer {
    return new ReviewTokenizer(config);
  }

  get maxLen(): number {
    return this.config.maxLen;
  }

  /** Index range the embedding must cover (can be below `vocabSize` when the corpus had fewer words). */
  get indexCount(): number {
    return this.config.words.length + FIRST_WORD_INDEX;
  }

  encode(text: string): Int32Array {
    const { maxLen, padding, truncating } = this.config;
    const ids = tokenize(text).map((word) => this.index.get(word) ?? OOV_INDEX);
    const kept = ids.length <= maxLen ? ids : truncating === 'pre' ? ids.slice(ids.length - maxLen) : ids.slice(0, maxLen);
    const sequence = new Int32Array(maxLen).fill(PAD_INDEX);
    sequence.set(kept, padding === 'pre' ? maxLen - kept.length : 0);
    return sequence;
  }

  /** Row-major `[texts.length, maxLen]` ids, ready for `tf.tensor2d(..., 'int32')`. */
  encodeBatch(texts: readonly string[]): Int32Array {
    const batch = new Int32Array(texts.length * this.config.maxLen);
    texts.forEach((text, row) => batch.set(this.encode(text), row * this.config.maxLen));
    return batch;
  }
}
