import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postersInGrid } from '../helpers/framed-poster.js';
import { RED, solid } from '../helpers/image-corpus.js';
import { fileShareEvent } from '../helpers/fake-slack/events.js';
import { startSlackHarness, type SlackHarness } from '../helpers/fake-slack/slack-harness.js';

const GREEN = [10, 240, 10] as const;

describe('Slack behind the poster gate', () => {
  let harness: SlackHarness;
  beforeAll(async () => {
    harness = await startSlackHarness('http');
    // The fake gate: bright green images are "not a poster".
    harness.testBot.posterPredictor.gate = (pixels) => (pixels[1]! > 200 && pixels[0]! < 60 ? 0.03 : 0.97);
  });
  afterAll(async () => harness?.close());

  it('answers the poster of a shared message and says nothing about the image that is not one', async () => {
    const chart = harness.api.addFile('chart.png', 'image/png', await solid(60, 90, GREEN).png().toBuffer());
    const poster = harness.api.addFile('poster.png', 'image/png', await solid(60, 90, RED).png().toBuffer());
    await harness.deliverEvent(fileShareEvent('CGATE', [chart, poster]));
    // Replies go out in the order of the files, so once the poster's is sent the chart's turn has passed.
    await harness.api.waitFor('chat.postMessage', (call) => call.body.channel === 'CGATE' && call.status === 200);
    const replies = harness.api.callsOf('chat.postMessage').filter((call) => call.body.channel === 'CGATE');
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]!.body.blocks)).toContain('poster.png');
  });

  it('answers a picture of several posters with a card per poster, labelled in reading order', async () => {
    const { picture } = await postersInGrid({ rows: 1, columns: 3 });
    await harness.deliverEvent(fileShareEvent('CGRID', [harness.api.addFile('watchlist.png', 'image/png', picture)]));
    const reply = await harness.api.waitFor('chat.postMessage', (call) => call.body.channel === 'CGRID' && call.status === 200);
    const shown = JSON.stringify(reply.body.blocks);
    expect(shown).toContain('watchlist.png: 3 posters, left to right and top to bottom.');
    expect(['Poster 1 of 3', 'Poster 2 of 3', 'Poster 3 of 3'].every((label) => shown.includes(`*${label}: Top genres*`))).toBe(true);
    // Slack's cards hold no picture: the posters cut out of it follow in the thread, labelled as the cards are.
    const tiles = await harness.api.waitFor('files.completeUploadExternal', (call) => call.body.channel_id === 'CGRID');
    expect(tiles.body.thread_ts).toBe(reply.body.thread_ts);
    expect((tiles.body.files as Array<{ title: string }>).map((file) => file.title)).toEqual(['Poster 1 of 3', 'Poster 2 of 3', 'Poster 3 of 3']);
  });
});
