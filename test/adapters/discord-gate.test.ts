import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordTestBot, type DiscordTestBot } from '../helpers/discord-bot.js';
import type { FakeDiscord, RecordedRequest } from '../helpers/fake-discord/index.js';
import type { TestBot } from '../helpers/test-bot.js';
import { postersInGrid } from '../helpers/framed-poster.js';

const image = (r: number, g: number, b: number) =>
  sharp({ create: { width: 120, height: 180, channels: 3, background: { r, g, b } } }).png().toBuffer();

let running: DiscordTestBot;
let discord: FakeDiscord;
let testBot: TestBot;

beforeAll(async () => {
  running = await startDiscordTestBot();
  ({ discord, testBot } = running);
  // The fake gate: bright green images are "not a poster".
  testBot.posterPredictor.gate = (pixels) => (pixels[1]! > 200 && pixels[0]! < 60 ? 0.02 : 0.98);
}, 30_000);

afterAll(async () => {
  await running?.stop();
});

const repliesTo = (messageId: string) =>
  discord.requests.filter((r: RecordedRequest) => r.method === 'POST' && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === messageId);

describe('Discord behind the poster gate', () => {
  it('says nothing about an image posted in a channel that is not a movie poster', async () => {
    const photo = discord.postMessage({ attachments: [discord.addAttachment('coins.png', await image(10, 240, 10), 'image/png')] });
    const poster = discord.postMessage({ attachments: [discord.addAttachment('poster.png', await image(200, 40, 40), 'image/png')] });
    await discord.waitForRequest(() => repliesTo(poster.id).length > 0 && testBot.logs.text.includes('image left unanswered'));
    expect(repliesTo(photo.id)).toHaveLength(0);
  });

  it('answers /poster on a non-poster, to the user who asked, with "That doesn\'t look like a movie poster"', async () => {
    const { token } = discord.runCommand('poster', { image: discord.addAttachment('chart.png', await image(20, 230, 20), 'image/png') });
    const answer = () => discord.requests.find((r) => r.path.includes(`/${token}`) && /doesn't look like a movie poster/.test(JSON.stringify(r.body)));
    await discord.waitForRequest(() => answer() !== undefined);
    expect(answer()!.body).not.toHaveProperty('embeds.0');
  });

  it('reads a refused image anyway when the person presses "Read it anyway", and says the answer is a guess', async () => {
    const { token } = discord.runCommand('poster', { image: discord.addAttachment('quad.png', await image(20, 235, 20), 'image/png') });
    const refusal = await discord.waitForRequest((r) => r.path.includes(`/${token}`) && /press Read it anyway/.test(JSON.stringify(r.body)));
    const refusalMessage = refusal.body?.data as { components: Array<{ components: Array<{ custom_id: string; label?: string }> }>; flags?: number };
    const buttons = refusalMessage.components[0]!.components;
    expect(refusalMessage.flags).toBe(64); // ephemeral: only the person who asked sees the refusal and its button
    expect(buttons).toEqual([expect.objectContaining({ label: 'Read it anyway', custom_id: expect.stringMatching(/^anyway:[0-9a-f]{64}$/) })]);

    const refused = discord.sentMessage(refusal);
    const click = discord.useComponent(refused, buttons[0]!.custom_id);
    const card = await discord.waitForRequest((r) => r.path.includes(`/${click.token}`) && r.body?.data !== undefined);
    const { embeds, flags } = card.body!.data as { embeds: Array<{ fields: Array<{ name: string; value: string }> }>; flags?: number };
    expect(flags ?? 0).toBe(0); // the answer is public, in the channel
    const { fields } = embeds[0]!;
    expect(fields).toContainEqual({ name: 'Read it anyway', value: expect.stringMatching(/doesn't look like a movie poster to me \(98% sure\), so these genres and this rating are a guess/) });

    const again = discord.useComponent(refused, buttons[0]!.custom_id);
    const note = await discord.waitForRequest((r) => r.path.includes(`/${again.token}`) && /already been pressed/.test(JSON.stringify(r.body)));
    expect(note.body?.data).toMatchObject({ flags: 64 }); // a second press posts no second card, and tells only the presser why
  });

  it('answers a "four favourites" picture posted in a channel with a card per poster, each with its cut-out', async () => {
    const { picture } = await postersInGrid({ rows: 1, columns: 4 });
    const posted = discord.postMessage({ attachments: [discord.addAttachment('favourites.png', picture, 'image/png')] });
    await discord.waitForRequest(() => repliesTo(posted.id).length > 0);
    const [reply] = repliesTo(posted.id) as [RecordedRequest];
    const embeds = reply.body?.embeds as Array<{ title: string; thumbnail?: { url: string } }>;
    expect(reply.body?.content).toBe('favourites.png: 4 posters, left to right and top to bottom.');
    expect(embeds.map((embed) => embed.title)).toEqual(['🎬 Poster 1 of 4', '🎬 Poster 2 of 4', '🎬 Poster 3 of 4', '🎬 Poster 4 of 4']);
    expect(reply.files.map((file) => file.filename)).toEqual(['poster-1.jpg', 'poster-2.jpg', 'poster-3.jpg', 'poster-4.jpg']);
    expect(embeds[0]!.thumbnail?.url).toBe('attachment://poster-1.jpg');
  });
});
