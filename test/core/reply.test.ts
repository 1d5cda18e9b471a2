import { describe, expect, it } from 'vitest';
import { recognisedFacts, tilesHeading } from '../../src/core/reply.js';

describe('recognisedFacts', () => {
  const poster = { id: 'tt0086006', title: 'Never Say Never Again', year: 1983, similarity: 0.99 };

  it("gives a recognised film's score and listed genres, each only when the index knows it", () => {
    expect(recognisedFacts({ ...poster, rating: 6.2, genres: ['Action', 'Adventure', 'Thriller'] }))
      .toBe(', rated 6.2 and listed as Action, Adventure, Thriller on IMDb');
    expect(recognisedFacts({ ...poster, rating: 6.24 })).toBe(', rated 6.2 on IMDb');
    expect(recognisedFacts({ ...poster, genres: ['Drama'] })).toBe(', listed as Drama on IMDb');
    // An index built before either was kept, or a film labelled only "N/A".
    expect(recognisedFacts(poster)).toBe('');
    expect(recognisedFacts({ ...poster, genres: [] })).toBe('');
  });
});

describe('tilesHeading', () => {
  const heading = (answered: number, read: number, found: number, fileName?: string) =>
    tilesHeading({ kind: 'posters', posters: Array.from({ length: answered }, () => ({ kind: 'poster', result: { genres: {}, top3: [], rating: 5 } })), found, read, fileName });

  it('counts the posters found and says how many were left out, in words that fit the count', () => {
    expect(heading(4, 4, 4)).toBe('4 posters, left to right and top to bottom.');
    expect(heading(3, 4, 4, 'favs.png')).toBe("favs.png: 4 posters, left to right and top to bottom (1 of them didn't look like a movie poster to me).");
    expect(heading(4, 6, 6)).toBe("6 posters, left to right and top to bottom (2 of them didn't look like movie posters to me).");
  });

  it('says when only the first of a wall of posters were read', () => {
    expect(heading(10, 10, 20)).toBe('20 posters; here are the first 10, left to right and top to bottom.');
    expect(heading(9, 10, 12)).toBe("12 posters; here are the first 10, left to right and top to bottom (1 of them didn't look like a movie poster to me).");
  });
});
