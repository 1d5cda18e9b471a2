import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { PlatformConnection } from '../../src/adapters/connection.js';
import { startDiscord } from '../../src/adapters/discord/index.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord/index.js';
import { createTestBot, type TestBot } from '../helpers/test-bot.js';

let discord: FakeDiscord | undefined;
let testBot: TestBot | undefined;
let connection: PlatformConnection | undefined;

afterEach(async () => {
  await connection?.stop();
  await discord?.close();
  await testBot?.bot.close();
});

async function startSharded(shards: string, recommendedShards: number): Promise<FakeDiscord> {
  discord = await startFakeDiscord({ guildCount: 2, recommendedShards });
  testBot = createTestBot({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DOWNLOAD_ALLOW_HOSTS: discord.host, DISCORD_SHARDS: shards });
  const started = Date.now();
  connection = await startDiscord({ config: testBot.config, bot: testBot.bot, commands, logger: testBot.logger, metrics: testBot.bot.metrics });
  console.log(`discord ${shards} shard(s) in worker threads: ready in ${Date.now() - started} ms`);
  return discord;
}

async function expectEachGuildAnswered(fake: FakeDiscord): Promise<void> {
  const png = await sharp({ create: { width: 60, height: 90, channels: 3, background: { r: 200, g: 100, b: 0 } } }).png().toBuffer();
  for (const guild of [0, 1]) {
    const message = fake.postMessage({ guild, attachments: [fake.addAttachment(`guild-${guild}.png`, png, 'image/png')] });
    const reply = await fake.waitForRequest((r) => r.status === 200 && (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === message.id);
    expect(reply.path).toBe(`/channels/${fake.guilds[guild]!.channelId}/messages`);
  }
}

describe('Discord sharding', () => {
  it('runs DISCORD_SHARDS=2 as two shards, each answering in its own guild', async () => {
    const fake = await startSharded('2', 1);
    const identified = fake.gateway.received.filter((op) => op.op === 'IDENTIFY').map((op) => op.shard);
    expect(identified).toEqual(expect.arrayContaining([[0, 2], [1, 2]]));
    expect(fake.gateway.connectedShards.sort()).toEqual([0, 1]);
    expect(connection!.isHealthy()).toBe(true);
    await expectEachGuildAnswered(fake);
    const pingedShards = async () => (await testBot!.bot.metrics.gatewayPing.get()).values.map((value) => value.labels.shard).sort();
    await expect.poll(pingedShards, { timeout: 15_000, interval: 500 }).toEqual(['0', '1']);
  }, 40_000);

  it('asks Discord for the shard count with DISCORD_SHARDS=auto', async () => {
    const fake = await startSharded('auto', 2);
    expect(fake.gateway.received.filter((op) => op.op === 'IDENTIFY').map((op) => op.shard?.[1])).toEqual([2, 2]);
    await expectEachGuildAnswered(fake);
  }, 30_000);
});
