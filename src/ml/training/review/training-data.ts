/**
 * What the review rater trains and validates on: aclImdb reviews split by id hash (the split the shipped models
 * share), plus, when given, SST training sentences for training (less a held-out slice, chosen by sentence hash)
 * and the SST dev file and that slice for validation.
 *
 * @example
 * const data = await loadTrainingData({ dataPath: 'aclImdb_train.tar.gz', sstDir: 'sst', validationFraction: 0.1, splitSeed: 'moviebot', seed: 42, trainLimit: 0, sstHoldoutFraction: 0.1 });
 */
import { loadReviews, splitReviews, type Review } from '../../../data/reviews.js';
import { splitByHash } from '../../../data/split.js';
import { loadSstSplit, type SstSentence, sstLevelToRating } from '../../../data/sst.js';
import type { TrainingExample } from './fit-by-length.js';
import { ratingToTarget } from '../../serving/review/rating-scale.js';
import { seededShuffle } from '../../../util/seeded-random.js';
import type { ReviewTokenizer } from '../../serving/review/tokenizer.js';

export interface TrainingDataOptions {
  readonly dataPath: string;
  readonly sstDir?: string;
  readonly validationFraction: number;
  readonly splitSeed: string;
  readonly seed: number;
  /** Keep only this many (shuffled) training reviews and as many SST sentences, for quick comparisons; 0 = all. */
  readonly trainLimit: number;
  /** Share of SST training sentences held out (by a hash of the sentence) as a second check beside SST dev. */
  readonly sstHoldoutFraction: number;
}

export interface TrainingData {
  readonly reviews: { readonly total: number; readonly skipped: number; readonly train: Review[]; readonly validation: Review[] };
  /** `holdout`: SST training sentences never trained on, a second check that no setting was chosen on. */
  readonly sst: { readonly train: SstSentence[]; readonly dev: SstSentence[]; readonly holdout: SstSentence[] };
}

/** One text and its 1-10 rating, whatever set it came from. */
export interface RatedText {
  readonly text: string;
  readonly rating: number;
}

export async function loadTrainingData(options: TrainingDataOptions): Promise<TrainingData> {
  const { reviews, skipped } = await loadReviews(options.dataPath);
  const split = splitReviews(reviews, options.validationFraction, options.splitSeed);
  const limit = <T>(items: readonly T[]): T[] => {
    const shuffled = seededShuffle(items, options.seed);
    return options.trainLimit > 0 ? shuffled.slice(0, options.trainLimit) : shuffled;
  };
  const [sstTrain, sstDev] = options.sstDir === undefined ? [[], []] : await Promise.all([loadSstSplit(options.sstDir, 'train'), loadSstSplit(options.sstDir, 'dev')]);
  const sstSplit = splitSstTrain(sstTrain, options.sstHoldoutFraction, options.splitSeed);
  const data = {
    reviews: { total: reviews.length, skipped: skipped.length, train: limit(split.train), validation: split.validation },
    sst: { train: limit(sstSplit.train), dev: sstDev, holdout: sstSplit.holdout },
  };
  if (data.reviews.train.length === 0 || data.reviews.validation.length === 0) {
    throw new Error(`${options.dataPath} gives ${data.reviews.train.length} training and ${data.reviews.validation.length} validation reviews: both need some`);
  }
  return data;
}

/**
 * SST training sentences to train on, and the slice held out as a second check. Chosen by the sentence itself,
 * not its line: a sentence the file repeats lands on one side only.
 */
export function splitSstTrain(sentences: readonly SstSentence[], holdoutFraction: number, splitSeed: string): { train: SstSentence[]; holdout: SstSentence[] } {
  const { train, validation } = splitByHash(sentences, (sentence) => `sst:${sentence.text}`, holdoutFraction, splitSeed);
  return { train, holdout: validation };
}

/**
 * Every training text with its rating: reviews as rated, SST sentences at their level's place on the scale, each
 * sentence `sstRepeat` times (one-line reviews are what people type in a chat, and 8.5k of them sit beside 22.5k
 * full reviews).
 */
export function trainingTexts(data: TrainingData, sstRepeat = 1): RatedText[] {
  const sentences = sstTrainingTexts(data);
  return [...reviewTrainingTexts(data), ...Array.from({ length: sstRepeat }, () => sentences).flat()];
}

/** The training reviews as rated. */
export function reviewTrainingTexts(data: TrainingData): RatedText[] {
  return data.reviews.train.map(({ text, rating }) => ({ text, rating }));
}

/** The SST training sentences at their level's place on the scale. */
export function sstTrainingTexts(data: TrainingData): RatedText[] {
  return data.sst.train.map(({ text, level }) => ({ text, rating: sstLevelToRating(level) }));
}

/** Encoded examples; texts without any word teach nothing and are left out. */
export function toExamples(tokenizer: ReviewTokenizer, texts: readonly RatedText[]): TrainingExample[] {
  return texts
    .map(({ text, rating }) => ({ ids: tokenizer.encode(text), target: ratingToTarget(rating) }))
    .filter((example) => example.ids.length > 0);
}
