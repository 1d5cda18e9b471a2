import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { seededShuffle } from '../../../src/util/seeded-random.js';
import { loadReviewPredictor, type ReviewRater } from '../../../src/ml/serving/review/predictor.js';
import { tokenize } from '../../../src/ml/serving/review/tokenizer.js';

const NEGATIVE = ['Terrible, boring film. Avoid.', 'The worst movie I have ever seen.'];
const MIXED = 'It was ok, nothing special.';
const POSITIVE = ['Absolutely loved it, a masterpiece!', 'A slow start, then wonderful.'];
const REVIEWS_TO_EXPLAIN = [
  ...NEGATIVE,
  ...POSITIVE,
  'The plot was predictable and the dialogue was painfully bad, but the lead actress gave a warm and funny performance.',
  'I expected a dull costume drama and instead found a gripping, beautifully shot story with a brilliant cast.',
  "Don't waste your money: a lazy sequel with no jokes that land and a twist you can see coming from the first scene.",
];

/** The shipped rater (models/review, committed), so these tests read it without the training data. */
describe('the shipped review model', () => {
  let rater: ReviewRater;
  beforeAll(async () => {
    await initBackend('wasm');
    rater = await loadReviewPredictor('models');
  });
  afterAll(() => rater?.dispose());

  it('rates short reviews of clearly different sentiment in order (issue 10: they all got 5.79)', async () => {
    const [terrible, worst, ok, loved, slowThenWonderful] = await rater.predict([...NEGATIVE, MIXED, ...POSITIVE]);
    expect(Math.max(terrible!, worst!)).toBeLessThan(ok!);
    expect(ok).toBeLessThan(Math.min(loved!, slowThenWonderful!));
    expect(Math.max(terrible!, worst!)).toBeLessThan(5.5);
    expect(Math.min(loved!, slowThenWonderful!)).toBeGreaterThan(5.5);
    expect(ok).toBeGreaterThanOrEqual(4);
  });

  it('reads typed negations the way they are meant', async () => {
    const [notBad, neverBoring, notFunny, notGood] = await rater.predict([
      "Not bad at all, I'd watch it again.",
      'Never boring, always surprising.',
      'not funny at all',
      'Not good.',
    ]);
    expect(Math.min(notBad!, neverBoring!)).toBeGreaterThan(5.5);
    expect(Math.max(notFunny!, notGood!)).toBeLessThan(5.5);
  });

  it('reads treebank text and typed text the same', async () => {
    const [treebank, typed] = await rater.predict(["it 's not bad -lrb- but i do n't love it -rrb- .", "It's not bad (but I don't love it)."]);
    expect(treebank).toBeCloseTo(typed!, 5);
  });

  it('removing the top-weighted words moves the rating more than removing as many random words', async () => {
    let topShift = 0;
    let randomShift = 0;
    for (const [i, review] of REVIEWS_TO_EXPLAIN.entries()) {
      const { rating, words } = await rater.explain(review);
      // A negated word is shown as "not waste"; the review's own token to remove is "waste".
      const top = words.slice(0, 2).map(({ word }) => word.replace(/^not /, ''));
      const tokens = tokenize(review);
      const others = [...new Set(tokens)];
      const without = (removed: readonly string[]) => tokens.filter((token) => !removed.includes(token)).join(' ');
      const randomDraws = [1, 2, 3, 4, 5].map((seed) => without(seededShuffle(others, seed * 100 + i).slice(0, top.length)));
      const [withoutTop, ...withoutRandom] = await rater.predict([without(top), ...randomDraws]);
      topShift += Math.abs(rating - withoutTop!);
      randomShift += withoutRandom.reduce((sum, value) => sum + Math.abs(rating - value), 0) / withoutRandom.length;
    }
    expect(topShift).toBeGreaterThan(1.5 * randomShift);
  });

  it('gives the top word of a clearly positive review a positive weight and of a clearly negative one a negative weight', async () => {
    const [positive, negative] = await Promise.all([rater.explain(POSITIVE[0]!), rater.explain(NEGATIVE[0]!)]);
    expect(positive.words[0]!.weight).toBeGreaterThan(0);
    expect(negative.words[0]!.weight).toBeLessThan(0);
  });
});
