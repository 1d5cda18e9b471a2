/**
 * What a review's symbols mean, shared by the bot (is there anything to rate?) and the review tokenizer (what the
 * model reads), so both agree on what counts as a word.
 */
import { titlesAsFilm } from './film-titles.js';
import type { ReviewResult } from './predictions.js';
import { wordsWorthShowing } from './reply.js';
import { ONE_LINER_REACTIONS } from './one-liner-reactions.js';
import { ONE_LINER_SLANG } from './one-liner-slang.js';
import { SLANG_WORDS } from './slang-words.js';

/** Emoji and emoticons carry tone but are absent from GloVe and rare in the training text: read as the word they mean. */
const EMOJI_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[😀😃😄😁😊🙂☺😆😎]|:-?\)|:-?d\b/gu, ' happy '],
  [/[😂🤣]/gu, ' funny '],
  [/[😍🥰❤♥💕💖😘🫶]/gu, ' love '],
  [/[👍👌🔥⭐🌟💯👏]/gu, ' great '],
  [/🤌/gu, ' perfect '],
  [/🤯/gu, ' amazing '],
  [/[😮😲]/gu, ' wow '],
  [/🥹/gu, ' moving '],
  [/🐐/gu, ' greatest '],
  [/[👎]/gu, ' bad '],
  [/[🤡🤦]/gu, ' stupid '],
  [/[😐🤷]/gu, ' mediocre '],
  [/😬/gu, ' awkward '],
  [/🗑\uFE0F?/gu, ' trash '],
  [/[😢😭☹🙁😞😔]|:-?\(/gu, ' sad '],
  [/[😡😠🤬]/gu, ' angry '],
  [/[🤮🤢💩]/gu, ' awful '],
  [/[😴🥱💤]/gu, ' boring '],
];

/** Lower-case `text` with each emoji and emoticon spelt as its word (":D" and "😄" both read "happy"). */
export function emojiAsWords(text: string): string {
  return spellOut(text, EMOJI_WORDS);
}

function spellOut(text: string, table: ReadonlyArray<readonly [RegExp, string]>): string {
  return table.reduce((plain, [pattern, words]) => plain.replace(pattern, words), text.toLowerCase());
}

export const wordCount = (text: string): number => text.trim().split(/\s+/).length;

/** A review this short is a verdict, where some readings are safe that a long review's hedges and asides are not. */
const ONE_LINER_MAX_WORDS = 12;

export const isOneLiner = (review: string): boolean => wordCount(review) <= ONE_LINER_MAX_WORDS;
/**
 * A chat message this short is a few verdicts in a row ("just got back. run dont walk. the score is incredible"): each
 * of its sentences that is a one-liner is read as one. Longer texts are reviews, read whole.
 */
const CHAT_MESSAGE_MAX_WORDS = 40;
/** A message of chat's length, which the readings take sentence by sentence; a longer text is a review. */
export const isChatMessage = (text: string): boolean => wordCount(text) <= CHAT_MESSAGE_MAX_WORDS;

const ONE_LINER_READINGS = [...ONE_LINER_SLANG, ...ONE_LINER_REACTIONS, ...SLANG_WORDS];

/** A run of three or more of one letter, as chat stretches a word ("bangerrr", "amazinggg"). */
export const STRETCH = /(\p{L})\1{2,}/gu;
/** Slang that chat stretches, read once each stretch is cut to one letter ("slapssss", "fireee", "midddd"). */
const STRETCHABLE_SLANG = new Set(['banger', 'bangers', 'slaps', 'slapped', 'fire', 'peak', 'goat', 'goated', 'mid', 'snoozefest', 'ate', 'cinema', 'kino', 'lit', 'bussin']);

/**
 * A negation typed without its apostrophe is an unknown word to the model, so "It wasnt good" read as praise (8.1).
 * "cant" and "wont" are nouns too ("the usual cant", "as is his wont"): only at the start or after a pronoun, before
 * a word.
 */
const BARE_NEGATION = /\b(do|does|did|is|was|were|are|could|would|should|have|has|had|ai)nt\b|(?<=^\s*|\b(?:i|you|u|we|they|he|she|it|this|that) )(ca|wo)nt(?= \p{L})/giu;

/** A one-liner as chat types it, spelt as the training text: slang unstretched, negations with their apostrophe. */
function asTrainingText(text: string): string {
  const unstretched = text.replace(/\p{L}+/gu, (word) => {
    const cut = word.replace(STRETCH, '$1');
    return cut !== word && STRETCHABLE_SLANG.has(cut.toLowerCase()) ? cut : word;
  });
  return unstretched.replace(BARE_NEGATION, (_negation, verb?: string, modal?: string) => `${verb ?? modal}n't`);
}

/** Sentences end at a stop, "!" or "?" before a space (not "4.5/10"), or at a line break; kept, as the split's odd parts. */
const SENTENCE_BREAK = /((?<=[.!?…])\s+|\s*\n\s*)/u;

const asOneLiner = (text: string): string => spellOut(titlesAsFilm(asTrainingText(text)), ONE_LINER_READINGS);

/** Lower-case `text` with chat slang spelt as the plain words it means ("this slaps" reads "this is excellent"). */
export function slangAsWords(text: string): string {
  const words = wordCount(text);
  if (words <= ONE_LINER_MAX_WORDS) return asOneLiner(text);
  if (words > CHAT_MESSAGE_MAX_WORDS) return spellOut(text, SLANG_WORDS);
  return text
    .split(SENTENCE_BREAK)
    .map((part, i) => (i % 2 === 1 ? part : isOneLiner(part) ? asOneLiner(part) : spellOut(part, SLANG_WORDS)))
    .join('');
}

/** Words as a card compares them: letters and digits, apostrophes dropped ("wasnt" and "wasn't" are one word). */
const wordsOf = (text: string): string => (text.toLowerCase().replace(/['’]/g, '').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');

/**
 * The plain words a chat message was rated as, when chat's readings changed its words ("the trailer was the best part"
 * reads "the film itself was bad"): the words the card's weights belong to, which the person never typed. None for a
 * longer review (a card cannot show it whole), nor when only case, spacing or an apostrophe changed.
 */
export function chatReading(text: string): string | undefined {
  if (!isChatMessage(text)) return undefined;
  const reading = emojiAsWords(slangAsWords(text)).replace(/\s+/g, ' ').trim();
  return reading === '' || wordsOf(reading) === wordsOf(text) ? undefined : reading;
}

/** Words a reading adds only to hold a sentence together ("this movie was good" reads "it was good"). */
const GLUE_WORDS = new Set(['it', 'is', 'was', 'the', 'a', 'an', 'this', 'that', 'and', 'to', 'of', 'i', 'not']);

/**
 * An explained rating of `text` with the words it was read as, when the card shows a word the person never typed
 * ("bad" for "the trailer was the best part"); a reading that only rephrased ("it was good") would be noise.
 */
export function withChatReading(result: ReviewResult, text: string): ReviewResult {
  const readAs = chatReading(text);
  if (readAs === undefined) return result;
  const typed = new Set(wordsOf(text).split(' '));
  const untyped = wordsWorthShowing(result.words).some(({ word }) => word.split(' ').some((part) => !typed.has(part) && !GLUE_WORDS.has(part)));
  return untyped ? { ...result, readAs } : result;
}

/**
 * Whether a review has anything to rate: a letter, a digit, or an emoji that means a word, alone or as read ("👍👍" and
 * "💀💀" do; "🍿 !!!" does not).
 */
export function hasReadableWords(text: string): boolean {
  const hasWord = (form: string): boolean => /[\p{L}\p{N}]/u.test(emojiAsWords(form));
  return hasWord(text) || hasWord(slangAsWords(text));
}
