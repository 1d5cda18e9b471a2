import { describe, expect, it } from 'vitest';
import { genreOverlap, recognisedAndSimilar } from '../../../src/ml/serving/poster/recognise.js';

const poster = (id: string, similarity: number, genres?: string[]) => ({ id, title: id, similarity, ...(genres ? { genres } : {}) });
const THRESHOLD = 0.85;

describe('a recognised poster and its look-alikes', () => {
  it('takes a near-identical nearest poster apart and keeps three others', () => {
    const split = recognisedAndSimilar([poster('a', 0.9), poster('b', 0.6), poster('c', 0.5), poster('d', 0.4)], 3, THRESHOLD);
    expect(split.recognised?.id).toBe('a');
    expect(split.similar.map((p) => p.id)).toEqual(['b', 'c', 'd']);
  });

  it('recognises nothing below the threshold and keeps the first three', () => {
    const split = recognisedAndSimilar([poster('a', THRESHOLD - 0.01), poster('b', 0.6), poster('c', 0.5), poster('d', 0.4)], 3, THRESHOLD);
    expect(split.recognised).toBeUndefined();
    expect(split.similar.map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('copes with an index smaller than asked for', () => {
    expect(recognisedAndSimilar([poster('a', 1)], 3, THRESHOLD)).toEqual({ recognised: poster('a', 1), similar: [] });
    expect(recognisedAndSimilar([], 3, THRESHOLD)).toEqual({ similar: [] });
  });

  it('names nothing when the index has no measured threshold', () => {
    expect(recognisedAndSimilar([poster('a', 1), poster('b', 0.6)], 3, undefined)).toEqual({ similar: [poster('a', 1), poster('b', 0.6)] });
  });

  it('puts look-alikes that share the answer\'s genres first, when the index asks for it', () => {
    const neighbours = [poster('horror', 0.5, ['Horror']), poster('romcom', 0.45, ['Comedy', 'Romance']), poster('drama', 0.44, ['Drama']), poster('comedy', 0.3, ['Comedy'])];
    const order = { genreWeight: 0.1, genres: ['Comedy', 'Romance', 'Drama'] };
    // romcom 0.45 + 0.1 x 2/3, drama 0.44 + 0.1 x 1/3, horror 0.5 + 0, comedy 0.3 + 0.1 x 1/3.
    expect(recognisedAndSimilar(neighbours, 3, THRESHOLD, order).similar.map((p) => p.id)).toEqual(['romcom', 'horror', 'drama']);
    expect(recognisedAndSimilar(neighbours, 3, THRESHOLD, { ...order, genreWeight: 0 }).similar.map((p) => p.id)).toEqual(['horror', 'romcom', 'drama']);
  });

  it("orders a recognised poster's look-alikes by the film's listed genres, not the answer's", () => {
    const neighbours = [poster('bond', 0.95, ['Action', 'Thriller']), poster('comedy', 0.5, ['Comedy']), poster('action', 0.45, ['Action'])];
    const { similar } = recognisedAndSimilar(neighbours, 1, THRESHOLD, { genreWeight: 0.2, genres: ['Comedy'] });
    expect(similar.map((p) => p.id)).toEqual(['action']);
  });
});

describe('genre overlap of two genre lists', () => {
  it('is the shared genres over the genres either has', () => {
    expect(genreOverlap(['Action', 'Drama'], ['Drama', 'War'])).toBeCloseTo(1 / 3);
    expect(genreOverlap(['Drama', 'War'], ['War', 'Drama'])).toBe(1);
    expect(genreOverlap(['Action'], ['Drama'])).toBe(0);
  });

  it('is 0, not NaN, when neither has a genre', () => {
    expect(genreOverlap([], [])).toBe(0);
  });
});
