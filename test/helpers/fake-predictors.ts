import { GENRES } from '../../src/core/genres.js';
import { slangAsWords } from '../../src/core/review-text.js';
import { topGenres, type SimilarPoster, type PosterExplanation, type PosterPredictor, type PosterResult, type ReviewExplanation, type ReviewPredictor } from '../../src/core/predictions.js';

/** A fake gate for channel tests: a nearly white image (a document, a screenshot) is not a poster. */
export function whiteIsNotAPoster(pixels: Uint8Array): number {
  let sum = 0;
  for (const value of pixels) sum += value;
  return sum / pixels.length / 255 > 0.95 ? 0.05 : 0.95;
}

/** Deterministic stand-ins for the models: the answer depends only on the input, like the real ones. */
export class FakePosterPredictor implements PosterPredictor {
  readonly inputSize = 32;
  calls = 0;
  inputsSeen = 0;
  /** A stand-in poster gate: P(movie poster) from the pixels; without it results carry no `poster`, like a models folder without a gate. */
  gate: ((pixels: Uint8Array) => number) | undefined;
  /** What every answer says it looks like; without it answers carry no `similar`, like a models folder without the index. */
  similar: readonly SimilarPoster[] | undefined;
  /** The training poster every answer says it shows; without it answers carry no `recognised`. */
  recognised: SimilarPoster | undefined;
  /** How long each call takes, as the real models do when they are busy. */
  delayMs = 0;

  async predict(images: readonly Uint8Array[]): Promise<PosterResult[]> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.calls += 1;
    this.inputsSeen += images.length;
    return images.map((pixels) => {
      let sum = 0;
      for (const value of pixels) sum += value;
      const mean = sum / pixels.length / 255;
      const genres = Object.fromEntries(GENRES.map((genre, index) => [genre, ((index * 7 + Math.round(mean * 100)) % 25) / 25]));
      const poster = this.gate?.(pixels);
      const rating = Math.round((3 + mean * 6) * 10) / 10;
      return { ...(poster === undefined ? {} : { poster }), genres, top3: topGenres(genres), rating, ratingTypicalError: 0.76, ...(this.similar === undefined ? {} : { similar: this.similar }),
        ...(this.recognised === undefined ? {} : { recognised: this.recognised }) };
    });
  }

  /** A stand-in heat map: the top genre, hottest in the top-left corner. */
  async explain(image: Uint8Array): Promise<PosterExplanation> {
    const [result] = await this.predict([image]);
    return { genre: result!.top3[0]![0], grid: Array.from({ length: 7 }, (_, y) => Array.from({ length: 7 }, (_, x) => 1 / (1 + x + y))) };
  }
}

const POSITIVE_WORD = /\b(great|wonderful|superb|loved)\b/i;
/** Stands in for the real model's language check (src/ml/serving/review/language.ts, tested on its own). */
const NOT_ENGLISH = /\b(película|schrecklicher)\b/i;

export class FakeReviewPredictor implements ReviewPredictor {
  calls = 0;

  async predict(texts: readonly string[]): Promise<number[]> {
    this.calls += 1;
    return texts.map((text) => (POSITIVE_WORD.test(text) ? 8.5 : 3.5));
  }

  canRead(text: string): boolean {
    return !NOT_ENGLISH.test(text);
  }

  /** Its words are those of the text as the real tokenizer reads it, chat's slang spelt out ("a blast": "great fun"). */
  async explain(text: string): Promise<ReviewExplanation> {
    this.calls += 1;
    const word = POSITIVE_WORD.exec(slangAsWords(text))?.[1]?.toLowerCase();
    return word === undefined ? { rating: 3.5, words: [] } : { rating: 8.5, words: [{ word, weight: 5 }] };
  }
}
