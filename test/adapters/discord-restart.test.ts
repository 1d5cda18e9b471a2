import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { startDiscord } from '../../src/adapters/discord/index.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openStore, type BotStore, type FeedbackRecord } from '../../src/store/index.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord/index.js';
import { createTestBot, LogCapture } from '../helpers/test-bot.js';

const image = (r: number, g: number, b: number) => sharp({ create: { width: 120, height: 180, channels: 3, background: { r, g, b } } }).png().toBuffer();

let discord: FakeDiscord;
let dataDir: string;

beforeAll(async () => {
  discord = await startFakeDiscord();
  dataDir = await mkdtemp(join(tmpdir(), 'moviebot-restart-'));
});

afterAll(async () => {
  await discord?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** One run of the bot on the shared DATA_DIR, as a process start and stop would make it. */
async function withBot<T>(work: (store: BotStore) => Promise<T>): Promise<T> {
  const env = { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DOWNLOAD_ALLOW_HOSTS: discord.host, DATA_DIR: dataDir };
  const store = await openStore(loadConfig(env), createLogger('warn', new LogCapture()));
  const testBot = createTestBot(env, { store });
  const connection = await startDiscord({ config: testBot.config, bot: testBot.bot, commands, logger: testBot.logger });
  try {
    return await work(store);
  } finally {
    await connection.stop();
    await testBot.bot.close();
    await store.close();
  }
}

const callOf = (token: string, method: string) => discord.waitForRequest((r) => r.path.includes(`/${token}`) && r.method === method);
const replyTo = (id: string) => discord.waitForRequest((r) => r.status === 200 && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === id);

async function exported(store: BotStore): Promise<FeedbackRecord[]> {
  const records: FeedbackRecord[] = [];
  for await (const record of store.exportFeedback()) records.push(record);
  return records;
}

describe('settings and votes across a restart on the same DATA_DIR', () => {
  it('keeps the channel mode and the corrected vote, and /forget-me deletes it afterwards', async () => {
    await withBot(async () => {
      await callOf(discord.runCommand('settings', { 'image-replies': 'mention' }).token, 'PATCH');
      const asked = discord.postMessage({ attachments: [discord.addAttachment('p.png', await image(150, 20, 60), 'image/png')], mention: true });
      const answer = await replyTo(asked.id);
      const components = answer.body?.components as Array<{ components: Array<{ custom_id: string }> }>;
      const down = discord.useComponent(discord.sentMessage(answer), components[0]!.components[1]!.custom_id);
      const picker = await callOf(down.token, 'POST');
      const menu = (picker.body?.data as { components: Array<{ components: Array<{ custom_id: string }> }> }).components[0]!.components[0]!;
      await callOf(discord.useComponent(discord.sentMessage(answer), menu.custom_id, ['Horror']).token, 'POST');
    });

    await withBot(async (store) => {
      expect(await store.imageReplyMode('discord', discord.guilds[0]!.channelId)).toBe('mention');
      expect(await exported(store)).toEqual([expect.objectContaining({ verdict: 'down', correctedGenres: ['Horror'], platform: 'discord' })]);
      const unasked = discord.postMessage({ attachments: [discord.addAttachment('q.png', await image(20, 150, 60), 'image/png')] });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(discord.requests.some((r) => (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === unasked.id)).toBe(false);
      const forget = await callOf(discord.runCommand('forget-me').token, 'PATCH');
      expect(JSON.stringify(forget.body)).toMatch(/Deleted 1 vote/);
      expect(await exported(store)).toEqual([]);
    });
  });
});
