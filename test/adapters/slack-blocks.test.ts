import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/adapters/slack/render.js';
import { notAPosterNotice, notice } from '../../src/core/reply.js';

const result = { genres: { Drama: 0.62, Comedy: 0.3, Action: 0.12 }, top3: [['Drama', 0.62], ['Comedy', 0.3], ['Action', 0.12]] as const, rating: 7.14, ratingTypicalError: 0.757 };

describe('renderReply', () => {
  it('shows a poster result as three genre bars and a rating, with the file name', () => {
    const message = renderReply({ kind: 'poster', result, fileName: 'poster <1>.png' });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('`██████░░░░` *Drama* 62%');
    expect(shown).toContain('`███░░░░░░░` *Comedy* 30%');
    expect(shown).toContain('`█░░░░░░░░░` *Action* 12%');
    expect(shown).toContain('Predicted IMDb rating:* 7.1 / 10 (give or take 0.8)');
    expect(shown).toContain('poster &lt;1&gt;.png');
    expect(message.text).toBe('Drama 62%, Comedy 30%, Action 12%; predicted rating 7.1 / 10 (give or take 0.8)');
  });

  it('names the look-alikes as IMDb links and offers "Why?" without votes too', () => {
    const similar = [{ id: 'tt0090605', title: 'Aliens <b>', year: 1986, similarity: 0.8 }];
    const { blocks } = renderReply({ kind: 'poster', result: { ...result, similar }, whyId: 'f'.repeat(64) });
    expect(JSON.stringify(blocks)).toContain('*Looks like:* <https://www.imdb.com/title/tt0090605/|Aliens &lt;b&gt; (1986)>');
    const actions = blocks.find((block) => block.type === 'actions') as { elements: Array<{ action_id: string }> };
    expect(actions.elements.map((element) => element.action_id)).toEqual([`why:${'f'.repeat(64)}`]);
  });

  it('names a recognised poster before its look-alikes', () => {
    const recognised = { id: 'tt0084058', title: 'Heat and Dust', year: 1983, rating: 6.24, genres: ['Drama', 'Romance'], similarity: 1 };
    const message = renderReply({ kind: 'poster', result: { ...result, recognised, similar: [] } });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain("*That's the poster of* <https://www.imdb.com/title/tt0084058/|Heat and Dust (1983)>, rated 6.2 and listed as Drama, Romance on IMDb");
    expect(shown).not.toContain('Looks like');
    // The notification leads with the film, before what the poster alone suggests.
    expect(message.text).toMatch(/^That's the poster of Heat and Dust \(1983\), rated 6\.2 and listed as Drama, Romance on IMDb\. \w+ \d+%/);
  });

  it('puts a public poster URL beside the genres', () => {
    const message = renderReply({ kind: 'poster', result, imageUrl: 'https://example.com/p.jpg' });
    expect(message.blocks[0]).toMatchObject({ accessory: { type: 'image', image_url: 'https://example.com/p.jpg' } });
  });

  it('quotes a review without letting it mention anyone or open a link', () => {
    const shown = JSON.stringify(renderReply({ kind: 'review', result: { rating: 8.5 }, text: 'Great <!channel> & <https://x|y>' }).blocks);
    expect(shown).toContain('Predicted rating:* 8.5 / 10');
    expect(shown).toContain('Great &lt;!channel&gt; &amp; &lt;https://x|y&gt;');
  });

  it('lists the words that moved a review rating, escaped', () => {
    const words = [{ word: 'wonderful', weight: 2.14 }, { word: '<b>', weight: -0.8 }, { word: 'then', weight: 0.04 }];
    const shown = JSON.stringify(renderReply({ kind: 'review', result: { rating: 7.9, words }, text: 'x' }).blocks);
    expect(shown).toContain('*Words that moved it:* wonderful +2.1 · &lt;b&gt; −0.8');
    expect(shown).not.toContain('then');
    expect(shown).not.toContain('leans either way');
  });

  it('quotes the plain words a chat message was read as above the words, escaped', () => {
    const result = { rating: 2.5, words: [{ word: 'bad', weight: -2.3 }], readAs: 'the film itself was <bad>' };
    const shown = JSON.stringify(renderReply({ kind: 'review', result, text: 'the trailer was the best part' }).blocks);
    expect(shown).toContain('*Read as:* “the film itself was &lt;bad&gt;”');
    expect(shown.indexOf('Read as')).toBeLessThan(shown.indexOf('Words that moved it'));
  });

  it('says so when no word leans either way, as when a film title is sent instead of a review', () => {
    const shown = JSON.stringify(renderReply({ kind: 'review', result: { rating: 5.3, words: [{ word: 'inception', weight: -0.1 }] }, text: 'Inception' }).blocks);
    expect(shown).toContain("Nothing in it leans either way, so the rating sits near the middle. I rate what a review says; I don't look films up by name.");
  });

  it('says when a review rating is the score the review gives itself', () => {
    const shown = JSON.stringify(renderReply({ kind: 'review', result: { rating: 2, stated: '2/10', words: [] }, text: 'Awful, 2/10' }).blocks);
    expect(shown).toContain('*Rating:* 2.0 / 10');
    expect(shown).toContain('The score the review gives itself (2/10).');
    expect(shown).not.toContain('Words that moved it');
  });

  it('offers "Read it anyway" under a refusal whose image was kept, and nothing where it was not', () => {
    const kept = renderReply(notAPosterNotice({ poster: 0.02, keptId: 'b'.repeat(64) }));
    expect(kept.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: `anyway:${'b'.repeat(64)}`, value: 'b'.repeat(64), text: { text: 'Read it anyway' } }] });
    expect(renderReply(notAPosterNotice({ poster: 0.02 })).blocks.map((block) => block.type)).toEqual(['section']);
  });

  it('says under a poster read despite the gate that its answer is a guess', () => {
    expect(JSON.stringify(renderReply({ kind: 'poster', result: { ...result, poster: 0.02 } }).blocks))
      .toContain(":warning: This doesn't look like a movie poster to me (98% sure), so these genres and this rating are a guess.");
    expect(JSON.stringify(renderReply({ kind: 'poster', result: { ...result, poster: 0.9 } }).blocks)).not.toContain(':warning:');
  });

  it('marks notices by tone and cuts text Slack would refuse', () => {
    const message = renderReply(notice('busy', 'x'.repeat(5000)));
    const section = message.blocks[0] as { text: { text: string } };
    expect(section.text.text.startsWith(':hourglass_flowing_sand: x')).toBe(true);
    expect(section.text.text.length).toBe(3000);
  });

  it('shows a picture of several posters as one card each, labelled, within Slack\'s 50 blocks for ten', () => {
    const poster = (index: number) => ({ kind: 'poster', result: { ...result, similar: [{ id: 'tt0078748', title: 'Alien', similarity: 0.7 }] }, fileName: `Poster ${index} of 10`, tile: new Uint8Array([index]) }) as const;
    const message = renderReply({ kind: 'posters', posters: Array.from({ length: 10 }, (_, i) => poster(i + 1)), found: 10, read: 10 });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('10 posters, left to right and top to bottom.');
    expect(shown).toContain('*Poster 2 of 10: Top genres*');
    expect(shown).not.toContain(':frame_with_picture:');
    expect(message.text.split('\n')[1]).toBe('Poster 1 of 10: Drama 62%, Comedy 30%, Action 12%; predicted rating 7.1 / 10 (give or take 0.8)');
  });
});
