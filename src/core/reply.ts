import type { PosterResult, ReviewResult, WordWeight } from './predictions.js';

/** What a command or a message handler answers; each adapter renders it its own way (embed, blocks, HTML). */
export type Reply =
  | { readonly kind: 'poster'; readonly result: PosterResult; readonly imageUrl?: string; readonly fileName?: string }
  | { readonly kind: 'review'; readonly result: ReviewResult; readonly text: string }
  | { readonly kind: 'notice'; readonly tone: NoticeTone; readonly text: string; readonly retryAfterSeconds?: number };

/** `error`: the input was bad; `busy`: try again later; `info`: help and the like. */
export type NoticeTone = 'info' | 'error' | 'busy';

export const notice = (tone: NoticeTone, text: string, retryAfterSeconds?: number): Reply => ({
  kind: 'notice',
  tone,
  text,
  ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
});

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

/** `wonderful +2.1 · boring −1.3`: the words behind a review rating, for every platform's card. */
export function formatWordWeights(words: readonly WordWeight[]): string {
  return words.map(({ word, weight }) => `${word} ${weight >= 0 ? '+' : '−'}${Math.abs(weight).toFixed(1)}`).join(' · ');
}
