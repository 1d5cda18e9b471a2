/**
 * What a review's symbols mean, shared by the bot (is there anything to rate?) and the review tokenizer (what the
 * model reads), so both agree on what counts as a word.
 */

/** Emoji and emoticons carry tone but are absent from GloVe and rare in the training text: read as the word they mean. */
const EMOJI_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[😀😃😄😁😊🙂☺😆😎]|:-?\)|:-?d\b/gu, ' happy '],
  [/[😂🤣]/gu, ' funny '],
  [/[😍🥰❤♥💕💖😘]/gu, ' love '],
  [/[👍👌🔥⭐🌟]/gu, ' great '],
  [/[👎]/gu, ' bad '],
  [/[😢😭☹🙁😞😔]|:-?\(/gu, ' sad '],
  [/[😡😠🤬]/gu, ' angry '],
  [/[🤮🤢💩]/gu, ' awful '],
  [/[😴🥱]/gu, ' boring '],
];

/** Lower-case `text` with each emoji and emoticon spelt as its word (":D" and "😄" both read "happy"). */
export function emojiAsWords(text: string): string {
  let plain = text.toLowerCase();
  for (const [pattern, word] of EMOJI_WORDS) plain = plain.replace(pattern, word);
  return plain;
}

/** Whether a review has anything to rate: a letter, a digit, or an emoji that means a word ("👍👍" does; "🍿 !!!" does not). */
export function hasReadableWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(emojiAsWords(text));
}
