import { describe, expect, it } from 'vitest';
import { titlesAsFilm } from '../../src/core/film-titles.js';

describe('titlesAsFilm', () => {
  it.each([
    ['Bad Santa is hilarious', 'the film is hilarious'],
    ['Bad Boys for Life was actually good', 'the film was actually good'],
    ['The Good, the Bad and the Ugly is a classic', 'the film is a classic'],
    ['just rewatched Mean Girls, still iconic', 'just rewatched the film, still iconic'],
    ['Happy Feet 2 was boring', 'the film was boring'],
  ])('reads the title in %j as the film', (typed, read) => {
    expect(titlesAsFilm(typed)).toBe(read);
  });

  it.each([
    ['a title-cased verdict', 'Great Movie, Loved It'],
    ['a title-cased verdict on its parts', 'Great Visuals, Weak Plot'],
    ['a negated verdict', 'Not Good'],
    ['a superlative', 'The Best Movie Ever'],
    ['a sentence opened by "I"', 'I Love this movie'],
    ['shouting', 'BAD MOVIE, GREAT SANTA'],
    ['a title with no verdict in it', 'Top Gun Maverick was great'],
    ['a lower-case verdict', 'bad santa'],
    ['a superlative opening a sentence before a name', 'Best Pixar movie in a decade, no contest.'],
    ['a verdict and a name before the kind of film', 'Terrible Netflix original, avoid'],
  ])('leaves %s as written', (_, text) => {
    expect(titlesAsFilm(text)).toBe(text);
  });
});
