/**
 * Whether the review model can read a text at all. It learnt English: a review in another language is read as
 * a few stray tokens, and its rating is noise (German praise and a German pan both got 4.9), so the bot says so
 * instead. Two signals must agree, as either alone refuses real English: the model does not know many of the
 * words and English function words are rare (slang and names fail the first alone), and the letter trigrams of
 * `franc-min` name another language (short English lines fail that alone).
 */
import { francAll } from 'franc-min';
import { tokenize } from './tokenizer.js';

/** Shorter texts carry too little of either signal; they are rated as they are. */
const MIN_WORDS = 4;
const MIN_UNKNOWN_SHARE = 0.3;
const MAX_FUNCTION_WORD_SHARE = 0.2;
/** franc's score for English (1 = its best guess) below which another language is believed. */
const MAX_ENGLISH_SCORE = 0.8;
const FUNCTION_WORDS = new Set(
  ('the a an and or but is are was were be been it its this that these those i me my you your he she his her we they them of to in ' +
    'on at for with from by as not no so if than too very just what who how all').split(' '),
);

/** True when `text` looks written in a language other than English; `vocabulary` holds the words the model read in training. */
export function looksNotEnglish(text: string, vocabulary: { knows(word: string): boolean }): boolean {
  const words = tokenize(text).filter((token) => /^\p{L}[\p{L}']*$/u.test(token));
  if (words.length < MIN_WORDS) return false;
  const share = (test: (word: string) => boolean) => words.filter(test).length / words.length;
  if (share((word) => !vocabulary.knows(word)) < MIN_UNKNOWN_SHARE || share((word) => FUNCTION_WORDS.has(word)) > MAX_FUNCTION_WORD_SHARE) return false;
  const guesses = francAll(text, { minLength: 10 });
  const english = guesses.find(([language]) => language === 'eng')?.[1] ?? 0;
  const best = guesses[0]?.[0];
  return best !== undefined && best !== 'eng' && best !== 'und' && english < MAX_ENGLISH_SCORE;
}
