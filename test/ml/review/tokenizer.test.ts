import { describe, expect, it } from 'vitest';
import { padBatch } from '../../../src/ml/training/review/length-batches.js';
import { displayWord, OOV_INDEX, PAD_INDEX, ReviewTokenizer, tokenize, unstretched } from '../../../src/ml/serving/review/tokenizer.js';

const TEXTS = ['the film was great great great', 'the film was bad', 'great acting, the end!'];
const options = { vocabSize: 6, maxLen: 6, truncating: 'pre' } as const;

describe('tokenize', () => {
  it('lowercases, drops HTML tags and most punctuation, keeps ! and ?', () => {
    expect(tokenize('Great<br /><br />film!! Loved   the END?')).toEqual(['great', 'film', '!', '!', 'loved', 'the', 'end', '?']);
    expect(tokenize('<i>Bad</i> &amp; sad, 3/10.')).toEqual(['bad', 'sad', '3', '10']);
  });

  it('reads typed and treebank text alike: contractions spelled out, brackets and quotes as the same marks', () => {
    expect(tokenize("do n't -lrb- great -rrb-")).toEqual(tokenize("don't (great)"));
    expect(tokenize("it 's a film i ca n't like and wo n't watch , `` sadly '' .")).toEqual(tokenize('It’s a film I can’t like and won’t watch, "sadly".'));
    expect(tokenize("Didn't, can't, won't, cannot")).toEqual(['did', 'not', 'can', 'not', 'will', 'not', 'can', 'not']);
    expect(tokenize("we 're sure you 'll love it , i 'd say")).toEqual(['we', 'are', 'sure', 'you', 'will', 'love', 'it', 'i', 'would', 'say']);
    expect(tokenize("o'brien's film")).toEqual(["o'brien", 'film']);
  });

  it('reads emoji and emoticons as the words they mean, and drops the rest', () => {
    expect(tokenize('😍 👍 :) 😡 💩 🍿')).toEqual(['love', 'great', 'happy', 'angry', 'awful']);
    expect(tokenize('🎬🍿 ... ,;')).toEqual([]);
  });

  it('reads chat slang as typed, before contractions are spelt out, and "not bad at all" as the praise it is', () => {
    expect(tokenize("It's fire. This one SLAPS")).toEqual(['it', 'excellent', 'this', 'one', 'is', 'excellent']);
    expect(tokenize("Not bad at all, I'd watch it again.", true)).toEqual(['really', 'good', 'it', 'is', 'worth', 'watching', 'again']);
  });

  it('returns no token for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' ... ,; -lrb- -rrb-')).toEqual([]);
  });

  it('keeps letters of any script', () => {
    expect(tokenize('فيلم رائع Très bon')).toEqual(['فيلم', 'رائع', 'très', 'bon']);
  });

  it('marks what a negation governs, to the end of the clause and at most four words, only when asked', () => {
    expect(tokenize("Not funny at all, I'd skip it.", true)).toEqual(['not', 'not_funny', 'not_at', 'not_all', 'i', 'would', 'skip', 'it']);
    expect(tokenize("it 's not a masterpiece , but it is fun -lrb- really -rrb- .", true)).toEqual(['it', 'not', 'not_a', 'not_masterpiece', 'but', 'it', 'is', 'fun', 'really']);
    expect(tokenize('No plot, never again! It was not one bit funny or clever at all', true)).toEqual(
      ['no', 'not_plot', 'never', 'not_again', '!', 'it', 'was', 'not', 'not_one', 'not_bit', 'not_funny', 'not_or', 'clever', 'at', 'all'],
    );
    expect(tokenize("I didn't like it.")).toEqual(['i', 'did', 'not', 'like', 'it']);
    // "not like any other film" praises as often as "did not like it" blames: "like" stays plain, the scope goes on.
    expect(tokenize("I didn't like it.", true)).toEqual(['i', 'did', 'not', 'like', 'not_it']);
    expect(displayWord('not_funny')).toBe('not funny');
    expect(displayWord('funny')).toBe('funny');
  });
});

describe('ReviewTokenizer', () => {
  const tokenizer = ReviewTokenizer.fit(TEXTS, options);

  it('keeps the most frequent words up to the cap, after the padding and OOV slots', () => {
    expect(tokenizer.config.words).toEqual(['great', 'the', 'film', 'was']);
    expect(tokenizer.indexCount).toBe(6);
  });

  it('maps unknown words to the OOV index, never NaN, and pads nothing', () => {
    const ids = tokenizer.encode('the zebra was unseen');
    expect(Array.from(ids)).toEqual([3, OOV_INDEX, 5, OOV_INDEX]);
    expect(tokenizer.encode('')).toHaveLength(0);
  });

  it('reads a stretched unknown word as the known word it stretches, and leaves known words alone', () => {
    const fitted = ReviewTokenizer.fit(['good great so love boring. not boring. sooo'], { vocabSize: 20, maxLen: 10, truncating: 'pre', negationScope: true });
    const ids = (text: string) => Array.from(fitted.encode(text));
    expect(ids('gooood greatttt loveee')).toEqual(ids('good great love'));
    expect(ids('not boringgg')).toEqual(ids('not boring'));
    // "sooo" is a word of its own in the vocabulary; "zzzzz" stretches nothing known.
    expect(ids('sooo')).not.toEqual(ids('so'));
    expect(ids('zzzzz')).toEqual([OOV_INDEX]);
    expect(fitted.knows('loveee')).toBe(true);
  });

  it('cuts each run to two letters before one, and tries the mixes last', () => {
    const knows = (words: string[]) => (word: string) => words.includes(word);
    expect(unstretched('gooood', knows(['good', 'god']))).toBe('good');
    expect(unstretched('sooo', knows(['so']))).toBe('so');
    expect(unstretched('cooolll', knows(['cool']))).toBe('cool');
    expect(unstretched('great', knows(['great']))).toBeUndefined();
    expect(unstretched('aaabbbcccddd', knows(['abcd']))).toBeUndefined();
  });

  it('gives the same ids for a treebank sentence and its typed form', () => {
    const fitted = ReviewTokenizer.fit(["do n't -lrb- great -rrb-"], { vocabSize: 10, maxLen: 10, truncating: 'pre' });
    expect(Array.from(fitted.encode("don't (great)"))).toEqual(Array.from(fitted.encode("do n't -lrb- great -rrb-")));
    expect(fitted.encode("don't (great)").includes(OOV_INDEX)).toBe(false);
  });

  it('cuts the start or the end of long reviews, as configured', () => {
    const post = ReviewTokenizer.fromConfig({ ...tokenizer.config, truncating: 'post' });
    const long = 'the film was great the film was bad';
    expect(Array.from(tokenizer.encode(long))).toEqual([5, 2, 3, 4, 5, OOV_INDEX]);
    expect(Array.from(post.encode(long))).toEqual([3, 4, 5, 2, 3, 4]);
  });

  it('pads a batch after each shorter sequence, to the longest', () => {
    const { ids, length } = padBatch([Int32Array.from([2, 3, 4]), Int32Array.from([5])]);
    expect(length).toBe(3);
    expect(Array.from(ids)).toEqual([2, 3, 4, 5, PAD_INDEX, PAD_INDEX]);
  });

  it('survives a JSON round trip unchanged, and reads an older tokenizer.json with a padding field', () => {
    const copy = ReviewTokenizer.fromConfig(JSON.parse(JSON.stringify({ ...tokenizer.config, padding: 'pre' })));
    expect(copy.config).toEqual(tokenizer.config);
    expect(TEXTS.map((text) => Array.from(copy.encode(text)))).toEqual(TEXTS.map((text) => Array.from(tokenizer.encode(text))));
  });

  it('keeps its negation scope through tokenizer.json, and older configs without one read plain words', () => {
    const negating = ReviewTokenizer.fit(['not funny', 'not funny at all', 'funny'], { ...options, negationScope: true });
    expect(negating.config.words).toContain('not_funny');
    const copy = ReviewTokenizer.fromConfig(JSON.parse(JSON.stringify(negating.config)));
    expect(copy.tokens('Not funny.')).toEqual(['not', 'not_funny']);
    expect(Array.from(copy.encode('Not funny.'))).toEqual(Array.from(negating.encode('not funny')));
    expect(tokenizer.config).not.toHaveProperty('negationScope');
    expect(tokenizer.tokens('Not funny.')).toEqual(['not', 'funny']);
  });

  it('rejects nonsense options with a clear message', () => {
    expect(() => ReviewTokenizer.fit(TEXTS, { ...options, maxLen: 0 })).toThrow(/maxLen/);
    expect(() => ReviewTokenizer.fit(TEXTS, { ...options, vocabSize: 2 })).toThrow(/vocabSize/);
  });
});
