import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { GENRES } from '../../src/core/genres.js';
import type { Reply } from '../../src/core/reply.js';
import { createTestBot } from '../helpers/test-bot.js';

const requester = { platform: 'discord', userId: 'user-1' } as const;
const poster = (background: string) =>
  sharp({ create: { width: 60, height: 90, channels: 3, background } }).jpeg().toBuffer();

function expectNotice(reply: Reply, tone: string, text: RegExp): void {
  expect(reply).toMatchObject({ kind: 'notice', tone });
  expect(reply.kind === 'notice' && reply.text).toMatch(text);
}

describe('MovieBot posters', () => {
  it('answers a poster with all 25 genres, the top three and a rating', async () => {
    const { bot } = createTestBot();
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes: await poster('#aa3300') }, requester);
    expect(reply.kind).toBe('poster');
    if (reply.kind !== 'poster') return;
    expect(Object.keys(reply.result.genres)).toEqual([...GENRES]);
    expect(reply.result.top3).toHaveLength(3);
    expect(reply.result.rating).toBeGreaterThanOrEqual(1);
  });

  it('lets a chat answer be explained later ("Why?"), from a small copy of the poster; the local API asks up front instead', async () => {
    const { bot } = createTestBot();
    const bytes = await sharp({ create: { width: 1200, height: 1800, channels: 4, background: '#aa330080' } }).png().toBuffer();
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes }, requester);
    const whyId = reply.kind === 'poster' ? reply.whyId : undefined;
    expect(whyId).toMatch(/^[0-9a-f]{64}$/);
    const why = await bot.explainAnswer(whyId!, requester);
    expect(why).toMatchObject({ kind: 'heatmap', explanation: { heatmap: { genre: reply.kind === 'poster' ? reply.result.top3[0]![0] : '' } } });
    const overlay = await sharp(why.kind === 'heatmap' ? why.explanation.overlayPng : new Uint8Array()).metadata();
    expect([overlay.width, overlay.height]).toEqual([341, 512]);

    const local = await bot.analyzePoster({ kind: 'bytes', bytes }, { platform: 'local', userId: 'page' });
    expect(local.kind === 'poster' && local.whyId).toBe(undefined);
    expectNotice(await bot.explainAnswer('0'.repeat(64), requester), 'error', /no longer have that poster/);
  });

  it('answers a re-posted poster from the cache', async () => {
    const { bot, posterPredictor } = createTestBot();
    const bytes = await poster('#114477');
    const first = await bot.analyzePoster({ kind: 'bytes', bytes }, requester);
    const second = await bot.analyzePoster({ kind: 'bytes', bytes: Uint8Array.from(bytes) }, { ...requester, userId: 'u2' });
    expect(second).toEqual(first);
    expect(posterPredictor.inputsSeen).toBe(1);
    expect(await bot.metrics.registry.getSingleMetricAsString('moviebot_cache_lookups_total')).toMatch(/outcome="hit"} 1/);
  });

  it('tells a user who goes too fast when to come back, per user', async () => {
    const { bot } = createTestBot({ RATE_LIMIT_PER_MINUTE: '2' });
    const bytes = await poster('#000000');
    await bot.analyzePoster({ kind: 'bytes', bytes }, requester);
    await bot.analyzePoster({ kind: 'bytes', bytes }, requester);
    expectNotice(await bot.analyzePoster({ kind: 'bytes', bytes }, requester), 'busy', /Slow down.*\d+ s/);
    expect((await bot.analyzePoster({ kind: 'bytes', bytes }, { ...requester, userId: 'other' })).kind).toBe('poster');
  });

  it('says it is busy, at once, when too many posters are already in flight', async () => {
    const { bot, posterPredictor } = createTestBot({ MAX_QUEUE: '1' });
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const predict = posterPredictor.predict.bind(posterPredictor);
    posterPredictor.predict = async (images) => {
      await gate;
      return predict(images);
    };
    const first = bot.analyzePoster({ kind: 'bytes', bytes: await poster('#010203') }, requester);
    expectNotice(await bot.analyzePoster({ kind: 'bytes', bytes: await poster('#040506') }, requester), 'busy', /busy.*try again/);
    expect(bot.idle).toBe(false);
    release();
    expect((await first).kind).toBe('poster');
    expect(bot.idle).toBe(true);
  });

  it('answers bytes that are no image with a notice, not an exception', async () => {
    const { bot } = createTestBot();
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes: new TextEncoder().encode('not an image at all') }, requester);
    expect(reply).toMatchObject({ kind: 'notice', tone: 'error' });
  });

  it('lets an unexpected model failure reach the adapter, and keeps working after it', async () => {
    const { bot, posterPredictor } = createTestBot();
    const predict = posterPredictor.predict.bind(posterPredictor);
    posterPredictor.predict = async () => {
      throw new Error('out of memory');
    };
    await expect(bot.analyzePoster({ kind: 'bytes', bytes: await poster('#123456') }, requester)).rejects.toThrow('out of memory');
    posterPredictor.predict = predict;
    expect((await bot.analyzePoster({ kind: 'bytes', bytes: await poster('#123456') }, requester)).kind).toBe('poster');
  });
});

describe('MovieBot reviews', () => {
  it('rates a review', async () => {
    const { bot } = createTestBot();
    expect(await bot.rateReview('A wonderful, moving film.', requester)).toMatchObject({ kind: 'review', result: { rating: 8.5 } });
  });

  it('names the words that drove the rating when asked, and only then', async () => {
    const { bot } = createTestBot();
    const explained = await bot.rateReview('A wonderful, moving film.', requester, { explain: true });
    expect(explained).toMatchObject({ kind: 'review', result: { rating: 8.5, words: [{ word: 'wonderful', weight: 5 }] } });
    const plain = await bot.rateReview('A wonderful, moving film.', requester);
    expect(plain.kind === 'review' && plain.result.words).toBe(undefined);
  });

  it("reads a review copied from a film site's page without the page's own lines, and quotes it without them", async () => {
    const { bot } = createTestBot();
    const pasted = 'A wonderful, moving film.\n\n8 out of 10 people found this review helpful.\nWas this review helpful? Sign in to vote.\nPermalink';
    expect(await bot.rateReview(pasted, requester)).toMatchObject({ kind: 'review', result: { rating: 8.5 }, text: 'A wonderful, moving film.' });
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t  '],
  ])('asks for text when the review is %s', async (_, text) => {
    const { bot } = createTestBot();
    expectNotice(await bot.rateReview(text, requester), 'error', /Give me a review/);
  });

  it('says why it cannot rate emoji and punctuation that mean no word', async () => {
    const { bot } = createTestBot();
    expectNotice(await bot.rateReview('🍿🎬 !!! ???', requester), 'error', /couldn't find any words/);
  });

  it('answers a question put to it with what it can do instead of a rating the asker would take for the film\'s', async () => {
    const { bot, reviewPredictor } = createTestBot();
    expectNotice(await bot.rateReview('is dune 2 worth it?', requester), 'error', /asking me about a film.*\/poster/);
    expect(reviewPredictor.calls).toBe(0);
    expect(await bot.rateReview('was it worth the hype? no', requester)).toMatchObject({ kind: 'review' });
    expect(await bot.rateReview('who thought this was a good idea?', requester)).toMatchObject({ kind: 'review' });
  });

  it('says it reads English only, instead of guessing at a review in another language; a stated score still answers', async () => {
    const { bot, reviewPredictor } = createTestBot();
    expectNotice(await bot.rateReview('Una película horrible, muy aburrida y demasiado larga.', requester), 'error', /doesn't look like English/);
    expect(reviewPredictor.calls).toBe(0);
    expect(await bot.rateReview('Una película horrible: 2/10', requester)).toMatchObject({ kind: 'review', result: { rating: 2, stated: '2/10' } });
  });

  it('says a list of scores has no one score to answer with, rather than reading one rating into it', async () => {
    const { bot, reviewPredictor } = createTestBot();
    const reply = await bot.rateReview('Dune 9/10, Barbie 6/10, Oppenheimer 8/10', requester);
    expectNotice(reply, 'error', /^That gives several scores \(9\/10, 6\/10, 8\/10\), so I can't tell which one is the review's/);
    expect(reviewPredictor.calls).toBe(0);
  });

  it('asks for the text when a review is only a link, and rates a review that contains one', async () => {
    const { bot } = createTestBot();
    for (const link of ['https://www.imdb.com/review/rw1234567/', '<https://letterboxd.com/someone/film/dune/>', '<https://example.com/r|my review>']) {
      expectNotice(await bot.rateReview(link, requester), 'error', /That's a link, not a review/);
    }
    expect(await bot.rateReview('Loved it, wonderful (my full review: https://example.com/r)', requester)).toMatchObject({ kind: 'review' });
  });

  it('rates emoji that mean a word', async () => {
    const { bot } = createTestBot();
    expect(await bot.rateReview('🔥🔥🔥', requester)).toMatchObject({ kind: 'review' });
  });

  it('answers a review that states its score with that score, without the model', async () => {
    const { bot, reviewPredictor } = createTestBot();
    const predict = vi.spyOn(reviewPredictor, 'predict');
    const explain = vi.spyOn(reviewPredictor, 'explain');
    expect(await bot.rateReview('Loved the cast, hated the ending. 4/10', requester)).toMatchObject({ kind: 'review', result: { rating: 4, stated: '4/10' } });
    expect(await bot.rateReview('Six out of ten? No: 6 out of 10', requester, { explain: true })).toMatchObject({ kind: 'review', result: { rating: 6, stated: '6 out of 10', words: [] } });
    // Stars alone have no word, and are still a rating.
    expect(await bot.rateReview('★★★½', requester)).toMatchObject({ kind: 'review', result: { rating: 7, stated: '★★★½' } });
    expect(predict).not.toHaveBeenCalled();
    expect(explain).not.toHaveBeenCalled();
  });

  it.each([
    ['100 000 characters', 'great '.repeat(16_667)],
    ['right-to-left script', 'فيلم رائع جدا، أحببته كثيرا'],
    ['HTML', '<p>I <b>loved</b> it<br />really</p><script>alert(1)</script>'],
    ['an unknown language', 'Elokuva oli aivan mahtava ja näyttelijät loistavia'],
  ])('gives a rating for %s', async (_, text) => {
    const { bot } = createTestBot();
    const reply = await bot.rateReview(text, requester);
    expect(reply.kind).toBe('review');
    if (reply.kind === 'review') expect(reply.text.length).toBeLessThanOrEqual(300);
  });
});
