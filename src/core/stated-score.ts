/**
 * The score a review gives itself ("7/10", "7 out of 10", "8 outta 10", "seven out of ten", Letterboxd's "★★★½", or in
 * a short review "4/5", "4 stars", "a solid 6" and "B+"): the reviewer's own rating on IMDb's scale, which the bot answers
 * with instead of the model's reading. In aclImdb, 8% of reviews state one score, which equals the review's rating 87%
 * of the time (training part: MAE 0.34, against 0.82 for the model of the time on the same reviews).
 */
import type { ReviewResult } from './predictions.js';
import { IF_YOU_LIKE_DULL } from './chat-patterns.js';
import { isChatMessage, isOneLiner } from './review-text.js';

/**
 * Not a score the film would have got: "would have given it a 10/10 but", "could have been an easy 8/10" (while
 * "could have been better but 8/10" and "would have to give it 10/10" are scores).
 */
const COUNTERFACTUAL_FILLER = 'it|this|that|the|film|movie|show|one|a|an|at|least|easily|easy|solid|strong|maybe|about|only|just|even|me|my';
const NOT_COUNTERFACTUAL = String.raw`(?<!\b(?:would|could|should|might)(?:\s+have|['’]ve|\s+of)\s+(?:been|given|gotten|got|rated|scored|earned|deserved)(?:\s+(?:${COUNTERFACTUAL_FILLER})){0,4}\s+)`;
/** "out of", "/" and chat's "outta". */
const OUT_OF = String.raw`(?:\/|out of|outt?a)`;
/**
 * Not a score but a count: "8 out of 10 people found this review helpful" (what a review copied from IMDb carries),
 * "9 out of 10 critics", "4 out of 5 dentists", "2/10 times".
 */
const NOT_A_COUNT = String.raw`(?!\s+(?:people|persons|users|viewers|critics|reviewers|voters|dentists|doctors|fans|moviegoers|kids|parents|times|found this)\b)`;
/** Where a score out of `max` ends: not inside a longer number, a date ("10/10/2020") or a fraction ("1/10th"), nor a count. */
const outOfEnd = (max: number): string => String.raw`\s*${OUT_OF}\s*${max}(?![\p{L}\d/]|\.\d)${NOT_A_COUNT}`;
const OUT_OF_TEN_END = outOfEnd(10);
/**
 * A minus sign on the number, not "verdict - 5/10" nor the range "7-8/10". Only on 10 or more is it below zero
 * ("-10 out of 10", "-50/10"): on a digit it is as often a dash before the score ("…worth a watch. -8/10", rated 8).
 */
const MINUS = String.raw`(?<![\p{L}\d.,/-])-`;
const STATED_SCORE = new RegExp(String.raw`${NOT_COUNTERFACTUAL}(?<![\d.,/])((?<!${MINUS})10|\d(?:\.\d)?)${OUT_OF_TEN_END}`, 'giu');
/**
 * Past the top of the scale ("11/10", "20 out of 10", "1000/10"): the reviewers' 10 (in aclImdb, 15 reviews rated 9
 * or 10); not another scale ("a straight 11 / 10 on the phoniness scale", in a pan).
 */
const ABOVE_TEN = new RegExp(String.raw`${NOT_COUNTERFACTUAL}(?<![\d.,/])(?<!${MINUS})(1[1-9]|[2-9]\d|[1-9]\d{2,})${OUT_OF_TEN_END}(?!\s+on (?:the|a|my)\b)`, 'giu');
/** Below the bottom ("-10 out of 10", "-50/10"): the reviewers' 1. */
const BELOW_ZERO = new RegExp(String.raw`${NOT_COUNTERFACTUAL}${MINUS}([1-9]\d+(?:\.\d)?)${OUT_OF_TEN_END}`, 'giu');
/** "85/100", "a 65 out of 100": in a one-liner only, as aclImdb's few (11) are as often counts ("99 out of 100"). */
const OUT_OF_HUNDRED = new RegExp(String.raw`${NOT_COUNTERFACTUAL}(?<![\d.,/])(100|\d{1,2})${outOfEnd(100)}`, 'giu');
/**
 * Stars out of five as glyphs: filled, an optional half, and empty ones padding the run to five when present. Chat's
 * star emoji counts from two ("⭐⭐⭐⭐" 9.5 as four "great"s); one alone is praise, as its word says.
 */
const STAR_RUN = /(?<![★☆½⭐])(★{1,5}|(?:⭐\uFE0F?){2,5})(½?)(☆{0,4})(?![★☆½⭐])/gu;
const starCount = (stars: string): number => (stars.match(/[★⭐]/gu) ?? []).length;
/** "4/5", "4.5 out of 5"; not a date ("on 4/5", "5/5/2020") nor a fraction of something ("3/5 of the film", "1/5th"). */
const OUT_OF_FIVE = new RegExp(String.raw`${NOT_COUNTERFACTUAL}(?<![\d.,/])(?<!\bon )([0-5](?:\.5)?)\s*${OUT_OF}\s*5(?![\p{L}\d/]|\.\d| of\b)${NOT_A_COUNT}`, 'giu');
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
const STAR_WORDS = Object.keys(NUMBER_WORDS).filter((word) => NUMBER_WORDS[word]! <= 5);
const SCORE_WORDS = Object.keys(NUMBER_WORDS);
/** Where a score in words ends: its clause's end, "from me" / "for me", or "at best" / "at most". */
const SCORE_END = String.raw`[.!,;:)]|$|(?:from|for) me\b|at (?:best|most)\b`;
/**
 * A score that ends its clause, or comes before "stars", "points", "from me": so "seven out of ten" is a score and
 * "nine out of ten times" or "four out of five dentists" are not. Nor is a question ("9 out of ten stars? Really?").
 */
const ENDS_SCORE = String.raw`(?=\s*(?:${SCORE_END}|stars?\b|points?\b))(?!\s*(?:stars?|points?)?\s*\?)`;
/** "seven out of ten", "8 outta ten", "four and a half out of five": a score partly in words. */
function scoreInWords(outOf: string): RegExp {
  const number = String.raw`(10|\d(?:\.\d)?|${SCORE_WORDS.join('|')})(\s+and a half)?`;
  return new RegExp(String.raw`${NOT_COUNTERFACTUAL}(?<![\p{L}\d.,/])${number}\s+${OUT_OF}\s+${outOf}${ENDS_SCORE}`, 'giu');
}
const OUT_OF_TEN_IN_WORDS = scoreInWords('(?:10|ten)');
const OUT_OF_FIVE_IN_WORDS = scoreInWords('(?:5|five)');
/** Words that grade a bare score ("a solid 6", "generous 3"). */
const SCORE_ADJECTIVE = '(?:solid|strong|weak|generous|easy|hard|low|high|firm|respectable|mere|good|decent|honest|perfect|fair)';
/** Where a bare score or a letter grade stands: after "a", a grading word or "give it" ("a solid", "give it an"). */
const BARE_SCORE_LEAD = String.raw`(?:(?:a|an) (?:${SCORE_ADJECTIVE} )?|${SCORE_ADJECTIVE} |(?:give|gave|giving) (?:it|this) (?:a |an )?)`;
/**
 * A bare score out of ten in a one-liner, after "a", a grading word or "give it", at the end of its clause: "a solid
 * 6", "it's a 5 from me", "i'd give it an 8"; not "a 2 hour slog", "a 4k transfer", "rated a 9 on imdb".
 */
const BARE_SCORE = new RegExp(String.raw`${NOT_COUNTERFACTUAL}\b${BARE_SCORE_LEAD}(10|[1-9](?:\.5)?)(?![\d.,]\d)(?=\s*(?:${SCORE_END}))(?!\s*\?)`, 'giu');
/**
 * A number alone out of ten ending a one-liner, as the whole line or its last clause: "10", "Boring. 3", "great fun,
 * 8!" ("10" read 7.1 by its words); not a title's number ("Toy Story 3"), a decimal's last digit ("rated 6.5"), nor
 * a question ("7?").
 */
const LONE_SCORE = /(?<=(?:^|(?<!\d)[.!,;:–—-])\s*)(10|\d(?:\.\d)?)(?=\s*[.!]*\s*$)/gu;
/** Letter grades on the 1-10 scale. */
const GRADE_SCORES: Readonly<Record<string, number>> = {
  'A+': 10, A: 9, 'A-': 8.5, 'B+': 8, B: 7, 'B-': 6.5, 'C+': 6, C: 5, 'C-': 4.5, 'D+': 4, D: 3, 'D-': 2.5, F: 1,
};
/**
 * A letter grade in a one-liner, as the whole line or where a bare score stands ("i'd give it an A", "solid B+", "C- at
 * best", "grade: B"), or with its sign before "movie" ("an A+ film"); not inside a word ("an A-list cast", "a B-movie"),
 * nor negated ("not an A"), nor a "B movie", nor "an A for effort", a consolation ("C+ for effort" is a grade).
 */
const LETTER_GRADE = new RegExp(String.raw`${NOT_COUNTERFACTUAL}(?<!\bnot )(?:^\s*|\b(?:${BARE_SCORE_LEAD}|grade:?\s*))(?!a\+?\s+for effort\b)([a-d][+-]?|f)(?![\p{L}\d+-])(?:(?=\s*(?:${SCORE_END}|for effort\b))|(?<=[+-])(?=\s+(?:movie|film|flick)\b))(?!\s*\?)`, 'gimu');

/** Each letter grade in `review`: upper-case, or lower-case with its sign ("b+"), as "a" alone is a word. */
function gradesFound(review: string): StatedScore[] {
  return [...review.matchAll(LETTER_GRADE)].flatMap(([text, grade]) =>
    /^[A-DF]|[+-]$/.test(grade!) ? [{ score: GRADE_SCORES[grade!.toUpperCase()]!, text: text.trim() }] : [],
  );
}

/** "4 stars", "4.5 stars", "five stars", not inside a word or a longer number, nor "out of five stars". */
const STARS = String.raw`(?<![\p{L}\d.,/])(?<!${OUT_OF}\s*)([0-5](?:\.5)?|${STAR_WORDS.join('|')})[\s-]*stars?`;
/**
 * "4 stars", "five stars!", "1 star from me", "4 stars out of 5": only at the clause's end (or before "from me", "for
 * me", "out of five"), and never after "the", so "a 5 star cast" and "the 5 stars of this film" are not scores.
 */
const STARS_IN_WORDS = new RegExp(String.raw`${NOT_COUNTERFACTUAL}(?<!\bthe )${STARS}(?=\s*(?:[.!?,;:)]|$|(?:from|for) me\b|out of (?:5|five)\b))`, 'giu');
/** Any count of stars, wherever it stands: a second one ("4 stars but my friend gave it 2 stars") makes any of them unsure. */
const STAR_COUNT = new RegExp(String.raw`${STARS}\b`, 'giu');

export interface StatedScore {
  /** On the 1-10 scale (a stated 0 counts as 1). */
  readonly score: number;
  /** As the review wrote it, e.g. "2/10". */
  readonly text: string;
}

/**
 * "10/10 would not recommend", "10/10 would fall asleep again", "10/10 if you have insomnia": chat's meme, where what
 * follows a high score undoes it.
 */
const UNDONE_SCORE = new RegExp(String.raw`^\s*[,.!-]?\s*(?:would(?:(?:n't| not| never)(?! change\b)| (?:rather|fall asleep|sleep|walk out)\b)|(?:but )?(?:only )?${IF_YOU_LIKE_DULL})`, 'iu');

/** A score out of `max` on the 1-10 scale, or undefined past `max`. */
const outOf = (max: number) => (score: number): number | undefined => (score <= max ? (score * 10) / max : undefined);

/**
 * Each score `pattern` finds (its number, and " and a half" when written), as `toTen` puts it on the 1-10 scale; not
 * a high score the words after it undo.
 */
function scoresFound(review: string, pattern: RegExp, toTen: (score: number) => number | undefined): StatedScore[] {
  return [...review.matchAll(pattern)].flatMap(({ 0: text, 1: number, 2: half, index }) => {
    const rescaled = toTen((NUMBER_WORDS[number!.toLowerCase()] ?? Number(number)) + (half === undefined ? 0 : 0.5));
    const undone = rescaled !== undefined && rescaled >= 6 && UNDONE_SCORE.test(review.slice(index + text.length));
    return rescaled !== undefined && !undone ? [{ score: rescaled, text: text.replace(/\s+/g, ' ') }] : [];
  });
}

/** Every score the review states, on the 1-10 scale, as written. */
function statedScores(review: string): StatedScore[] {
  const inDigits = [...scoresFound(review, STATED_SCORE, outOf(10)), ...scoresFound(review, ABOVE_TEN, () => 10), ...scoresFound(review, BELOW_ZERO, () => 1)];
  // A score partly in words only stands in for one in digits, so it never unsettles one ("an 8 out of 10 instead of
  // a 10 out of ten", "tempted to give it three out of ten, but ... 4/10").
  const readWords = inDigits.length === 0;
  const outOfTen = [...inDigits, ...(readWords ? scoresFound(review, OUT_OF_TEN_IN_WORDS, outOf(10)) : [])];
  // Two runs or more are decoration ("★ Best film ★"), not a rating.
  const runs = [...review.matchAll(STAR_RUN)];
  const stars = (runs.length === 1 ? runs : [])
    .filter(([, filled, half, empty]) => empty === '' || starCount(filled!) + half!.length + empty!.length === 5)
    .map(([text, filled, half]) => ({ score: 2 * (starCount(filled!) + (half === '' ? 0 : 0.5)), text }));
  if (!isOneLiner(review)) return [...outOfTen, ...stars];
  const bare = readWords ? [...scoresFound(review, BARE_SCORE, outOf(10)), ...scoresFound(review, LONE_SCORE, outOf(10)), ...gradesFound(review)] : [];
  return [...outOfTen, ...stars, ...scoresOutOfFive(review, readWords), ...scoresFound(review, OUT_OF_HUNDRED, outOf(100)), ...bare];
}

/**
 * A one-liner's scores out of five, doubled. Only a one-liner's: there the words cannot carry the rating ("5/5" read
 * 5.2, "4 stars" 5.0), while in aclImdb's long reviews that state one the words read closer than twice the score.
 */
function scoresOutOfFive(review: string, readWords: boolean): StatedScore[] {
  const oneStarCount = (review.match(STAR_COUNT) ?? []).length === 1;
  return [
    ...scoresFound(review, OUT_OF_FIVE, outOf(5)),
    ...(readWords ? scoresFound(review, OUT_OF_FIVE_IN_WORDS, outOf(5)) : []),
    ...(oneStarCount ? scoresFound(review, STARS_IN_WORDS, outOf(5)) : []),
  ];
}

/** The review's stated score, or undefined when it states none or several different ones. */
export function statedScore(review: string): StatedScore | undefined {
  const found = statedScores(review);
  if (found.length === 0 || new Set(found.map(({ score }) => score)).size > 1) return undefined;
  return { score: Math.max(1, found[0]!.score), text: found[0]!.text };
}

/**
 * The different scores a chat message gives when it gives more than one ("Dune 9/10, Barbie 6/10, Oppenheimer 8/10",
 * "7/10 for the story, 9/10 for the visuals"): scores of several films or of a film's parts, none of them the review's.
 * Undefined for one score or none, and for a longer review, whose words the model reads.
 */
export function severalScores(review: string): string[] | undefined {
  if (!isChatMessage(review)) return undefined;
  const found = statedScores(review);
  if (new Set(found.map(({ score }) => score)).size < 2) return undefined;
  return [...new Set(found.map(({ text }) => text.trim()))];
}

/** The answer for a review that states its score: that score, and (when words were asked for) no words, as none moved it. */
export function statedReviewResult(review: string, explain: boolean): ReviewResult | undefined {
  const stated = statedScore(review);
  return stated && { rating: stated.score, stated: stated.text, ...(explain ? { words: [] } : {}) };
}
