import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { isPrivate, probabilityBar, renderReply } from '../../src/adapters/discord/render.js';
import { notice } from '../../src/core/reply.js';

const result = { genres: {}, top3: [['Drama', 0.62], ['Crime', 0.3], ['Thriller', 0.05]] as const, rating: 7.25 };

describe('rendering replies for Discord', () => {
  it('draws a ten-cell probability bar with the percentage', () => {
    expect(probabilityBar(0.62)).toBe('▰▰▰▰▰▰▱▱▱▱ 62%');
    expect(probabilityBar(1.7)).toBe('▰▰▰▰▰▰▰▰▰▰ 100%');
    expect(probabilityBar(-1)).toBe('▱▱▱▱▱▱▱▱▱▱ 0%');
  });

  it('shows a poster result as an embed with the thumbnail, three genres and the rating', () => {
    const { embeds } = renderReply({ kind: 'poster', result, imageUrl: 'https://cdn.discordapp.com/a/b/poster.png', fileName: 'poster.png' });
    const embed = embeds?.[0] as APIEmbed;
    expect(embed.thumbnail?.url).toBe('https://cdn.discordapp.com/a/b/poster.png');
    expect(embed.description).toBe('**Drama**\n▰▰▰▰▰▰▱▱▱▱ 62%\n**Crime**\n▰▰▰▱▱▱▱▱▱▱ 30%\n**Thriller**\n▰▱▱▱▱▱▱▱▱▱ 5%');
    expect(embed.fields).toEqual([{ name: 'Predicted IMDb rating', value: '⭐ 7.3 / 10' }]);
  });

  it('leaves out a thumbnail Discord would refuse', () => {
    const { embeds } = renderReply({ kind: 'poster', result, imageUrl: 'javascript:alert(1)' });
    expect((embeds?.[0] as APIEmbed).thumbnail).toBeUndefined();
  });

  it('quotes a rated review and never lets its text ping anyone', () => {
    const rendered = renderReply({ kind: 'review', result: { rating: 8 }, text: '@everyone loved it\nsecond line' });
    expect((rendered.embeds?.[0] as APIEmbed).description).toBe('> @everyone loved it\n> second line');
    expect(rendered.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('lists the words that moved a review rating, up with +, down with −', () => {
    const words = [{ word: 'wonderful', weight: 2.14 }, { word: 'slow', weight: -0.8 }];
    const embed = renderReply({ kind: 'review', result: { rating: 7.9, words }, text: 'A slow start, then wonderful.' }).embeds?.[0] as APIEmbed;
    expect(embed.fields).toEqual([{ name: 'Words that moved it', value: 'wonderful +2.1 · slow −0.8' }]);
    expect((renderReply({ kind: 'review', result: { rating: 7.9, words: [] }, text: 'x' }).embeds?.[0] as APIEmbed).fields).toBeUndefined();
  });

  it('cuts a notice to Discord’s 2000 characters and keeps errors and busy notices private', () => {
    expect(renderReply(notice('info', 'x'.repeat(5000))).content).toHaveLength(2000);
    expect([isPrivate(notice('error', 'bad')), isPrivate(notice('busy', 'later')), isPrivate(notice('info', 'help'))]).toEqual([true, true, false]);
  });
});
