import type { PictureSize } from './image.js';
import { failsPosterGate, GATE_MIN_SIDE, type PosterExplanation, type PosterResult, type ReviewResult, type SimilarPoster, type WordWeight } from './predictions.js';

/** "Show why": the top genre's heat map and a PNG of it over the poster. */
export interface PosterReplyExplanation {
  readonly heatmap: PosterExplanation;
  readonly overlayPng: Uint8Array;
}

/** What a command or a message handler answers; each adapter renders it its own way (embed, blocks, HTML). */
export type Reply =
  | {
      readonly kind: 'poster';
      readonly result: PosterResult;
      readonly imageUrl?: string;
      readonly fileName?: string;
      /** Set when feedback can be given on this answer: the buttons carry it. */
      readonly answerId?: string;
      /** Only when asked for (the API's `?explain=1`). */
      readonly explanation?: PosterReplyExplanation;
      /** Set when the heat map can be asked for later: the "Why?" button carries it. */
      readonly whyId?: string;
      /** The poster's own JPEG when it was cut out of a picture of several, for the card to show. */
      readonly tile?: Uint8Array;
    }
  /**
   * A picture of several posters side by side (a "four favourites" screenshot): one answer each, in reading order,
   * for the `read` first of the `found` (a wall of posters is read in part), those the gate turned away left out.
   */
  | { readonly kind: 'posters'; readonly posters: readonly PosterReply[]; readonly found: number; readonly read: number; readonly fileName?: string }
  /** What "Why?" answers: the heat map over the poster and the genre it explains. */
  | { readonly kind: 'heatmap'; readonly explanation: PosterReplyExplanation }
  | { readonly kind: 'review'; readonly result: ReviewResult; readonly text: string }
  /** After a 👎: asks privately which genres the poster really has, with a menu of the 25. */
  | { readonly kind: 'correction'; readonly answerId: string; readonly text: string }
  | {
      readonly kind: 'notice';
      readonly tone: NoticeTone;
      readonly text: string;
      readonly retryAfterSeconds?: number;
      /** Shown only to the person who asked, whatever the tone (settings, feedback, forget-me). */
      readonly private?: boolean;
      /** Set when the notice refuses an image the gate judged not a movie poster. */
      readonly notAPoster?: NotAPosterRefusal;
    };

export type PosterReply = Extract<Reply, { kind: 'poster' }>;
export type PostersReply = Extract<Reply, { kind: 'posters' }>;

/** `Poster 2 of 4`: how every card names a poster cut out of a picture of several. */
export const tileLabel = (index: number, count: number): string => `Poster ${index + 1} of ${count}`;

/** Above the answers to a picture of several posters, on every platform. */
export function tilesHeading({ posters, found, read, fileName }: PostersReply): string {
  const left = read - posters.length;
  const leftOut = left === 0 ? '' : ` (${left} of them didn't look like ${left === 1 ? 'a movie poster' : 'movie posters'} to me)`;
  const which = read < found ? `; here are the first ${read}, ` : ', ';
  return `${fileName ? `${fileName}: ` : ''}${found} posters${which}left to right and top to bottom${leftOut}.`;
}

/** The gate's score of a refused image, and the id its "Read it anyway" button carries when the image was kept. */
export interface NotAPosterRefusal {
  readonly poster: number;
  readonly keptId?: string;
  /** The picture's size when it was too small for the gate to judge: the refusal says so instead. */
  readonly tooSmall?: PictureSize;
}

/** How sure the gate is that an image is not a poster, as said: a model is never certain, so 99.7% is "99%". */
const sureItIsNot = (posterProbability: number): number => Math.min(99, Math.max(51, Math.round((1 - posterProbability) * 100)));

/** The button under a "not a movie poster" refusal that reads the image all the same. */
export const READ_ANYWAY = 'Read it anyway';

/** The refusal of an image the gate judged not a movie poster, with "Read it anyway" when the image is kept. */
export function notAPosterNotice(refusal: NotAPosterRefusal): Reply {
  const small = refusal.tooSmall;
  const text = small === undefined
    ? `That doesn't look like a movie poster (${sureItIsNot(refusal.poster)}% sure it isn't one), so I won't guess its genres. Send a poster, or a photo or screenshot of one.`
    : `That image is only ${small.width} × ${small.height} pixels, too small for me to tell whether it's a movie poster. Send a bigger copy (at least ${GATE_MIN_SIDE} pixels across).`;
  return { kind: 'notice', tone: 'error', text: refusal.keptId === undefined ? text : `${text} Or, if it is one, press ${READ_ANYWAY}.`, notAPoster: refusal };
}

/** Under the genres of an image read although the gate judged it not a poster (the API's `?force=1`, "Read it anyway"). */
export const forcedReadCaption = (posterProbability: number): string =>
  `This doesn't look like a movie poster to me (${sureItIsNot(posterProbability)}% sure), so these genres and this rating are a guess.`;

/** Whether a poster answer was given although the gate judged the image not a poster. */
export const readDespiteGate = failsPosterGate;

/** `error`: the input was bad; `busy`: try again later; `info`: help and the like. */
export type NoticeTone = 'info' | 'error' | 'busy';

export const notice = (tone: NoticeTone, text: string, retryAfterSeconds?: number): Reply => ({
  kind: 'notice',
  tone,
  text,
  ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
});

/** The one apology for a failure that is ours, not the user's: the details go to the log, never to the chat. */
export const SOMETHING_WENT_WRONG = 'Something went wrong on my side. Please try again in a moment.';

/** What the user sees for a thrown error: its message when it was meant for them, else the apology. */
export function replyForError(error: unknown): Reply {
  return error instanceof UserFacingError ? notice(error.tone, error.message, error.retryAfterSeconds) : notice('error', SOMETHING_WENT_WRONG);
}

/** An answer meant for the asker alone (ephemeral on Discord and Slack). */
export const privateNotice = (text: string, tone: NoticeTone = 'info'): Reply => ({ kind: 'notice', tone, text, private: true });

/** An error whose message is safe and useful to show the user as it is. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly tone: NoticeTone = 'error',
    /** For `busy`: when asking again makes sense. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/**
 * The words a card shows: those that moved the rating by at least 0.05, what one decimal can show. A chip reading
 * "then −0.0" beside "wonderful +2.9" is noise; the API still returns every word with its exact weight.
 */
export const wordsWorthShowing = (words: readonly WordWeight[] = []): WordWeight[] => words.filter(({ weight }) => Math.abs(weight) >= 0.05);

/** `7.3 / 10`: a rating as every platform's card writes it. */
export const formatRating = (rating: number): string => `${rating.toFixed(1)} / 10`;

/** `6.4 / 10 (give or take 0.8)`: a poster's predicted rating with how rough such a guess is, on every card. */
export function posterRatingCaption({ rating, ratingTypicalError }: PosterResult): string {
  return ratingTypicalError === undefined ? formatRating(rating) : `${formatRating(rating)} (give or take ${ratingTypicalError.toFixed(1)})`;
}

/** `wonderful +2.1 · boring −1.3`: the words behind a review rating, for every platform's card. */
export function formatWordWeights(words: readonly WordWeight[]): string {
  return words.map(({ word, weight }) => `${word} ${weight >= 0 ? '+' : '−'}${Math.abs(weight).toFixed(1)}`).join(' · ');
}

/** Below this many rating points, all of a review's words together show no leaning a reader would call one. */
const CLEAR_OPINION_POINTS = 0.6;

/**
 * Whether the model read no opinion in a review: its words, together, moved the rating by less than 0.6 points (a
 * film's title, a greeting, "meh"). Its rating is then the model's middle, and every card says so: a title typed
 * into `/rate-review` ("Inception": 5.3) would otherwise read as the bot's rating of that film.
 */
export const hasNoClearOpinion = ({ stated, words }: ReviewResult): boolean =>
  stated === undefined && words !== undefined && words.reduce((sum, { weight }) => sum + Math.abs(weight), 0) < CLEAR_OPINION_POINTS;

export const NO_CLEAR_OPINION_CAPTION = "Nothing in it leans either way, so the rating sits near the middle. I rate what a review says; I don't look films up by name.";

/** `“the film itself was bad”`: the plain words a chat message was rated as, above the words that moved it on every card. */
export const readAsQuote = (readAs: string): string => `“${readAs}”`;

/** What "Rate review" says on a message with no text (an image alone, or only mentions). */
export const NO_TEXT_TO_RATE = 'That message has no text I can rate as a review.';

/** Says where the rating of a review that states its own score comes from, on every platform's card. */
export const statedCaption = (stated: string): string => `The score the review gives itself (${stated}).`;

/** `Aliens (1986)`: a look-alike as every platform's card names it. */
export const similarLabel = ({ title, year }: SimilarPoster): string => (year === undefined ? title : `${title} (${year})`);

/** How every platform's card introduces a poster it recognised (see `PosterResult.recognised`). */
export const RECOGNISED_HEADING = "That's the poster of";

/**
 * `, rated 8.4 and listed as Action, Sci-Fi on IMDb`: what the recognised film really is, after its link on every
 * card (each part only when known). The model's genres and rating stay above it, as what the poster alone suggests.
 */
export function recognisedFacts({ rating, genres }: SimilarPoster): string {
  const facts = [
    ...(rating === undefined ? [] : [`rated ${rating.toFixed(1)}`]),
    ...(genres === undefined || genres.length === 0 ? [] : [`listed as ${genres.join(', ')}`]),
  ];
  return facts.length === 0 ? '' : `, ${facts.join(' and ')} on IMDb`;
}

/** "That's the poster of Aliens (1986), rated 8.4 and listed as Action, Sci-Fi on IMDb": the plain-text form of the line. */
export const recognisedSentence = (poster: SimilarPoster): string => `${RECOGNISED_HEADING} ${similarLabel(poster)}${recognisedFacts(poster)}`;

export const imdbUrl = (id: string): string => `https://www.imdb.com/title/${encodeURIComponent(id)}/`;

/** `why-sci-fi.png`: the file name the "Why?" heat map is sent under on every platform. */
export const heatmapFileName = (genre: string): string => `why-${genre.toLowerCase().replace(/[^a-z]+/g, '-')}.png`;

/** The line under the "Why?" heat map. */
export const heatmapCaption = (genre: string): string => `Why ${genre}? The warmer an area, the more it made me think ${genre}.`;
