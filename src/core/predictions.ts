/**
 * What the models answer, in the shape the `predict` and `rate-review` CLIs print and the local API returns.
 */
export interface PosterResult {
  /**
   * Probability that the image is a movie poster at all (the poster gate); absent when no gate model is installed.
   * Below {@link POSTER_GATE_THRESHOLD} the bot answers "not a movie poster" instead of genres.
   */
  readonly poster?: number;
  /** Probability of each of the 25 genres, keyed by the label file's column name. */
  readonly genres: Readonly<Record<string, number>>;
  /** The three most likely genres, most likely first. */
  readonly top3: ReadonlyArray<readonly [string, number]>;
  /** Predicted IMDb score, 1-10. */
  readonly rating: number;
  /**
   * How far the rating model's answers land from the true score on average: its mean absolute error on its
   * validation split (`models/rating/metadata.json`). The poster says little about a film's score, so every card
   * shows how rough the guess is. Absent when the metadata has no such figure.
   */
  readonly ratingTypicalError?: number;
  /**
   * The training poster this image shows, when its embedding is all but identical to one in the index (someone
   * posted a poster the models learnt from); it is then left out of `similar`.
   */
  readonly recognised?: SimilarPoster;
  /** The three training posters that look most like this one; absent when no similar index is installed. */
  readonly similar?: readonly SimilarPoster[];
}

/** A training poster near this one in the backbone's embedding, named from MovieGenre.csv. */
export interface SimilarPoster {
  /** IMDb id, e.g. `tt0086425`. */
  readonly id: string;
  readonly title: string;
  readonly year?: number;
  /** The film's IMDb score in the training data, shown when the poster is recognised. */
  readonly rating?: number;
  /** The film's genres in the training labels, shown when the poster is recognised. */
  readonly genres?: readonly string[];
  /** Cosine similarity, -1..1. */
  readonly similarity: number;
}

/** Where in the image the top genre came from: a grid over the whole image, row 0 at the top, max 1. */
export interface PosterExplanation {
  readonly genre: string;
  readonly grid: number[][];
}

/** The gate's decision threshold, as recorded in `models/gate/metadata.json`. */
export const POSTER_GATE_THRESHOLD = 0.5;

/**
 * Below this on its short side the gate refuses most real posters (of 120 posters shrunk to 32-43 px across, it
 * passed 42-66%; 53 px 88%, 64 px 93%, 85 px 99%), so a refused picture this small is called too small, not no poster.
 */
export const GATE_MIN_SIDE = 80;
/** Whether the gate judged the image not a movie poster (never, without a gate model). */
export const failsPosterGate = (result: PosterResult): result is PosterResult & { poster: number } =>
  result.poster !== undefined && result.poster < POSTER_GATE_THRESHOLD;

export interface ReviewResult {
  /** Predicted rating, 1-10. */
  readonly rating: number;
  /** When asked for: the words that drove the rating (see {@link ReviewExplanation}). */
  readonly words?: readonly WordWeight[];
  /** The score the review gives itself, as written ("2/10"), when that is the rating (see stated-score.ts). */
  readonly stated?: string;
  /** With `words`: the plain words a chat message was rated as, when chat's readings changed them (see review-text.ts). */
  readonly readAs?: string;
}

/** How far one word moved the rating: positive pushed it up, in rating points (1-10 scale). */
export interface WordWeight {
  readonly word: string;
  readonly weight: number;
}

/** A rating with the few words (at most 8) that moved it most, largest |weight| first. */
export interface ReviewExplanation {
  readonly rating: number;
  readonly words: readonly WordWeight[];
}

/**
 * Poster models behind one call. Inputs are RGB bytes (height x width x 3) already resized to `inputSize`
 * by {@link ../core/image.ts decodePoster}, the same preprocessing training used.
 *
 * @example
 * const pixels = await decodePoster(bytes, predictor.inputSize);
 * const [result] = await predictor.predict([pixels]);
 */
export interface PosterPredictor {
  readonly inputSize: number;
  /**
   * False where a batch is no faster than its images one by one (the wasm and cpu backends): callers then send
   * each image as it comes instead of waiting to gather a batch. Unset: batches help.
   */
  readonly batchesHelp?: boolean;
  predict(images: readonly Uint8Array[]): Promise<PosterResult[]>;
  /** The heat map of one image's top genre, when the models can explain themselves (frozen-backbone heads). */
  explain?(image: Uint8Array): Promise<PosterExplanation>;
}

/**
 * @example
 * const [rating] = await rater.predict(['A slow start, then wonderful.']);
 * const { rating, words } = await rater.explain('A slow start, then wonderful.'); // words[0]: { word: 'wonderful', weight: 2.1 }
 */
export interface ReviewPredictor {
  predict(texts: readonly string[]): Promise<number[]>;
  explain(text: string): Promise<ReviewExplanation>;
  /** False for a text in a language the model never learnt: its rating would be noise. */
  canRead(text: string): boolean;
}

export function topGenres(genres: Readonly<Record<string, number>>, count = 3): Array<[string, number]> {
  return Object.entries(genres)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}
