/**
 * Knowledge distillation for the review rater: one-sentence texts cut from the training reviews, each rated by
 * the mean of several trained review models (the teachers), become extra training texts. A chat line is one
 * sentence, and SST has only 8.5k of them; the teachers' mean rating is a better guess than any one model's (three
 * seeds' mean: SST dev 84.75% against 84.1-84.4% alone), and one student keeps serving at one model's cost.
 * Only training-split reviews are cut, so no validation review reaches training through a teacher.
 *
 * @example
 * const extra = await distillationTexts(data.reviews.train, ['models/review', 'runs/seed11'], 100_000, 7);
 */
import type { Review } from '../../../data/reviews.js';
import { predictRatings } from '../../serving/review/predictor.js';
import { seededShuffle } from '../../../util/seeded-random.js';
import type { NgramTeacher } from './ngram-teacher.js';
import type { RatedText } from './training-data.js';
import { loadWarmStart } from './warm-start.js';

/** Sentences shorter than this teach little a word does not; longer ones are what full reviews already are. */
const MIN_WORDS = 4;
const MAX_WORDS = 40;

/** The sentences of a review: split at line breaks (`<br />` in aclImdb) and after . ! ? followed by a space. */
export function reviewSentences(text: string): string[] {
  return text
    .split(/<br\s*\/?>|\n/i)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=\S)/))
    .map((sentence) => sentence.trim())
    .filter((sentence) => {
      const words = sentence.split(/\s+/).length;
      return words >= MIN_WORDS && words <= MAX_WORDS;
    });
}

/** Up to `limit` distinct sentences of `reviews`, in a seeded random order. */
export function transferSentences(reviews: readonly Review[], limit: number, seed: number): string[] {
  const distinct = [...new Set(reviews.flatMap((review) => reviewSentences(review.text)))];
  return seededShuffle(distinct, seed).slice(0, limit);
}

/** The mean rating of the teachers (saved review models, each reading with its own tokenizer) for every text. */
export async function teacherRatings(teacherDirs: readonly string[], texts: readonly string[]): Promise<Float64Array> {
  const sums = new Float64Array(texts.length);
  for (const dir of teacherDirs) {
    const teacher = await loadWarmStart(dir);
    const ratings = await predictRatings(teacher.model, texts.map((text) => teacher.tokenizer.encode(text)));
    teacher.model.dispose();
    ratings.forEach((rating, i) => (sums[i] = sums[i]! + rating));
  }
  return sums.map((sum) => sum / teacherDirs.length);
}

/** A model of another kind whose ratings are blended in: `weight` x its rating + (1 - weight) x the saved models' mean. */
export interface BlendedTeacher {
  readonly teacher: NgramTeacher;
  readonly weight: number;
}

/** Training texts rated by the teachers; texts no saved teacher could read (no known word) are left out. */
export async function distillationTexts(reviews: readonly Review[], teacherDirs: readonly string[], limit: number, seed: number, blended?: BlendedTeacher): Promise<RatedText[]> {
  const sentences = transferSentences(reviews, limit, seed);
  const ratings = await teacherRatings(teacherDirs, sentences);
  const other = blended?.teacher.rate(sentences) ?? [];
  const weight = blended?.weight ?? 0;
  return sentences.map((text, i) => ({ text, rating: weight > 0 ? (1 - weight) * ratings[i]! + weight * other[i]! : ratings[i]! }))
    .filter(({ rating }) => !Number.isNaN(rating));
}
