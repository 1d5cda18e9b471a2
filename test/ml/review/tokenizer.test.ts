import { describe, expect, it } from 'vitest';
import { OOV_INDEX, PAD_INDEX, ReviewTokenizer, tokenize } from '../../../src/ml/serving/review/tokenizer.js';

const TEXTS = ['the film was great great great', 'the film was bad', 'great acting, the end!'];
const options = { vocabSize: 6, maxLen: 6, padding: 'pre', truncating: 'pre' } as const;

describe('tokenize', () => {
  it('lowercases, drops HTML tags and most punctuation, keeps ! ? and inner apostrophes', () => {
    expect(tokenize('Great<br /><br />film!! Didn’t   like the END?')).toEqual(['great', 'film', '!', '!', "didn't", 'like', 'the', 'end', '?']);
    expect(tokenize('<i>Bad</i> &amp; sad, 3/10.')).toEqual(['bad', 'sad', '3', '10']);
  });

  it('returns no token for empty, emoji-only or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('😀🎬 ... ,;')).toEqual([]);
  });

  it('keeps letters of any script', () => {
    expect(tokenize('فيلم رائع Très bon')).toEqual(['فيلم', 'رائع', 'très', 'bon']);
  });
});

describe('ReviewTokenizer', () => {
  const tokenizer = ReviewTokenizer.fit(TEXTS, options);

  it('keeps the most frequent words up to the cap, after the padding and OOV slots', () => {
    expect(tokenizer.config.words).toEqual(['great', 'the', 'film', 'was']);
    expect(tokenizer.indexCount).toBe(6);
  });

  it('maps unknown words to the OOV index, never NaN', () => {
    const ids = tokenizer.encode('the zebra was unseen');
    expect(Array.from(ids)).toEqual([PAD_INDEX, PAD_INDEX, 3, OOV_INDEX, 5, OOV_INDEX]);
    expect(ids.every((id) => Number.isInteger(id) && id >= 0 && id < tokenizer.indexCount)).toBe(true);
  });

  it('pads before or after and cuts the start or the end of long reviews, as configured', () => {
    const post = ReviewTokenizer.fromConfig({ ...tokenizer.config, padding: 'post', truncating: 'post' });
    expect(Array.from(post.encode('great film'))).toEqual([2, 4, 0, 0, 0, 0]);
    const long = 'the film was great the film was bad';
    expect(Array.from(tokenizer.encode(long))).toEqual([5, 2, 3, 4, 5, OOV_INDEX]);
    expect(Array.from(post.encode(long))).toEqual([3, 4, 5, 2, 3, 4]);
  });

  it('survives a JSON round trip unchanged', () => {
    const copy = ReviewTokenizer.fromConfig(JSON.parse(JSON.stringify(tokenizer.config)));
    expect(copy.encodeBatch(TEXTS)).toEqual(tokenizer.encodeBatch(TEXTS));
  });

  it('rejects nonsense options with a clear message', () => {
    expect(() => ReviewTokenizer.fit(TEXTS, { ...options, maxLen: 0 })).toThrow(/maxLen/);
    expect(() => ReviewTokenizer.fit(TEXTS, { ...options, vocabSize: 2 })).toThrow(/vocabSize/);
  });
});
