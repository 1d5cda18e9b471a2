import { describe, expect, it } from 'vitest';
import { answerMentionText, asksAboutTheirs, HOW_TO_CORRECT, YOU_ARE_WELCOME } from '../../src/core/mention-reply.js';
import { HOW_TO_ASK } from '../../src/core/message-links.js';
import { createTestBot } from '../helpers/test-bot.js';

const requester = { platform: 'discord', userId: 'u1', requestId: 'r1' } as const;

describe('answerMentionText', () => {
  it('rates a mention that reads as a review, with the words that moved it', async () => {
    const { bot } = createTestBot();
    const reply = await answerMentionText(bot, 'just watched the new Dune, great film', requester);
    expect(reply).toMatchObject({ kind: 'review', result: { rating: 8.5, words: [{ word: 'great' }] } });
  });

  it('rates a score or a verdict in a few words, though it has no review words', async () => {
    const { bot } = createTestBot();
    expect(await answerMentionText(bot, '8/10 for Dune', requester)).toMatchObject({ kind: 'review', result: { rating: 8, stated: '8/10' } });
    for (const verdict of ['loved it', 'barbie was so great omg', 'oppenheimer was great']) {
      expect(await answerMentionText(bot, verdict, requester)).toMatchObject({ kind: 'review' });
    }
    // The same words said to or of the bot are talk, not a review.
    for (const talk of ["you're so great at this", 'the bot is great']) {
      expect(await answerMentionText(bot, talk, requester)).toEqual({ kind: 'notice', tone: 'info', text: HOW_TO_ASK });
    }
  });

  it('answers a question about a film, or a request for one, as /rate-review does', async () => {
    const { bot } = createTestBot();
    for (const question of ['what do you think of Dune part two?', 'recommend me a horror movie']) {
      expect(await answerMentionText(bot, question, requester)).toMatchObject({ kind: 'notice', text: expect.stringMatching(/asking me about a film/) });
    }
  });

  it.each([
    ['a greeting', 'hi there'],
    ['a request with no opinion in it', 'can you help me with something please'],
    ['talk to the bot that is no review', 'you are a great bot, thanks'],
    ['another language', 'una película que no me esperaba'],
    ['no words', '🍿 🍿 🍿 🍿'],
  ])('tells %s how to ask', async (_, text) => {
    const { bot } = createTestBot();
    expect(await answerMentionText(bot, text, requester)).toEqual({ kind: 'notice', tone: 'info', text: HOW_TO_ASK });
  });

  it.each([['thanks!', YOU_ARE_WELCOME], ['thank you so much', YOU_ARE_WELCOME], ['wrong genre, it is a comedy', HOW_TO_CORRECT], ["nope, that's a horror", HOW_TO_CORRECT]])(
    'answers %j in kind',
    async (text, answer) => {
      const { bot } = createTestBot();
      expect(await answerMentionText(bot, text, requester)).toEqual({ kind: 'notice', tone: 'info', text: answer });
    },
  );

  it('rates a review that opens with "no", and takes "thanks, but…" for no thanks', async () => {
    const { bot } = createTestBot();
    expect(await answerMentionText(bot, 'no film this year was as great, loved it', requester)).toMatchObject({ kind: 'review' });
    expect(await answerMentionText(bot, 'no horror film has scared me like this, loved it', requester)).toMatchObject({ kind: 'review' });
    expect(await answerMentionText(bot, "it's actually a great horror film", requester)).toMatchObject({ kind: 'review' });
    expect(await answerMentionText(bot, 'thanks to the cast this film is great', requester)).toMatchObject({ kind: 'review' });
    expect(await answerMentionText(bot, 'thanks, but that is not how this works', requester)).toEqual({ kind: 'notice', tone: 'info', text: HOW_TO_ASK });
  });

  it('says "slow down" as ever', async () => {
    const { bot } = createTestBot({ RATE_LIMIT_PER_MINUTE: '1' });
    await answerMentionText(bot, 'the new Dune film was great, loved it', requester);
    expect(await answerMentionText(bot, 'the old Dune film was great too, loved it', requester)).toMatchObject({ kind: 'notice', tone: 'busy' });
  });
});

describe('asksAboutTheirs', () => {
  it.each(['what genre is this?', 'rate this', '^', '', 'thoughts?'])('takes %j as a question about the message answered', (text) => {
    expect(asksAboutTheirs(text)).toBe(true);
  });

  it.each(['thanks!', 'wrong genre, it is a comedy', 'good bot', 'lol', 'why drama?', 'are you sure?', 'I watched it too and hated the ending'])('takes %j as its own', (text) => {
    expect(asksAboutTheirs(text)).toBe(false);
  });
});
