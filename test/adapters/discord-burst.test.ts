import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { PlatformConnection } from '../../src/adapters/connection.js';
import { startDiscord } from '../../src/adapters/discord.js';
import { snowflake } from '../helpers/fake-discord/payloads.js';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../helpers/fake-discord/index.js';
import { createTestBot, type TestBot } from '../helpers/test-bot.js';

const USERS = 20;
const POSTERS_PER_USER = 10;

let discord: FakeDiscord;
let testBot: TestBot;
let connection: PlatformConnection;

beforeAll(async () => {
  discord = await startFakeDiscord();
  testBot = createTestBot({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    DOWNLOAD_ALLOW_HOSTS: discord.host,
    RATE_LIMIT_PER_MINUTE: '8',
    MAX_QUEUE: '16',
    LOG_LEVEL: 'warn',
  });
  connection = await startDiscord({ config: testBot.config, bot: testBot.bot, commands, logger: testBot.logger });
}, 30_000);

afterAll(async () => {
  await connection?.stop();
  await discord?.close();
  await testBot?.bot.close();
});

const referenced = (request: RecordedRequest) => (request.body?.message_reference as { message_id?: string } | undefined)?.message_id;

describe('a burst of posters through Discord', () => {
  it(`answers all ${USERS * POSTERS_PER_USER} posters from ${USERS} users: a result or a polite "busy"/"slow down"`, async () => {
    const users = Array.from({ length: USERS }, (_, index) => ({ id: snowflake(), username: `user-${index}` }));
    const attachments = await Promise.all(
      Array.from({ length: USERS * POSTERS_PER_USER }, async (_, index) => {
        const png = await sharp({ create: { width: 24, height: 36, channels: 3, background: { r: index % 256, g: (index * 7) % 256, b: 90 } } }).png().toBuffer();
        return discord.addAttachment(`burst-${index}.png`, png, 'image/png');
      }),
    );
    const rssBefore = process.memoryUsage().rss;
    const sentAt = new Map<string, number>();
    for (const [index, attachment] of attachments.entries()) {
      const message = discord.postMessage({ attachments: [attachment], author: users[index % USERS] });
      sentAt.set(message.id, Date.now());
    }
    await discord.waitForRequest(() => discord.requests.filter((r) => r.status === 200 && sentAt.has(referenced(r) ?? '')).length >= sentAt.size, 60_000);

    const replies = discord.requests.filter((r) => r.status === 200 && sentAt.has(referenced(r) ?? ''));
    expect(new Set(replies.map(referenced)).size).toBe(sentAt.size);
    expect(replies).toHaveLength(sentAt.size);
    const results = replies.filter((r) => Array.isArray(r.body?.embeds) && (r.body.embeds as unknown[]).length === 1);
    const refusals = replies.filter((r) => /slow down|busy|try again/i.test(String(r.body?.content ?? '')));
    expect(results.length + refusals.length).toBe(sentAt.size);
    expect(results.length).toBeGreaterThan(0);

    const latencies = replies.map((r) => r.at - sentAt.get(referenced(r)!)!).sort((a, b) => a - b);
    const typingCalls = discord.requests.filter((r) => r.path.endsWith('/typing')).length;
    console.log(
      `discord burst: ${replies.length} answers (${results.length} results, ${refusals.length} busy/slow down), ` +
        `p50 ${latencies[Math.floor(latencies.length * 0.5)]} ms, p99 ${latencies[Math.floor(latencies.length * 0.99)]} ms, ` +
        `typing calls ${typingCalls}, rss +${Math.round((process.memoryUsage().rss - rssBefore) / 1e6)} MB`,
    );
  }, 90_000);
});
