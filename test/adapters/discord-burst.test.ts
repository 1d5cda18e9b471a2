import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { PlatformConnection } from '../../src/adapters/connection.js';
import { startDiscord } from '../../src/adapters/discord/index.js';
import { runDiscordBurst } from '../helpers/discord-burst.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord/index.js';
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

describe('a burst of posters through Discord', () => {
  it(`answers all ${USERS * POSTERS_PER_USER} posters from ${USERS} users: a result or a polite "busy"/"slow down"`, async () => {
    const rssBefore = process.memoryUsage().rss / 1e6;
    const report = await runDiscordBurst(discord, USERS, POSTERS_PER_USER, 60_000);

    expect(report.answers).toBe(USERS * POSTERS_PER_USER);
    expect(report.wrongCount).toBe(0);
    expect(report.results + report.refusals).toBe(report.answers);
    expect(report.results).toBeGreaterThan(0);
    expect(report.peakRssMb - rssBefore).toBeLessThan(512);
    const typingCalls = discord.requests.filter((r) => r.path.endsWith('/typing')).length;
    console.log(`discord burst: ${JSON.stringify(report)}, typing calls ${typingCalls}`);
  }, 90_000);
});
