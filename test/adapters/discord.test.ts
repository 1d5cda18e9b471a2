import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { commands } from '../../commands/index.js';
import { defineCommand } from '../../src/core/command.js';
import { startDiscordTestBot, type DiscordTestBot } from '../helpers/discord-bot.js';
import { heic, heicEncoderInstalled, needingHeicEncoder } from '../helpers/heic.js';
import type { FakeDiscord, RecordedRequest } from '../helpers/fake-discord/index.js';
import type { TestBot } from '../helpers/test-bot.js';

const EPHEMERAL = 64;
const CHANNEL_MESSAGE = 4;
const DEFERRED_CHANNEL_MESSAGE = 5;

const explode = defineCommand({
  name: 'explode',
  description: 'Fails on purpose, to test the error boundary',
  options: [],
  async run() {
    throw new Error('boom from a test command');
  },
});

const poster = (r: number, g: number, b: number) =>
  sharp({ create: { width: 120, height: 180, channels: 3, background: { r, g, b } } }).png().toBuffer();

let running: DiscordTestBot;
let discord: FakeDiscord;
let testBot: TestBot;
const replyTimesMs: number[] = [];

beforeAll(async () => {
  running = await startDiscordTestBot({}, { commands: [...commands, explode] });
  ({ discord, testBot } = running);
}, 30_000);

afterAll(async () => {
  await running?.stop();
  const sorted = [...replyTimesMs].sort((a, b) => a - b);
  console.log(`discord message-to-reply: n=${sorted.length} median=${sorted[Math.floor(sorted.length / 2)]} ms max=${sorted.at(-1)} ms`);
});

function referencedMessage(request: RecordedRequest): string | undefined {
  if (request.method !== 'POST' || request.status !== 200) return undefined;
  return (request.body?.message_reference as { message_id?: string } | undefined)?.message_id;
}

const firstEmbed = (message: Record<string, unknown> | undefined): APIEmbed => (message?.embeds as APIEmbed[] | undefined)?.[0] ?? {};

async function timedReply(send: () => { id: string }, count = 1): Promise<RecordedRequest[]> {
  const started = Date.now();
  const message = send();
  const replies: RecordedRequest[] = [];
  await discord.waitForRequest(() => discord.requests.filter((r) => referencedMessage(r) === message.id).length >= count);
  replies.push(...discord.requests.filter((r) => referencedMessage(r) === message.id));
  replyTimesMs.push(Math.max(...replies.map((r) => r.at)) - started);
  return replies;
}

function expectPosterEmbed(embed: APIEmbed): void {
  const bars = embed.description?.match(/[▰▱]{10} \d{1,3}%/g) ?? [];
  expect(bars).toHaveLength(3);
  expect(embed.fields?.[0]?.value).toMatch(/^⭐ \d+\.\d \/ 10 \(give or take 0\.8\)$/);
}

const interactionCalls = (token: string) => discord.requests.filter((r) => r.path.includes(`/${token}`));

async function commandAnswered(token: string, settled: (calls: RecordedRequest[]) => boolean): Promise<RecordedRequest[]> {
  await discord.waitForRequest(() => settled(interactionCalls(token)));
  return interactionCalls(token);
}

const isAnswer = (request: RecordedRequest) => request.method === 'PATCH' || request.body?.type === CHANNEL_MESSAGE;

/** The message that answered a command: the reply itself (an interaction callback's `data`), or a deferral's edit. */
async function commandAnswer(token: string): Promise<Record<string, unknown> | undefined> {
  const answer = (await commandAnswered(token, (all) => all.some(isAnswer))).find(isAnswer)!;
  return answer.method === 'PATCH' ? answer.body : (answer.body?.data as Record<string, unknown> | undefined);
}

describe('Discord adapter against the fake Discord', () => {
  it('answers a poster in a channel with a reply to that message: three genres and a rating', async () => {
    const attachment = discord.addAttachment('poster.png', await poster(200, 40, 40), 'image/png');
    const channelId = discord.guilds[0]!.channelId;
    let messageId = '';
    const [reply] = await timedReply(() => {
      const message = discord.postMessage({ attachments: [attachment], mention: true });
      messageId = message.id;
      return message;
    });
    expect(reply!.path).toBe(`/channels/${channelId}/messages`);
    expect(reply!.body?.message_reference).toMatchObject({ message_id: messageId });
    expectPosterEmbed(firstEmbed(reply!.body));
    expect(firstEmbed(reply!.body).thumbnail?.url).toBe(attachment.url);
    expect(reply!.body?.allowed_mentions).toMatchObject({ parse: [], replied_user: false });
    expect(discord.requests.some((r) => r.path === `/channels/${channelId}/typing`)).toBe(true);
  });

  it('answers the images of a message in one reply, a numbered card each, rather than a reply each', async () => {
    const first = discord.addAttachment('a.jpg', await sharp(await poster(20, 200, 20)).jpeg().toBuffer());
    const second = discord.addAttachment('b.png', await poster(20, 20, 200), 'image/png');
    const message = discord.postMessage({ attachments: [first, second] });
    const [reply] = await timedReply(() => message);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(discord.requests.filter((r) => referencedMessage(r) === message.id)).toHaveLength(1);
    const embeds = (reply!.body?.embeds as APIEmbed[] | undefined) ?? [];
    for (const embed of embeds) expectPosterEmbed(embed);
    expect(embeds.map((embed) => [embed.title, embed.thumbnail?.url])).toEqual([['1 · 🎬 a.jpg', first.url], ['2 · 🎬 b.png', second.url]]);
    const rows = (reply!.body?.components as Array<{ components: Array<{ label?: string }> }> | undefined) ?? [];
    expect(rows.map((row) => row.components.map((button) => button.label))).toEqual([['Why 1?'], ['Why 2?']]);
  });

  it('answers a poster sent in a direct message, in that DM', async () => {
    const attachment = discord.addAttachment('dm.webp', await sharp(await poster(90, 90, 10)).webp().toBuffer(), 'image/webp');
    const [reply] = await timedReply(() => discord.postMessage({ attachments: [attachment], dm: true }));
    expect(reply!.path).toMatch(/^\/channels\/9\d+\/messages$/);
    expectPosterEmbed(firstEmbed(reply!.body));
  });

  it("reads the media proxy's smaller copy of a picture over the size limit (a 15 MB phone photo)", async () => {
    const original = new Uint8Array(10 * 1024 * 1024 + 1);
    const attachment = discord.addAttachment('IMG_2041.png', original, 'image/png', { width: 3000, height: 4000, bytes: await poster(150, 60, 30) });
    const [reply] = await timedReply(() => discord.postMessage({ attachments: [attachment], mention: true }));
    expectPosterEmbed(firstEmbed(reply!.body));
    expect(discord.mediaRequests).toEqual([expect.stringMatching(/IMG_2041\.png\?width=1200&height=1600$/)]);
  });

  it.skipIf(!heicEncoderInstalled)(needingHeicEncoder("answers an iPhone's HEIC photo, with no thumbnail Discord could not show"), async () => {
    const attachment = discord.addAttachment('IMG_2042.HEIC', await heic(sharp(await poster(150, 60, 30))), 'image/heic');
    const [reply] = await timedReply(() => discord.postMessage({ attachments: [attachment] }));
    expectPosterEmbed(firstEmbed(reply!.body));
    expect(firstEmbed(reply!.body).thumbnail).toBeUndefined();
  });

  it('says clearly when an attached "image" cannot be read', async () => {
    const attachment = discord.addAttachment('broken.png', new TextEncoder().encode('<html>login</html>'), 'image/png');
    const [reply] = await timedReply(() => discord.postMessage({ attachments: [attachment], mention: true }));
    expect(reply!.body?.content).toMatch(/image|read|recogni/i);
    expect(reply!.body?.embeds ?? []).toHaveLength(0);
  });

  it('ignores messages without images and messages from bots', async () => {
    const text = discord.postMessage({ content: 'no poster here', attachments: [discord.addAttachment('notes.pdf', new Uint8Array(10), 'application/pdf')] });
    const fromBot = discord.postMessage({ attachments: [discord.addAttachment('bot.png', await poster(1, 2, 3), 'image/png')], author: { id: '42', username: 'other-bot', bot: true } });
    const control = discord.addAttachment('control.png', await poster(5, 5, 5), 'image/png');
    await timedReply(() => discord.postMessage({ attachments: [control] }));
    expect(discord.requests.filter((r) => [text.id, fromBot.id].includes(referencedMessage(r) ?? ''))).toHaveLength(0);
  });

  it('answers a quick /poster with an attachment directly: no "thinking…" first', async () => {
    const attachment = discord.addAttachment('slash.png', await poster(240, 200, 0), 'image/png');
    const { token } = discord.runCommand('poster', { image: attachment });
    const [reply] = await commandAnswered(token, (all) => all.length > 0);
    const message = reply!.body?.data as Record<string, unknown>;
    expect(reply!.body?.type).toBe(CHANNEL_MESSAGE);
    expect(message.flags ?? 0).toBe(0); // public
    expectPosterEmbed(firstEmbed(message));
  });

  it('defers a slow /poster within Discord\'s 3 s, then edits in the result', async () => {
    testBot.posterPredictor.delayMs = 2000;
    try {
      const attachment = discord.addAttachment('slow.png', await poster(230, 190, 10), 'image/png');
      const sent = Date.now();
      const { token } = discord.runCommand('poster', { image: attachment });
      const calls = await commandAnswered(token, (all) => all.some((r) => r.method === 'PATCH'));
      expect(calls[0]!.body).toMatchObject({ type: DEFERRED_CHANNEL_MESSAGE, data: { flags: 0 } });
      expect(calls[0]!.at - sent).toBeLessThan(2500);
      const edit = calls.find((r) => r.method === 'PATCH')!;
      expect(edit.path).toMatch(/\/messages\/@original$/);
      expectPosterEmbed(firstEmbed(edit.body));
    } finally {
      testBot.posterPredictor.delayMs = 0;
    }
  });

  it('answers /poster with a url option', async () => {
    const attachment = discord.addAttachment('linked.jpg', await sharp(await poster(10, 120, 240)).jpeg().toBuffer(), 'image/jpeg');
    const { token } = discord.runCommand('poster', { url: attachment.url });
    expectPosterEmbed(firstEmbed(await commandAnswer(token)));
  });

  it('answers /poster with a link to a film\'s web page, showing the picture the page names for previews', async () => {
    const image = discord.addAttachment('page-poster.jpg', await sharp(await poster(240, 120, 10)).jpeg().toBuffer(), 'image/jpeg');
    const page = new TextEncoder().encode(`<!doctype html><html><head><meta property="og:image" content="${image.url}"></head></html>`);
    const { token } = discord.runCommand('poster', { url: discord.addAttachment('film.html', page, 'text/html').url });
    const embed = firstEmbed(await commandAnswer(token));
    expectPosterEmbed(embed);
    expect(embed.thumbnail?.url).toBe(image.url);
  });

  it('rates a review with /rate-review from 1 to 10', async () => {
    const { token } = discord.runCommand('rate-review', { text: 'A slow start, then wonderful.' });
    const title = firstEmbed(await commandAnswer(token)).title ?? '';
    const rating = Number(title.match(/(\d+(?:\.\d)?) \/ 10/)?.[1]);
    expect(rating).toBeGreaterThanOrEqual(1);
    expect(rating).toBeLessThanOrEqual(10);
  });

  it('answers a slash command used in a DM', async () => {
    const { token } = discord.runCommand('rate-review', { text: 'Loved it.' }, { dm: true });
    expect(firstEmbed(await commandAnswer(token)).title).toMatch(/\d\.\d \/ 10/);
  });

  it('lists the commands with /help', async () => {
    const { token } = discord.runCommand('help');
    const content = String((await commandAnswer(token))?.content);
    for (const name of ['/poster', '/rate-review', '/help']) expect(content).toContain(name);
  });

  it('answers a /poster mistake privately, with nothing shown to the channel', async () => {
    const { token } = discord.runCommand('poster');
    const [reply] = await commandAnswered(token, (all) => all.length > 0);
    expect(reply!.body).toMatchObject({ type: CHANNEL_MESSAGE, data: { flags: EPHEMERAL, content: expect.stringMatching(/Attach a poster/) } });
    await new Promise((resolve) => setTimeout(resolve, 2000)); // past the deferral's clock: nothing more is sent
    expect(interactionCalls(token)).toHaveLength(1);
  });

  it('answers an unknown command privately without deferring', async () => {
    const { token } = discord.runCommand('not-a-command');
    const [callback] = await commandAnswered(token, (all) => all.length > 0);
    expect(callback!.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(String((callback!.body?.data as { content?: string }).content)).toMatch(/don't know `\/not-a-command`/);
  });

  it('turns a crashing command into a private "Something went wrong" and one log line', async () => {
    const { token } = discord.runCommand('explode');
    const [reply] = await commandAnswered(token, (all) => all.length > 0);
    expect(reply!.body).toMatchObject({ type: CHANNEL_MESSAGE, data: { flags: EPHEMERAL, content: expect.stringMatching(/Something went wrong/) } });
    const logged = testBot.logs.lines.filter((line) => line.includes('boom from a test command'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ command: 'explode', level: 50 });
  });

  describe('platform faults', () => {
    it.each([
      { fault: '429 with retry_after', status: 429, retryAfterSeconds: 1, times: 1 },
      { fault: '502', status: 502, times: 1 },
      { fault: 'outage outlasting discord.js retries (four 502s)', status: 502, times: 4 },
    ])('delivers the reply exactly once after a $fault', async ({ status, retryAfterSeconds, times }) => {
      const channelId = discord.guilds[0]!.channelId;
      for (let i = 0; i < times; i++) {
        discord.failNext({ method: 'POST', path: new RegExp(`^/channels/${channelId}/messages$`), status, retryAfterSeconds });
      }
      const attachment = discord.addAttachment(`fault-${status}-${times}.png`, await poster(status % 256, times * 50, 70), 'image/png');
      const started = discord.requests.length;
      await timedReply(() => discord.postMessage({ attachments: [attachment] }));
      const posts = discord.requests.slice(started).filter((r) => r.path === `/channels/${channelId}/messages`);
      expect(posts.map((r) => r.status)).toEqual([...Array<number>(times).fill(status), 200]);
    });

    it('resumes after the gateway closes, replays what it missed and keeps answering', async () => {
      const since = discord.gateway.received.length;
      discord.gateway.disconnect(4000);
      const missed = discord.postMessage({ attachments: [discord.addAttachment('missed.png', await poster(30, 30, 90), 'image/png')] });
      await discord.gateway.waitFor('RESUME', 1, since);
      await discord.waitForRequest((r) => referencedMessage(r) === missed.id);
      const attachment = discord.addAttachment('after-resume.png', await poster(90, 30, 30), 'image/png');
      const [reply] = await timedReply(() => discord.postMessage({ attachments: [attachment] }));
      expectPosterEmbed(firstEmbed(reply!.body));
      expect(discord.gateway.received.slice(since).filter((op) => op.op === 'IDENTIFY')).toHaveLength(0);
      expect(running.connection.isHealthy()).toBe(true);
    }, 20_000);

    it('identifies again after an invalid session and keeps answering', async () => {
      const since = discord.gateway.received.length;
      discord.gateway.invalidateSessions(false);
      await discord.gateway.waitFor('IDENTIFY', 1, since);
      await expect.poll(() => running.connection.isHealthy(), { timeout: 10_000 }).toBe(true);
      const attachment = discord.addAttachment('after-identify.png', await poster(60, 60, 60), 'image/png');
      const [reply] = await timedReply(() => discord.postMessage({ attachments: [attachment] }));
      expectPosterEmbed(firstEmbed(reply!.body));
    }, 30_000);
  });

  it('logs the 429 it waited out, and never the bot token or an interaction token', () => {
    expect(testBot.logs.text).toContain('rate limited by Discord');
    expect(testBot.logs.lines.length).toBeGreaterThan(0);
    expect(testBot.logs.text).not.toContain(discord.token);
    expect(testBot.logs.text).not.toContain('interaction-token-');
  });
});
