import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordTestBot, type DiscordTestBot } from '../helpers/discord-bot.js';
import type { FakeDiscord, RecordedRequest } from '../helpers/fake-discord/index.js';
import { whiteIsNotAPoster } from '../helpers/fake-predictors.js';
import { MemoryStore } from '../helpers/memory-store.js';

const EPHEMERAL = 64;
const UPDATE_MESSAGE = 7;
const CHANNEL_MESSAGE = 4;
const DEFERRED_CHANNEL_MESSAGE = 5;
const NO_PERMISSIONS = '0';
const OTHER_USER = { id: '222222222222222222', username: 'friend' };

const image = (r: number, g: number, b: number) => sharp({ create: { width: 120, height: 180, channels: 3, background: { r, g, b } } }).png().toBuffer();

let running: DiscordTestBot;
let discord: FakeDiscord;
let store: MemoryStore;

beforeAll(async () => {
  store = new MemoryStore();
  // Guild 3's channel lets the bot post but not embed or attach; guild 4's only lets it read.
  const deniedInChannel = { 3: PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles, 4: PermissionFlagsBits.SendMessages };
  running = await startDiscordTestBot({}, { store, fake: { guildCount: 5, deniedInChannel } });
  discord = running.discord;
  running.testBot.posterPredictor.gate = whiteIsNotAPoster;
}, 30_000);

afterAll(async () => {
  await running?.stop();
});

const repliesTo = (messageId: string) =>
  discord.requests.filter((r) => r.status === 200 && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === messageId);
/** A reply's message: an interaction callback's `data`, or a webhook call's body. */
const messageOf = (request: RecordedRequest) => (request.body?.data ?? request.body) as Record<string, unknown> | undefined;
const callsOf = (token: string) => discord.requests.filter((r) => r.path.includes(`/${token}`));
const firstCall = (token: string) => discord.waitForRequest((r) => r.path.includes(`/${token}`));
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

async function post(file: Buffer, where: { guild?: number; mention?: boolean; thread?: boolean } = {}) {
  const attachment = discord.addAttachment('image.png', file, 'image/png');
  const message = discord.postMessage({ attachments: [attachment], guild: where.guild, mention: where.mention, thread: where.thread });
  await settle();
  return repliesTo(message.id);
}

async function settings(mode: string | undefined, guild: number, permissions?: string, thread?: boolean): Promise<RecordedRequest[]> {
  const { token } = discord.runCommand('settings', mode === undefined ? {} : { 'image-replies': mode }, { guild, permissions, thread });
  await discord.waitForRequest((r) => r.path.includes(`/${token}`) && (r.method === 'PATCH' || (r.method === 'POST' && r.path.includes('/webhooks/'))));
  return callsOf(token);
}

describe('image replies per channel', () => {
  it('in auto mode (the default) answers a poster and stays silent on an image that is not one', async () => {
    expect(await post(await image(150, 30, 30))).toHaveLength(1);
    expect(await post(await image(255, 255, 255))).toHaveLength(0);
  });

  it('in mention mode answers only messages that mention the bot, and says so privately to the admin who set it', async () => {
    const calls = await settings('mention', 1);
    expect(calls[0]!.body).toMatchObject({ data: { flags: EPHEMERAL } });
    expect(JSON.stringify(calls.at(-1)!.body)).toContain('mention');
    expect(await post(await image(30, 150, 30), { guild: 1 })).toHaveLength(0);
    expect(await post(await image(30, 150, 30), { guild: 1, mention: true })).toHaveLength(1);
  });

  it('in off mode answers no posted image, and /settings without a mode says which one the channel has', async () => {
    await settings('off', 2);
    const shown = await settings(undefined, 2);
    expect(shown[0]!.body).toMatchObject({ data: { flags: EPHEMERAL } });
    expect(JSON.stringify(shown.at(-1)!.body)).toContain('Image replies in this channel: **off**');
    expect(await post(await image(30, 30, 150), { guild: 2 })).toHaveLength(0);
    expect(await post(await image(30, 30, 150), { guild: 2, mention: true })).toHaveLength(0);
  });

  it("follows its channel's mode in a thread, unless the thread has one of its own", async () => {
    expect(await post(await image(30, 30, 150), { guild: 2, thread: true })).toHaveLength(0);
    const shown = await settings(undefined, 2, undefined, true);
    expect(JSON.stringify(shown.at(-1)!.body)).toContain('Image replies in this thread: **off**, as in its channel');
    const set = await settings('auto', 2, undefined, true);
    expect(JSON.stringify(set.at(-1)!.body)).toContain('Image replies in this thread: **auto**');
    expect(await post(await image(30, 30, 150), { guild: 2, thread: true })).toHaveLength(1);
    expect(await post(await image(30, 30, 150), { guild: 2 })).toHaveLength(0);
  });

  it('answers as text where it may not embed, and leaves alone a channel where it may not post', async () => {
    const [card] = await post(await image(150, 30, 30), { guild: 3 });
    expect(messageOf(card!)?.embeds).toEqual([]);
    expect(String(messageOf(card!)?.content)).toMatch(/^\*\*🎬 image\.png\*\*\n\*\*\w+\*\*\n[▰▱]{10} \d+%[\s\S]*\*\*Predicted IMDb rating\*\*: ⭐/);
    expect(await post(await image(150, 30, 30), { guild: 4 })).toHaveLength(0);
    expect(await post(await image(150, 30, 30), { guild: 4, mention: true })).toHaveLength(0);
  });

  it('leaves a picture hidden behind a spoiler alone unless asked, and then shows no picture of it', async () => {
    const hidden = async () => discord.addAttachment('SPOILER_ending.png', await image(150, 30, 30), 'image/png');
    const unasked = discord.postMessage({ attachments: [await hidden()] });
    await settle();
    expect(repliesTo(unasked.id)).toHaveLength(0);
    const asked = discord.postMessage({ attachments: [await hidden()], mention: true });
    const reply = await discord.waitForRequest((r) => r.status === 200 && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === asked.id);
    const [card] = messageOf(reply)?.embeds as Array<{ title: string; thumbnail?: unknown }>;
    expect(card).toMatchObject({ title: '🎬 ending.png' });
    expect(card!.thumbnail).toBeUndefined();
    expect(JSON.stringify(messageOf(reply)?.components ?? [])).not.toContain('Why?');
  });

  it('refuses /settings, privately, to a member without Manage Server, and changes nothing', async () => {
    const before = new Map(store.modes);
    const calls = await settings('off', 0, NO_PERMISSIONS);
    expect(JSON.stringify(calls.at(-1)!.body)).toMatch(/Only server admins/);
    expect(calls[0]!.body).toMatchObject({ data: { flags: EPHEMERAL } });
    expect(store.modes).toEqual(before);
    expect(await post(await image(150, 150, 30))).toHaveLength(1);
  });
});

describe('a mention or a DM without an image', () => {
  const textMessage = async (where: { content: string; guild?: number; mention?: boolean; mentionRole?: 'botRole' | 'otherRole'; dm?: boolean }) => {
    const message = discord.postMessage(where);
    await settle();
    return repliesTo(message.id);
  };

  it('says how to ask, reads a linked poster, and leaves a message that does not name the bot alone', async () => {
    const [hint] = await textMessage({ content: 'hi, what do you do?', mention: true });
    expect(JSON.stringify(messageOf(hint!))).toContain('Send me a movie poster');
    const picture = discord.addAttachment('linked.png', await image(150, 30, 30), 'image/png');
    const [card] = await textMessage({ content: `what about this one ${picture.url}`, mention: true });
    expect((messageOf(card!)?.embeds as Array<{ thumbnail?: { url: string } }>)[0]?.thumbnail?.url).toBe(picture.url);
    expect(await textMessage({ content: 'talking among ourselves' })).toHaveLength(0);
    expect(JSON.stringify(messageOf((await textMessage({ content: 'hello', dm: true }))[0]!))).toContain('Send me a movie poster');
  });

  it('rates a mention that reads as a review, and tells talk to the bot how to ask', async () => {
    const message = discord.postMessage({ content: 'just watched Barbie with my sister, we loved it', mention: true });
    const card = await discord.waitForRequest((r) => r.status === 200 && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === message.id);
    expect((messageOf(card)?.embeds as Array<{ title: string }>)[0]?.title).toMatch(/^Review rating: 8\.5 \/ 10$/);
    const [hint] = await textMessage({ content: 'you are a great bot, thanks', mention: true });
    expect(JSON.stringify(messageOf(hint!))).toContain('Send me a movie poster');
  });

  it("takes a mention of the bot's own role (which Discord offers beside the bot) for a mention of the bot, and no other role", async () => {
    const [card] = await textMessage({ content: 'just watched Barbie with my sister, we loved it', mentionRole: 'botRole' });
    expect((messageOf(card!)?.embeds as Array<{ title: string }>)[0]?.title).toBe('Review rating: 8.5 / 10');
    expect(await textMessage({ content: 'just watched Barbie with my sister, we loved it', mentionRole: 'otherRole' })).toHaveLength(0);
    const poster = discord.postMessage({ guild: 1, mentionRole: 'botRole', attachments: [discord.addAttachment('role.png', await image(30, 150, 30), 'image/png')] });
    await settle();
    expect(repliesTo(poster.id)).toHaveLength(1); // guild 1 is in mention mode
  });

  it("waits for Discord's embed of a link whose site gives the bot no picture when the mention came before it", async () => {
    const picture = discord.addAttachment('previewed.png', await image(160, 40, 60), 'image/png');
    const post = discord.addAttachment('status.html', new TextEncoder().encode('<html><head><title>X</title></head><body>Log in</body></html>'), 'text/html');
    const message = discord.postMessage({ content: `the new poster just dropped ${post.url}`, mention: true });
    setTimeout(() => discord.addEmbeds(message, [{ type: 'rich', url: post.url, image: { url: picture.url, proxy_url: picture.url } }]), 300);
    const reply = await discord.waitForRequest((r) => r.status === 200 && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === message.id);
    expect((messageOf(reply)?.embeds as Array<{ thumbnail?: { url: string } }>)[0]?.thumbnail?.url).toBe(picture.url);
    // The wait is shown, as reading an image is.
    expect(discord.requests.some((r) => r.path === `/channels/${message.channel_id}/typing`)).toBe(true);
  });

  it("reads the message a mention replies to: someone's poster, or someone's review", async () => {
    const replyTo = (message: { id: string }) => discord.waitForRequest((r) => r.status === 200 && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === message.id);
    const review = discord.postMessage({ content: 'saw it last night, loved every minute', author: OTHER_USER });
    const rated = await replyTo(discord.postMessage({ content: 'rate this', mention: true, replyTo: review }));
    expect((messageOf(rated)?.embeds as Array<{ title: string; description: string }>)[0]).toMatchObject({ title: 'Review rating: 8.5 / 10', description: '> saw it last night, loved every minute' });
    const thanked = await replyTo(discord.postMessage({ content: 'thanks!', mention: true, replyTo: review }));
    expect(messageOf(thanked)?.content).toBe("You're welcome! 🎬");
    // In mention mode the bot leaves the poster alone until asked: the mention reads it.
    await settings('mention', 1);
    const poster = discord.postMessage({ content: 'new one', author: OTHER_USER, guild: 1, attachments: [discord.addAttachment('theirs.png', await image(30, 90, 160), 'image/png')] });
    const read = await replyTo(discord.postMessage({ content: 'what genre is this?', mention: true, guild: 1, replyTo: poster }));
    expect((messageOf(read)?.embeds as Array<{ title: string }>)[0]?.title).toBe('🎬 theirs.png');
  });

  it('points a mention under a poster it has answered already to that answer, rather than giving a second card', async () => {
    const replyTo = (message: { id: string }) => discord.waitForRequest((r) => r.status === 200 && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === message.id);
    const poster = discord.postMessage({ content: 'new one', author: OTHER_USER, attachments: [discord.addAttachment('carded.png', await image(30, 90, 160), 'image/png')] });
    await replyTo(poster); // its card, in this auto channel
    const again = await replyTo(discord.postMessage({ content: 'what genre is this?', mention: true, replyTo: poster }));
    expect(messageOf(again)?.content).toMatch(new RegExp(`^I answered that one already: https://discord\\.com/channels/\\d+/${poster.channel_id}/\\d+$`));
    expect(messageOf(again)?.embeds ?? []).toEqual([]);
  });

  it('deletes its answers when the person deletes what they answered, and nothing else', async () => {
    const replyTo = (message: { id: string }) => discord.waitForRequest((r) => r.status === 200 && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === message.id);
    const deletions = (channelId: string, id: string) => discord.requests.filter((r) => r.method === 'DELETE' && r.path === `/channels/${channelId}/messages/${id}`);
    const poster = discord.postMessage({ author: OTHER_USER, attachments: [discord.addAttachment('oops.png', await image(30, 90, 160), 'image/png')] });
    const card = await replyTo(poster);
    const review = discord.postMessage({ content: 'saw it last night, loved every minute', author: OTHER_USER });
    const mention = discord.postMessage({ content: 'rate this', mention: true, replyTo: review });
    const rated = await replyTo(mention);
    const kept = discord.postMessage({ author: OTHER_USER, attachments: [discord.addAttachment('kept.png', await image(30, 90, 160), 'image/png')] });
    await replyTo(kept);
    const sentId = (request: RecordedRequest) => (request.answer as { id: string }).id;
    const [cardId, ratedId] = [sentId(card), sentId(rated)];
    discord.deleteMessage(poster);
    discord.deleteMessage(review); // the card rating it shows what it said
    await discord.waitForRequest((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${ratedId}`));
    await discord.waitForRequest((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${cardId}`));
    discord.deleteMessage(mention); // its answer went with the review: nothing more to delete
    await settle();
    expect(deletions(poster.channel_id, cardId)).toMatchObject([{ status: 204 }]);
    expect(deletions(review.channel_id, ratedId)).toMatchObject([{ status: 204 }]);
    expect(discord.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/channels/'))).toHaveLength(2);
  });

  it('stays silent in a channel whose mode is off', async () => {
    expect(await textMessage({ content: 'hi', guild: 2, mention: true })).toHaveLength(0);
  });
});

describe('"Read poster" and feedback', () => {
  it('reads the images of the message it is used on', async () => {
    const attachment = discord.addAttachment('shared.png', await image(90, 20, 120), 'image/png');
    const target = discord.postMessage({ attachments: [attachment], guild: 2 });
    const { token } = discord.runMessageCommand('Read poster', target, { guild: 2 });
    const reply = await discord.waitForRequest((r) => r.path.includes(`/${token}`));
    expect((messageOf(reply)?.embeds as unknown[] | undefined) ?? []).toHaveLength(1);
  });

  it('reads the links of a message that has no image (a poster, or a film\'s page), and says so when it has neither', async () => {
    const picture = discord.addAttachment('linked.png', await image(30, 160, 90), 'image/png');
    const page = discord.addAttachment('film.html', new TextEncoder().encode(`<html><head><meta property="og:image" content="${picture.url}"></head></html>`), 'text/html');
    const target = discord.postMessage({ content: `this one? <${page.url}>`, guild: 2 });
    const { token } = discord.runMessageCommand('Read poster', target, { guild: 2 });
    const reply = await discord.waitForRequest((r) => r.path.includes(`/${token}`));
    expect((messageOf(reply)?.embeds as Array<{ thumbnail?: { url: string } }>)[0]?.thumbnail?.url).toBe(picture.url);

    const plain = discord.postMessage({ content: 'no poster here', guild: 2 });
    const none = discord.runMessageCommand('Read poster', plain, { guild: 2 });
    const answer = await discord.waitForRequest((r) => r.path.includes(`/${none.token}`));
    expect(JSON.stringify(answer.body)).toContain('That message has no image or link I can read.');
  });

  it("reads what Discord's embed shows of a link whose site gives the bot no picture (a post on X)", async () => {
    const picture = discord.addAttachment('previewed.png', await image(160, 40, 60), 'image/png');
    const post = discord.addAttachment('status.html', new TextEncoder().encode('<html><head><title>X</title></head><body>Log in</body></html>'), 'text/html');
    const embeds = [{ type: 'rich', url: post.url, image: { url: picture.url, proxy_url: picture.url } }];
    const target = discord.postMessage({ content: `the new poster just dropped ${post.url}`, guild: 2, embeds });
    const { token } = discord.runMessageCommand('Read poster', target, { guild: 2 });
    const reply = await discord.waitForRequest((r) => r.path.includes(`/${token}`));
    expect((messageOf(reply)?.embeds as Array<{ thumbnail?: { url: string } }>)[0]?.thumbnail?.url).toBe(picture.url);
  });

  it('rates the text of the message "Rate review" is used on, mentions left out, and says so when it has none', async () => {
    const target = discord.postMessage({ content: '<@123456789012345678> A slow start, then wonderful. <:popcorn:998877>', guild: 2 });
    const { token } = discord.runMessageCommand('Rate review', target, { guild: 2 });
    const card = messageOf(await firstCall(token))?.embeds as Array<{ title: string; description: string }>;
    expect(card[0]?.title).toMatch(/^Review rating: /);
    expect(card[0]?.description).toBe('> A slow start, then wonderful. popcorn');

    const picture = discord.addAttachment('image.png', await image(90, 20, 120), 'image/png');
    const imageOnly = discord.postMessage({ attachments: [picture], guild: 2 });
    const none = discord.runMessageCommand('Rate review', imageOnly, { guild: 2 });
    const answer = await firstCall(none.token);
    expect(JSON.stringify(answer.body)).toContain('That message has no text I can rate as a review.');
    expect(messageOf(answer)?.flags).toBe(EPHEMERAL);
  });

  it('numbers the buttons of each card when a message with several pictures gets one reply', async () => {
    const message = discord.postMessage({ attachments: [discord.addAttachment('x.png', await image(200, 30, 90), 'image/png'), discord.addAttachment('y.png', await image(90, 30, 200), 'image/png')] });
    const reply = await discord.waitForRequest((r) => r.status === 200 && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === message.id);
    const rows = reply.body?.components as Array<{ components: Array<{ label?: string; emoji?: { name: string } }> }>;
    expect(rows.map((row) => row.components.map((button) => `${button.emoji?.name ?? ''}${button.label ?? ''}`))).toEqual([['👍1', '👎', '🔍Why?'], ['👍2', '👎', '🔍Why?']]);
  });

  it('records 👍, and a 👎 followed by the genres the poster really has', async () => {
    const [answer] = await post(await image(120, 60, 200));
    const buttons = (answer!.body?.components as Array<{ components: Array<{ custom_id: string }> }>)[0]!.components;
    const [up, down] = buttons.map((button) => button.custom_id);
    expect(up).toMatch(/^feedback:up:/);
    const answerMessage = discord.sentMessage(answer!);

    const upClick = discord.useComponent(answerMessage, up!);
    await firstCall(upClick.token);
    expect([...store.votes.values()].map((vote) => vote.verdict)).toEqual(['up']);

    const downClick = discord.useComponent(answerMessage, down!);
    const picker = await firstCall(downClick.token);
    expect(picker.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    const menu = (picker.body?.data as { components: Array<{ components: Array<{ custom_id: string; options: unknown[] }> }> }).components[0]!.components[0]!;
    expect(menu.options).toHaveLength(25);

    const pick = discord.useComponent({ ...answerMessage, flags: EPHEMERAL }, menu.custom_id, ['Horror', 'Thriller']);
    const thanks = await firstCall(pick.token);
    expect(thanks.body).toMatchObject({ type: UPDATE_MESSAGE });
    const votes = [...store.votes.values()];
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ verdict: 'down', correctedGenres: ['Horror', 'Thriller'] });
  });

  it('/forget-me deletes the caller\'s votes and says how many', async () => {
    const { token } = discord.runCommand('forget-me');
    const answer = await discord.waitForRequest((r) => r.path.includes(`/${token}`) && r.method === 'PATCH');
    expect(JSON.stringify(answer.body)).toMatch(/Deleted 1 vote/);
    expect(store.votes.size).toBe(0);
  });
});

describe('"Why?" under a poster answer', () => {
  it('answers with the heat map of the top genre as an attached PNG', async () => {
    const [answer] = await post(await image(200, 40, 90));
    const buttons = (answer!.body?.components as Array<{ components: Array<{ custom_id: string; label?: string }> }>)[0]!.components;
    const why = buttons.find((button) => button.label === 'Why?')!;
    expect(why.custom_id).toMatch(/^why:[0-9a-f]{64}$/);
    const top = ((answer!.body?.embeds as Array<{ description: string }>)[0]!.description.match(/\*\*(.+?)\*\*/) ?? [])[1];

    const click = discord.useComponent(discord.sentMessage(answer!), why.custom_id);
    const heatmap = await discord.waitForRequest((r) => r.path.includes(`/${click.token}`) && r.files.length > 0);
    expect(heatmap.body).toMatchObject({ type: CHANNEL_MESSAGE }); // ready at once, so the reply itself: no "thinking…"
    expect(heatmap.files).toEqual([expect.objectContaining({ filename: expect.stringMatching(/^why-.+\.png$/) })]);
    expect(heatmap.files[0]!.size).toBeGreaterThan(1000);
    expect(String(messageOf(heatmap)?.content)).toContain(`Why ${top}?`);
  });

  it('goes, with the card, when the poster is deleted; so does "Rate review"\'s answer when the review is', async () => {
    const poster = discord.postMessage({ author: OTHER_USER, attachments: [discord.addAttachment('gone.png', await image(200, 50, 90), 'image/png')] });
    const card = await discord.waitForRequest((r) => r.status === 200 && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === poster.id);
    const cardId = (card.answer as { id: string }).id;
    const why = (card.body?.components as Array<{ components: Array<{ custom_id: string; label?: string }> }>)[0]!.components.find((button) => button.label === 'Why?')!;
    const click = discord.useComponent({ ...discord.sentMessage(card), id: cardId }, why.custom_id);
    const heatmap = await discord.waitForRequest((r) => r.path.includes(`/${click.token}`) && r.status === 200);
    const review = discord.postMessage({ content: 'a slow start, then wonderful', author: OTHER_USER });
    const rating = discord.runMessageCommand('Rate review', review);
    const rated = await discord.waitForRequest((r) => r.path.includes(`/${rating.token}`) && r.status === 200);
    const shownIn = (request: RecordedRequest) => ((request.answer as { resource?: { message: { id: string } } }).resource?.message.id);
    const [heatmapId, ratedId] = [shownIn(heatmap), shownIn(rated)];
    discord.deleteMessage(poster);
    discord.deleteMessage(review);
    await discord.waitForRequest((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${heatmapId}`));
    await discord.waitForRequest((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${ratedId}`));
    const deleted = discord.requests.filter((r) => r.method === 'DELETE' && r.status === 204).map((r) => r.path.split('/').at(-1));
    expect(deleted).toEqual(expect.arrayContaining([cardId, heatmapId, ratedId]));
  });

  it('defers the press when the heat map is slow, then edits the answer in', async () => {
    const [answer] = await post(await image(200, 60, 90));
    const why = (answer!.body?.components as Array<{ components: Array<{ custom_id: string; label?: string }> }>)[0]!.components.find((button) => button.label === 'Why?')!;
    running.testBot.posterPredictor.delayMs = 2000;
    try {
      const click = discord.useComponent(discord.sentMessage(answer!), why.custom_id);
      const heatmap = await discord.waitForRequest((r) => r.path.includes(`/${click.token}`) && r.method === 'PATCH');
      expect(heatmap.files).toEqual([expect.objectContaining({ filename: expect.stringMatching(/^why-.+\.png$/) })]);
      expect(callsOf(click.token)[0]!.body).toMatchObject({ type: DEFERRED_CHANNEL_MESSAGE });
    } finally {
      running.testBot.posterPredictor.delayMs = 0;
    }
  });

  it('says so, privately, when the poster is no longer kept, with nothing shown to the channel', async () => {
    const click = discord.useComponent({ ...discord.sentMessage((await post(await image(10, 200, 90)))[0]!) }, `why:${'0'.repeat(64)}`);
    const answer = await firstCall(click.token);
    expect(answer.body).toMatchObject({ type: CHANNEL_MESSAGE, data: { flags: EPHEMERAL, content: expect.stringMatching(/no longer have that poster/) } });
    await settle();
    expect(callsOf(click.token)).toHaveLength(1);
  });
});

describe('without the Message Content intent', () => {
  it('does not ask for it when DISCORD_MESSAGE_CONTENT=false, and still answers a mention', async () => {
    const other = await startDiscordTestBot({ DISCORD_MESSAGE_CONTENT: 'false' });
    const fake = other.discord;
    try {
      const identify = fake.gateway.received.find((op) => op.op === 'IDENTIFY')!;
      expect(identify.intents! & GatewayIntentBits.MessageContent).toBe(0);
      const message = fake.postMessage({ attachments: [fake.addAttachment('p.png', await image(200, 100, 0), 'image/png')], mention: true });
      await fake.waitForRequest((r) => (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === message.id);
    } finally {
      await other.stop();
    }
  });
});
