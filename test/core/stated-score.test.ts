import { describe, expect, it } from 'vitest';
import { severalScores, statedReviewResult, statedScore } from '../../src/core/stated-score.js';

describe('statedScore', () => {
  it.each([
    ['Terrible film, 2/10.', 2, '2/10'],
    ['A solid 8 out of 10', 8, '8 out of 10'],
    ['7.5 / 10, would watch again', 7.5, '7.5 / 10'],
    ['10/10!!', 10, '10/10'],
    ['0/10, avoid', 1, '0/10'],
    ['11/10', 10, '11/10'],
    ['this movie is a 20 out of 10', 10, '20 out of 10'],
    ['-10/10 worst thing ever', 1, '-10/10'],
    ['a capable thriller, worth a watch. -8/10', 8, '8/10'],
    ['7-8/10', 8, '8/10'],
    ['85/100', 8.5, '85/100'],
    ['Seven words. 3/10. Really, 3/10.', 3, '3/10'],
    ['EIGHT OUT OF 10? No: 4 OUT OF 10', 4, '4 OUT OF 10'],
    ['★★★★★', 10, '★★★★★'],
    ['★★★½ gorgeous but long', 7, '★★★½'],
    ['★☆☆☆☆ avoid', 2, '★☆☆☆☆'],
    ['⭐⭐⭐⭐', 8, '⭐⭐⭐⭐'],
    ['⭐️⭐️⭐️⭐️⭐️ loved it', 10, '⭐️⭐️⭐️⭐️⭐️'],
    ['⭐⭐⭐½ fun', 7, '⭐⭐⭐½'],
    ['★★★★☆, and 8/10 on IMDb', 8, '8/10'],
    ['5/5', 10, '5/5'],
    ['4.5/5 go see it', 9, '4.5/5'],
    ['solid 4 out of 5', 8, '4 out of 5'],
    ['Three stars, 3/5', 6, '3/5'],
    ['five stars!', 10, 'five stars'],
    ['1 star', 2, '1 star'],
    ['zero stars, avoid', 1, 'zero stars'],
    ['4-star, loved it', 8, '4-star'],
    ['4 stars from me', 8, '4 stars'],
    ['three stars out of five', 6, 'three stars'],
    ['10 outta 10', 10, '10 outta 10'],
    ['8.5 outta 10', 8.5, '8.5 outta 10'],
    ['4 outta 5', 8, '4 outta 5'],
    ['ten out of ten', 10, 'ten out of ten'],
    ['I gave it a seven out of ten. It never rises above that', 7, 'seven out of ten'],
    ['Eight out of Ten Stars.', 8, 'Eight out of Ten'],
    ['a 3 out of ten, because it stinks', 3, '3 out of ten'],
    ['eight out of ten from me', 8, 'eight out of ten'],
    ['zero out of ten', 1, 'zero out of ten'],
    ['four and a half out of five', 9, 'four and a half out of five'],
    ['one out of five stars', 2, 'one out of five'],
    ['the ending could have been better but 8/10', 8, '8/10'],
    ['i would have to give it ten out of ten', 10, 'ten out of ten'],
    ['would have given it 0/10 if i could, 1/10', 1, '1/10'],
    ['tempted to give it three out of ten, but the effects push it up. 4/10', 4, '4/10'],
    ['an 8 out of 10 instead of a 10 out of ten', 8, '8 out of 10'],
    ['a solid 6', 6, 'a solid 6'],
    ["it's a 5 from me", 5, 'a 5'],
    ["i'd give it an 8", 8, 'give it an 8'],
    ['generous 3', 3, 'generous 3'],
    ['a 2 at best', 2, 'a 2'],
    ['A+', 10, 'A+'],
    ["I'd give it an A", 9, 'give it an A'],
    ['solid B+', 8, 'solid B+'],
    ['grade: b-', 6.5, 'grade: b-'],
    ['C- at best', 4.5, 'C-'],
    ['F', 1, 'F'],
    ['A+ movie', 10, 'A+'],
    ['a D- movie at best', 2.5, 'a D-'],
    ['2/10 would not recommend', 2, '2/10'],
    ['10/10, would not change a thing', 10, '10/10'],
    ['10/10 would watch again', 10, '10/10'],
    ['Awful. 2/10. 8 out of 10 people found this review helpful.', 2, '2/10'],
    ['10', 10, '10'],
    [' 7.5! ', 7.5, '7.5'],
    ['0', 1, '0'],
    ['Boring. 3', 3, '3'],
    ['great fun, 8!', 8, '8'],
    ['Loved it - 9', 9, '9'],
  ])('reads %j as %d', (review, score, text) => {
    expect(statedScore(review)).toEqual({ score, text });
  });

  it.each([
    ['no score', 'A slow start, then wonderful.'],
    ['two different scores', 'I give it 7/10 but IMDb says 9/10'],
    ['a date', 'Seen on 10/10/2020, boring'],
    ['a fraction of something', 'made for 1/10th of the budget'],
    ['part of a longer number', 'rated 11/10 by fans, 4/100 by me'],
    ['a score out of five in a review long enough to read by its words', 'I would give it 3/5 because the middle drags but the ending is great'],
    ['a date out of five', 'saw it on 4/5 with friends, loved it'],
    ['a fraction of the film', '3/5 of the film is flashbacks'],
    ['a star cast', 'a 5 star cast and they deliver'],
    ['the stars of the film', 'the 5 stars of this film were wasted'],
    ['one of the stars of the film', 'one of the 4 stars for me was the dog'],
    ['two different short scores', '4 stars, 2/5'],
    ["someone else's stars beside the reviewer's", 'i give it 4 stars but my friend gave it 2 stars'],
    ['stars as decoration', '★ Best film of the year ★'],
    ['one star emoji, which is praise', '⭐ loved it'],
    ['a run of star emoji longer than five', '⭐⭐⭐⭐⭐⭐⭐⭐'],
    ['a high score that the words after it undo (a meme)', '10/10 would not recommend'],
    ['a high score undone by falling asleep', '5/5 would fall asleep again'],
    ['a high score on a dull condition', '10/10 if you have insomnia'],
    ['an A for effort, a consolation', 'A for effort i guess'],
    ['stars as decoration, one of them not a rating', '★★☆ hmm ★'],
    ['a run of empty stars that is not five long', '★★☆ hmm'],
    ['a star rating and a different score out of ten', '★★★★☆ but really 6/10'],
    ['a half on its own', 'Ranma ½ is my favourite, 8 ½ Women'],
    ['a count out of ten', 'nine out of ten times the sequel is worse'],
    ['a count out of five', 'four out of five dentists would hate it'],
    ["IMDb's count of helpful votes, pasted with the review", '8 out of 10 people found this review helpful. Terrible movie, avoid.'],
    ['a count of critics', '9 out of 10 critics loved it but I thought it was dull'],
    ['a count out of five in digits', '4 out of 5 dentists agree this movie sucks'],
    ['a count of times', 'I watched it 2/10 times'],
    ['a score asked about', '9 out of ten stars? Really?'],
    ['a score the film would have got', 'i would have given it a 10/10 but the ending drags'],
    ['a score the film could have been', "could've been an easy eight out of ten"],
    ['a number that is not a score', 'a 2 hour slog, watched it with a 2 year old'],
    ['a number before something else', 'rated a 9 on imdb, a 4k transfer'],
    ['a bare number asked about', 'a solid 7?'],
    ['a bare number with more decimals than a half', 'a 6.8, a 7.25'],
    ["a title's number at the end", 'not as good as Toy Story 3'],
    ["a decimal's last digit", 'rated 6.5'],
    ['a number alone asked about', '7?'],
    ['a number alone past the scale', '11, 42'],
    ['a number ending a review long enough to read by its words', 'the middle drags and the ending is too long but the cast is great. 7'],
    ['a bare number in a review long enough to read by its words', 'the middle drags and the ending is too long but the cast is a solid 7'],
    ['a score in words past its scale', 'eleven out of ten, ten and a half out of ten'],
    ['a score in words out of five in a review long enough to read by its words', 'I would give it three out of five because the middle drags but the ending is great'],
    ['a letter inside a word', 'an A-list cast in a B-movie, the A-team'],
    ['a letter that is a word', "it's a, i'd give it a"],
    ['a letter that is not a grade', 'plan B would have been to stay home, a D script'],
    ['a grade negated', 'not an A'],
    ['a letter before "movie" without a sign', 'a B movie without the fun, A movie i will never forget'],
    ['a letter grade in a review long enough to read by its words', 'the middle drags and the ending is too long but the cast makes it a solid B+'],
  ])('finds none in a review with %s', (_, review) => {
    expect(statedScore(review)).toBeUndefined();
  });

  it('answers with the stated score, and no words when words were asked for', () => {
    expect(statedReviewResult('Dull. 3/10', false)).toEqual({ rating: 3, stated: '3/10' });
    expect(statedReviewResult('Dull. 3/10', true)).toEqual({ rating: 3, stated: '3/10', words: [] });
    expect(statedReviewResult('Dull.', true)).toBeUndefined();
  });
});

describe('severalScores', () => {
  it('lists the different scores of a chat message that gives several', () => {
    expect(severalScores('Dune 9/10, Barbie 6/10, Oppenheimer 8/10')).toEqual(['9/10', '6/10', '8/10']);
    expect(severalScores('7/10 for the story, 9/10 for the visuals')).toEqual(['7/10', '9/10']);
  });

  it('finds none in one score given twice, in one score or none, and in a review long enough to read by its words', () => {
    expect(severalScores('8/10, maybe even 8/10')).toBeUndefined();
    expect(severalScores('★★★★ 8/10')).toBeUndefined();
    expect(severalScores('Dull. 3/10')).toBeUndefined();
    expect(severalScores('Dull.')).toBeUndefined();
    const long = `${'The middle drags and the ending is far too long, but the cast is great and the score is lovely. '.repeat(3)}The first was a 9/10, this one a 6/10.`;
    expect(severalScores(long)).toBeUndefined();
  });
});
