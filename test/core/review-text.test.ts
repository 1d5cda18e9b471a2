import { describe, expect, it } from 'vitest';
import { emojiAsWords, hasReadableWords } from '../../src/core/review-text.js';

describe('review text', () => {
  it('spells emoji and emoticons as the words they mean, lower-cased', () => {
    expect(emojiAsWords('LOVED it 😍 :D').split(/\s+/).filter(Boolean)).toEqual(['loved', 'it', 'love', 'happy']);
    expect(emojiAsWords('👎👎').split(/\s+/).filter(Boolean)).toEqual(['bad', 'bad']);
  });

  it.each([
    ['words', 'ok', true],
    ['digits', '7', true],
    ['emoji that mean a word', '🔥🔥🔥', true],
    ['an emoticon', ':(', true],
    ['emoji without a meaning to the rater', '🍿🎬 !!! ???', false],
    ['punctuation', '...', false],
  ])('%s: readable %s', (_, text, readable) => {
    expect(hasReadableWords(text)).toBe(readable);
  });
});
