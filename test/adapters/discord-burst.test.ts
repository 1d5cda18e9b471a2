import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordTestBot, type DiscordTestBot } from '../helpers/discord-bot.js';
import { runDiscordBurst } from '../helpers/discord-burst.js';
import type { FakeDiscord } from '../helpers/fake-discord/index.js';

const USERS = 20;
const POSTERS_PER_USER = 10;

let running: DiscordTestBot;
let discord: FakeDiscord;

beforeAll(async () => {
  running = await startDiscordTestBot({ RATE_LIMIT_PER_MINUTE: '8', MAX_QUEUE: '16', LOG_LEVEL: 'warn' });
  discord = running.discord;
}, 30_000);

afterAll(async () => {
  await running?.stop();
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
