import { describe, expect, it } from 'vitest';
import { embedLength, type APIEmbed } from 'discord.js';
import { isPrivate, probabilityBar, renderPosterCards, renderReply, withinPermissions } from '../../src/adapters/discord/render.js';
import { notAPosterNotice, notice } from '../../src/core/reply.js';
import type { PosterResult } from '../../src/core/predictions.js';

const result = { genres: {}, top3: [['Drama', 0.62], ['Crime', 0.3], ['Thriller', 0.05]] as const, rating: 7.25, ratingTypicalError: 0.757 };

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
    expect(embed.fields).toEqual([{ name: 'Predicted IMDb rating', value: '⭐ 7.3 / 10 (give or take 0.8)' }]);
  });

  it('puts ten cards in one message, buttons under the first five, and the text as it was without Embed Links', () => {
    const cards = Array.from({ length: 10 }, (_, i) => ({ kind: 'poster' as const, result, fileName: `p${i + 1}.png`, answerId: `a${i}`, whyId: String(i).repeat(64) }));
    const rendered = renderPosterCards(cards);
    expect((rendered.embeds as APIEmbed[]).map((embed) => embed.title)).toEqual(cards.map((_, i) => `${i + 1} · 🎬 p${i + 1}.png`));
    expect(rendered.components).toHaveLength(5);
    const asText = withinPermissions(rendered, { embeds: false, files: true });
    expect(asText.embeds).toEqual([]);
    expect(asText.content).toMatch(/^\*\*1 · 🎬 p1\.png\*\*\n\*\*Drama\*\*\n▰▰▰▰▰▰▱▱▱▱ 62%/);
    expect(asText.content!.length).toBeLessThanOrEqual(2000);
  });

  it('shows the rating alone when the rating model states no typical error', () => {
    const { ratingTypicalError: _, ...withoutError } = result;
    const { embeds } = renderReply({ kind: 'poster', result: withoutError });
    expect((embeds?.[0] as APIEmbed).fields).toEqual([{ name: 'Predicted IMDb rating', value: '⭐ 7.3 / 10' }]);
  });

  it('names the look-alikes as IMDb links and offers "Why?" beside the votes', () => {
    const similar = [{ id: 'tt0090605', title: 'Aliens [Special]', year: 1986, similarity: 0.8 }, { id: 'tt0078748', title: 'Alien', similarity: 0.7 }];
    const rendered = renderReply({ kind: 'poster', result: { ...result, similar }, answerId: 'a1', whyId: 'f'.repeat(64) });
    expect((rendered.embeds?.[0] as APIEmbed).fields?.[1]).toEqual({
      name: 'Looks like',
      value: '[Aliens Special (1986)](https://www.imdb.com/title/tt0090605/) · [Alien](https://www.imdb.com/title/tt0078748/)',
    });
    const row = rendered.components?.[0] as { components: Array<{ custom_id: string; label?: string }> };
    expect(row.components.map((button) => button.custom_id)).toEqual(['feedback:up:a1', 'feedback:down:a1', `why:${'f'.repeat(64)}`]);
    expect(renderReply({ kind: 'poster', result }).components).toEqual([]);
  });

  it('names a recognised poster before its look-alikes', () => {
    const recognised = { id: 'tt0084058', title: 'Heat and Dust', year: 1983, rating: 6.24, genres: ['Drama', 'Romance'], similarity: 1 };
    const similar = [{ id: 'tt0078748', title: 'Alien', rating: 8.5, similarity: 0.5 }];
    const { embeds } = renderReply({ kind: 'poster', result: { ...result, recognised, similar } });
    expect((embeds?.[0] as APIEmbed).fields?.slice(1).map((field) => field.name)).toEqual(["That's the poster of", 'Looks like']);
    expect((embeds?.[0] as APIEmbed).fields?.[1]?.value).toBe('[Heat and Dust (1983)](https://www.imdb.com/title/tt0084058/), rated 6.2 and listed as Drama, Romance on IMDb');
    // Look-alikes are other films: their scores say nothing of this one.
    expect((embeds?.[0] as APIEmbed).fields?.[2]?.value).toBe('[Alien](https://www.imdb.com/title/tt0078748/)');
  });

  it('attaches the heat map with the genre it explains', () => {
    const rendered = renderReply({ kind: 'heatmap', explanation: { heatmap: { genre: 'Sci-Fi', grid: [[1]] }, overlayPng: new Uint8Array([1, 2]) } });
    expect(rendered.content).toMatch(/^Why Sci-Fi\?/);
    expect(rendered.files).toEqual([expect.objectContaining({ name: 'why-sci-fi.png' })]);
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
    const words = [{ word: 'wonderful', weight: 2.14 }, { word: 'slow', weight: -0.8 }, { word: 'then', weight: -0.04 }];
    const embed = renderReply({ kind: 'review', result: { rating: 7.9, words }, text: 'A slow start, then wonderful.' }).embeds?.[0] as APIEmbed;
    expect(embed.fields).toEqual([{ name: 'Words that moved it', value: 'wonderful +2.1 · slow −0.8' }]);
    expect((renderReply({ kind: 'review', result: { rating: 7.9 }, text: 'x' }).embeds?.[0] as APIEmbed).fields).toBeUndefined();
  });

  it('quotes the plain words a chat message was read as above the words, which the person never typed', () => {
    const result = { rating: 2.5, words: [{ word: 'bad', weight: -2.3 }], readAs: 'the film itself was bad' };
    const embed = renderReply({ kind: 'review', result, text: 'the trailer was the best part' }).embeds?.[0] as APIEmbed;
    expect(embed.fields).toEqual([
      { name: 'Read as', value: '“the film itself was bad”' },
      { name: 'Words that moved it', value: 'bad −2.3' },
    ]);
  });

  it('says so when no word leans either way, as when a film title is sent instead of a review', () => {
    const result = { rating: 5.3, words: [{ word: 'inception', weight: -0.1 }, { word: 'the', weight: 0.01 }] };
    const embed = renderReply({ kind: 'review', result, text: 'Inception' }).embeds?.[0] as APIEmbed;
    expect(embed.fields).toEqual([
      { name: 'No clear opinion', value: expect.stringMatching(/leans either way.*look films up by name/) },
      { name: 'Words that moved it', value: 'inception −0.1' },
    ]);
    const leaning = { rating: 6.2, words: [{ word: 'decent', weight: 0.82 }] };
    expect((renderReply({ kind: 'review', result: leaning, text: 'Not bad' }).embeds?.[0] as APIEmbed).fields?.map((f) => f.name)).toEqual(['Words that moved it']);
  });

  it('says when a review rating is the score the review gives itself', () => {
    const embed = renderReply({ kind: 'review', result: { rating: 2, stated: '2/10', words: [] }, text: 'Awful, 2/10' }).embeds?.[0] as APIEmbed;
    expect(embed.title).toBe('Review rating: 2.0 / 10');
    expect(embed.fields).toEqual([{ name: 'Where it comes from', value: 'The score the review gives itself (2/10).' }]);
  });

  it('offers "Read it anyway" under a refusal whose image was kept, and nothing where it was not', () => {
    const kept = renderReply(notAPosterNotice({ poster: 0.02, keptId: 'a'.repeat(64) }));
    expect(kept.components).toEqual([expect.objectContaining({ components: [expect.objectContaining({ label: 'Read it anyway', custom_id: `anyway:${'a'.repeat(64)}` })] })]);
    expect(renderReply(notAPosterNotice({ poster: 0.02 })).components).toBeUndefined();
  });

  it('says under a poster read despite the gate that its answer is a guess', () => {
    const embed = renderReply({ kind: 'poster', result: { ...result, poster: 0.02 } }).embeds?.[0] as APIEmbed;
    expect(embed.fields).toContainEqual({ name: 'Read it anyway', value: "This doesn't look like a movie poster to me (98% sure), so these genres and this rating are a guess." });
    expect((renderReply({ kind: 'poster', result: { ...result, poster: 0.9 } }).embeds?.[0] as APIEmbed).fields?.map((field) => field.name)).not.toContain('Read it anyway');
  });

  it('cuts a notice to Discord’s 2000 characters and keeps errors and busy notices private', () => {
    expect(renderReply(notice('info', 'x'.repeat(5000))).content).toHaveLength(2000);
    expect([isPrivate(notice('error', 'bad')), isPrivate(notice('busy', 'later')), isPrivate(notice('info', 'help'))]).toEqual([true, true, false]);
  });

  it('keeps ten cards within the 6,000 characters Discord takes in one message, dropping "Looks like" first', () => {
    const title = 'The Lord of the Rings: The Fellowship of the Ring (Extended Edition)';
    const film = (i: number) => ({ id: `tt${String(1000000 + i)}`, title: `${title} ${i}`, year: 2001, similarity: 0.8 });
    const named = { ...result, recognised: { ...film(0), similarity: 0.99, rating: 8.8, genres: ['Action', 'Adventure', 'Drama'] }, similar: [film(1), film(2), film(3)] };
    const tenOf = (posterResult: PosterResult) => renderReply({
      kind: 'posters', found: 20, read: 10,
      posters: Array.from({ length: 10 }, (_, i) => ({ kind: 'poster', result: posterResult, fileName: `Poster ${i + 1} of 20`, tile: new Uint8Array([i]) }) as const),
    }).embeds as APIEmbed[];
    const long = tenOf(named);
    expect(long.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(6000);
    expect(long.flatMap((embed) => embed.fields?.map((field) => field.name))).not.toContain('Looks like');
    expect(long.every((embed) => embed.fields?.some((field) => field.name === "That's the poster of"))).toBe(true);
    const short = tenOf({ ...result, similar: [{ id: 'tt0078748', title: 'Alien', year: 1979, similarity: 0.7 }] });
    expect(short.every((embed) => embed.fields?.some((field) => field.name === 'Looks like'))).toBe(true);
  });

  it('shows a picture of several posters as one card each, its cut-out as the thumbnail, under a heading', () => {
    const poster = (index: number) => ({ kind: 'poster', result, fileName: `Poster ${index} of 3`, tile: new Uint8Array([0xff, 0xd8, index]) }) as const;
    const rendered = renderReply({ kind: 'posters', posters: [poster(1), poster(3)], found: 3, read: 3, fileName: 'favs.png' });
    expect(rendered.content).toBe("favs.png: 3 posters, left to right and top to bottom (1 of them didn't look like a movie poster to me).");
    const embeds = rendered.embeds as APIEmbed[];
    expect(embeds.map((embed) => [embed.title, embed.thumbnail?.url])).toEqual([['🎬 Poster 1 of 3', 'attachment://poster-1.jpg'], ['🎬 Poster 3 of 3', 'attachment://poster-2.jpg']]);
    expect(rendered.files).toEqual([{ attachment: Buffer.from([0xff, 0xd8, 1]), name: 'poster-1.jpg' }, { attachment: Buffer.from([0xff, 0xd8, 3]), name: 'poster-2.jpg' }]);
    expect(rendered.components).toBeUndefined();
  });
});
