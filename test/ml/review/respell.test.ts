import { describe, expect, it } from 'vitest';
import { respelled } from '../../../src/ml/serving/review/respell.js';
import { OOV_INDEX, ReviewTokenizer } from '../../../src/ml/serving/review/tokenizer.js';

/** Known words by frequency rank, most frequent first. */
const ranked = (words: string[]) => (word: string) => (words.includes(word) ? words.indexOf(word) : undefined);

describe('respelled', () => {
  it('reads a word one edit away as the known word: dropped, added, changed or swapped letters', () => {
    const rank = ranked(['awesome', 'horrible', 'definitely', 'masterpiece', 'amazing']);
    expect(respelled('awsome', rank)).toBe('awesome');
    expect(respelled('horible', rank)).toBe('horrible');
    expect(respelled('definately', rank)).toBe('definitely');
    expect(respelled('masterpeice', rank)).toBe('masterpiece');
    expect(respelled('amazingx', rank)).toBe('amazing');
  });

  it('takes the most frequent of several, and reaches two edits only through a doubled letter', () => {
    expect(respelled('boaring', ranked(['boring', 'roaring', 'soaring']))).toBe('boring');
    expect(respelled('dissapointing', ranked(['disappointing']))).toBe('disappointing');
    expect(respelled('hillarous', ranked(['hilarious']))).toBe('hilarious');
    expect(respelled('brxllxant', ranked(['brilliant']))).toBeUndefined();
  });

  it('keeps the first letter, and leaves short words, capitals, digits and unknowable words alone', () => {
    expect(respelled('trama', ranked(['drama']))).toBeUndefined();
    expect(respelled('gud', ranked(['god', 'bud']))).toBeUndefined();
    expect(respelled('Awsome', ranked(['awesome']))).toBeUndefined();
    expect(respelled('awsome2', ranked(['awesome']))).toBeUndefined();
    expect(respelled('zzzzzz', ranked(['awesome']))).toBeUndefined();
  });
});

describe('the tokenizer respells misspelt words in one-liners', () => {
  const fitted = ReviewTokenizer.fit(['awesome film, terrible plot, clap along, not boring'], { vocabSize: 30, maxLen: 50, truncating: 'pre', negationScope: true });
  const tokenizer = fitted.withEnglishWords(['clapped', 'awesome', 'boaring']);

  it('reads the known word the one-liner meant, negated where the slip was', () => {
    expect(tokenizer.tokens('awsome film')).toEqual(['awesome', 'film']);
    expect(tokenizer.tokens('not terible')).toEqual(['not', 'not_terrible']);
    expect(tokenizer.encode('terible plot')).not.toContain(OOV_INDEX);
  });

  it('leaves English words the model never read, long reviews, and tokenizers without the English words', () => {
    expect(tokenizer.tokens('everyone clapped')).toEqual(['everyone', 'clapped']);
    expect(tokenizer.tokens('boaring')).toEqual(['boaring']);
    const long = `${'the film was fine and '.repeat(3)}awsome`;
    expect(tokenizer.tokens(long).at(-1)).toBe('awsome');
    expect(fitted.tokens('awsome film')).toEqual(['awsome', 'film']);
  });

  it('keeps only the English words beyond its vocabulary, through tokenizer.json', () => {
    expect(tokenizer.config.englishWords).toEqual(['clapped', 'boaring']);
    const copy = ReviewTokenizer.fromConfig(JSON.parse(JSON.stringify(tokenizer.config)));
    expect(copy.config).toEqual(tokenizer.config);
    expect(copy.tokens('awsome film')).toEqual(['awesome', 'film']);
  });
});
